import ArgumentParser
import Foundation
import HavenCore
import HavenService

/// `haven agency`: agencies of the policy and their keys.
struct AgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "Agencies of the active policy and their keys.",
        subcommands: [Keygen.self, List.self])

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an agency's key pair: the private key goes to --out (0600); the store keeps the public key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agency id.") var id: String
        @Option(help: "Where to write the private key (must not exist).") var out: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let path = StoreLocation.absolute(out)
                let sealed = try await service.generateAgencyKey(id, outPath: path, by: actor)
                if cli.options.json { return try cli.printJSON(["agency": id, "keyFile": path, "sealed": "\(sealed)"]) }
                print(cli.text(.agencyKeyWritten, ["agency": id, "path": path, "sealed": "\(sealed)"]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies, what they receive, and whether they have a key.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let agencies = try await service.listAgencies(by: actor)
                if cli.options.json { return try cli.printJSON(agencies) }
                for agency in agencies {
                    print("\(agency.id) — \(agency.name.text(cli.language))")
                    print("    key: \(agency.keyFingerprint ?? "—")  consent: \(agency.consent.label(cli.language))")
                    print("    receives: \(agency.receives.joined(separator: ", "))")
                }
            }
        }
    }
}
