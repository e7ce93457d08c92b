import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// `haven keys`: the master key.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The master key (administrators).", subcommands: [Rotate.self, Retire.self])

    /// The key file's path and, when it is protected, its passphrase (kept as it was).
    static func keyFile(_ cli: CLI, _ service: HavenService) throws -> (path: String, passphrase: String?) {
        let path = StoreLocation.absolute(cli.keyFile
            ?? StoreLocation.defaultKeyFile(storeID: service.context.storeID, environment: cli.environment))
        let data = try cli.readInput(path)
        guard (try? KeyFilePassphrase.isProtected(data)) == true else { return (path, nil) }
        guard let passphrase = cli.environment["HAVEN_PASSPHRASE"] ?? Terminal.readSecret(cli.text(.promptPassphrase)) else {
            throw HavenError.passphraseRequired
        }
        return (path, passphrase)
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new master-key version and re-wrap every case's data key; the key file keeps old versions.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let local = try await cli.localClient()
                let (service, actor) = (local.service, local.caller)
                let (path, passphrase) = try Keys.keyFile(cli, service)
                let (rotation, _) = try await service.rotateKeys(keyFile: path, passphrase: passphrase, by: actor)
                if cli.options.json { return try cli.printJSON(KeysRotated(version: rotation.version, rewrapped: rotation.rewrapped)) }
                print(cli.text(.keysRotated, ["version": "\(rotation.version)", "count": "\(rotation.rewrapped)", "path": path]))
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove old master-key versions from the key file once no case uses them (after keys rotate).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let local = try await cli.localClient()
                let (service, actor) = (local.service, local.caller)
                let (path, passphrase) = try Keys.keyFile(cli, service)
                let retirement = try await service.retireKeys(keyFile: path, passphrase: passphrase, by: actor)
                if cli.options.json { return try cli.printJSON(KeysRetired(version: retirement.version, retired: retirement.retired)) }
                guard !retirement.retired.isEmpty else { return print(cli.text(.keysNothingToRetire, ["version": "\(retirement.version)"])) }
                print(cli.text(.keysRetired, ["versions": retirement.retired.map(String.init).joined(separator: ", "),
                                              "version": "\(retirement.version)", "path": path]))
            }
        }
    }
}
