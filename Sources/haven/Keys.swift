import ArgumentParser
import Foundation
import HavenCore
import HavenService

/// `haven keys`: the master key.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The master key (administrators).", subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new master-key version and re-wrap every case's data key; the key file keeps old versions.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                // The key file keeps its protection: the same passphrase, or none.
                let path = StoreLocation.absolute(cli.keyFile
                    ?? StoreLocation.defaultKeyFile(storeID: service.context.storeID, environment: cli.environment))
                let data = try cli.readInput(path)
                var passphrase: String?
                if (try? KeyFilePassphrase.isProtected(data)) == true {
                    passphrase = cli.environment["HAVEN_PASSPHRASE"] ?? Terminal.readSecret(cli.text(.promptPassphrase))
                    guard passphrase != nil else { throw HavenError.passphraseRequired }
                }
                let (rotation, _) = try await service.rotateKeys(keyFile: path, passphrase: passphrase, by: actor)
                if cli.options.json { return try cli.printJSON(["version": rotation.version, "rewrapped": rotation.rewrapped]) }
                print(cli.text(.keysRotated, ["version": "\(rotation.version)", "count": "\(rotation.rewrapped)", "path": path]))
            }
        }
    }
}
