import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenSQLite

/// `haven init`: creates a store, its key file and the first administrator.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a store, its key file and the first administrator (token printed once).")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The policy folder (default Policies/an-giang).", valueName: "dir"))
    var policy: String?

    @Option(help: "The first administrator's name.")
    var adminName = "Administrator"

    @Flag(help: "Do not protect the key file with a passphrase (a warning is printed).")
    var noPassphrase = false

    @Flag(help: "For drills and tests only: let HAVEN_CLOCK fix this store's clock (deadlines, audit times).")
    var allowFixedClock = false


    func run() async throws {
        try await CLI.run(global) { cli in
            let passphrase = try choosePassphrase(cli)
            let policyDirectory = try PolicyLocator.locate(explicit: policy, environment: cli.environment,
                                                           executablePath: CommandLine.arguments[0])
            let location = try cli.location
            let created = try await StoreSetup.initialise(engine: try cli.engine(for: location),
                location: location, keyFile: cli.keyFile, passphrase: passphrase,
                policyFiles: try PolicyLocator.files(in: policyDirectory), policyTests: try PolicyLocator.tests(in: policyDirectory),
                adminName: adminName, environment: cli.environment, clock: SystemClock(), random: SystemRandom(),
                allowFixedClock: allowFixedClock)
            try Credentials(environment: cli.environment).save(token: created.adminToken, storeID: created.context.storeID)
            if passphrase == nil { Terminal.error(cli.text(.warningNoPassphrase)) }
            if cli.options.json {
                try cli.printJSON(StoreCreated(store: location.shown, keyFile: created.keyFile, adminToken: created.adminToken))
            } else {
                print(cli.text(.initDone, ["store": location.shown, "keyFile": created.keyFile, "token": created.adminToken]))
            }
        }
    }

    func choosePassphrase(_ cli: CLI) throws -> String? {
        if noPassphrase { return nil }
        if let phrase = cli.environment["HAVEN_PASSPHRASE"] {
            guard !phrase.isEmpty else { throw HavenError.passphraseRequired }
            return phrase
        }
        guard let first = Terminal.readSecret(cli.text(.promptPassphrase)), !first.isEmpty else {
            throw HavenError.passphraseRequired
        }
        guard Terminal.readSecret(cli.text(.promptPassphraseRepeat)) == first else {
            Terminal.error(cli.text(.passphraseMismatch))
            throw ExitCode(64)
        }
        return first
    }
}
