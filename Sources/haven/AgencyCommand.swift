import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService

/// `haven agency`: agencies of the policy and their keys.
struct AgencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency", abstract: "Agencies of the active policy and their keys.",
        subcommands: [Keygen.self, List.self, OriginKey.self, TrustOrigin.self])

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an agency's key pair: the private key goes to --out (0600); the store keeps the public key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The agency id.") var id: String
        @Option(help: "Where to write the private key (must not exist).") var out: String
        @Flag(help: "Replace the agency's existing key (audited; the agency is told). Whoever holds the new key reads every later referral.")
        var replace = false

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let path = StoreLocation.absolute(out)
                let result = try await AgencyKeyMaker.make(service: service, id, outPath: path, replace: replace, by: actor)
                if cli.options.json {
                    return try cli.printJSON(["agency": id, "keyFile": path, "sealed": "\(result.sealed)", "fingerprint": result.fingerprint,
                                              "replaced": result.replaced ?? ""])
                }
                print(cli.text(.agencyKeyWritten, ["agency": id, "path": path, "sealed": "\(result.sealed)"]))
                print(cli.text(.agencyKeyFingerprint, ["fingerprint": result.fingerprint]))
                if let old = result.replaced { print(cli.text(.agencyKeyReplacedFrom, ["old": old])) }
            }
        }
    }

    struct OriginKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "origin-key",
            abstract: "This store's bundle-signing key and its fingerprint, for receiving offices to trust (administrators).")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let identity = try await service.originIdentity(by: actor)
                if cli.options.json {
                    return try cli.printJSON(["store": identity.storeID, "key": identity.publicKey.base64EncodedString(),
                                              "fingerprint": identity.fingerprint])
                }
                print(cli.text(.originIdentity, ["id": identity.storeID, "key": identity.publicKey.base64EncodedString(),
                                                 "fingerprint": identity.fingerprint]))
            }
        }
    }

    struct TrustOrigin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "trust-origin",
            abstract: "Trust bundles from another store: its key, and the fingerprint read aloud by its administrator (administrators).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The origin store's id (S-…).") var store: String
        @Option(help: "The origin's key (base64, from its `haven agency origin-key`).") var key: String
        @Option(help: "The fingerprint, as read aloud or printed by the origin.") var fingerprint: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                guard let data = Data(base64Encoded: key) else { throw HavenError.bundleRejected(reason: .originKeyInvalid) }
                try await service.trustOrigin(store, publicKey: data, fingerprint: fingerprint, by: actor)
                if cli.options.json { return try cli.printJSON(["store": store, "trusted": "yes"]) }
                print(cli.text(.originTrusted, ["id": store, "fingerprint": HavenService.fingerprint(data)]))
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
