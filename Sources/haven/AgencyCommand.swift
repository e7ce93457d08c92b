import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

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
                let client = try await cli.client()
                let path = StoreLocation.absolute(out)
                let result = try await AgencyKeyMaker.make(client: client, id, outPath: path, replace: replace)
                if cli.options.json { return try cli.printJSON(AgencyKeyWritten(agency: id, keyFile: path, result: result)) }
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
                let client = try await cli.client()
                let identity = try await client.originIdentity()
                if cli.options.json {
                    return try cli.printJSON(identity)
                }
                print(cli.text(.originIdentity, ["id": identity.store, "key": identity.key.base64EncodedString(),
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
                let client = try await cli.client()
                guard let data = Data(base64Encoded: key) else { throw HavenError.bundleRejected(reason: .originKeyInvalid) }
                let trusted = try await client.trustOrigin(store, publicKey: data, fingerprint: fingerprint)
                if cli.options.json { return try cli.printJSON(trusted) }
                print(cli.text(.originTrusted, ["id": trusted.store, "fingerprint": trusted.fingerprint]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agencies, what they receive, and whether they have a key.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let agencies = try await client.listAgencies()
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
