import ArgumentParser
import Foundation
import HavenService

/// `haven backup`: a consistent copy of the store, taken while it is in use.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store to a new file (administrators). Back up the key file separately, elsewhere.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The file to write (must not exist).") var out: String

    func run() async throws {
        try await CLI.run(global) { cli in
            let (service, actor) = try await cli.session()
            let path = StoreLocation.absolute(out)
            try await service.backup(to: path, by: actor)
            if cli.options.json { return try cli.printJSON(["backup": path]) }
            print(path)
        }
    }
}
