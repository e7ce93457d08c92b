import ArgumentParser
import Foundation
import HavenAPI
import HavenService

/// `haven backup`: a consistent copy of the store, taken while it is in use.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store to a new file (administrators). Back up the key file separately, elsewhere.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The file to write (refused if it exists, unless --force).") var out: String
    @Flag(help: "Replace an existing backup file.") var force = false

    func run() async throws {
        try await CLI.run(global) { cli in
            let path = try cli.outputPath(out, force: force)
            let local = try await cli.localClient()
            // Written beside the target, then renamed over it: an existing backup is never
            // half-replaced.
            let temporary = path + ".tmp-\(getpid())"
            try await local.service.backup(to: temporary, by: local.caller)
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw HavenError.storeIO(detail: "cannot write \(path)")
            }
            if cli.options.json { return try cli.printJSON(FileWritten(file: path)) }
            print(path)
        }
    }
}
