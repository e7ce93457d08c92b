import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// `haven audit`: verify and read the tamper-evident audit log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify and read the audit log.", subcommands: [Verify.self, Log.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole audit chain and its signatures; exit 65 naming the first bad entry.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let result = try await client.verifyAudit()
                if cli.options.json { return try cli.printJSON(result) }
                print(cli.text(.auditIntact, ["count": "\(result.entries)", "checkpoints": "\(result.checkpoints)"]))
                if !result.anchored { Terminal.error(cli.text(.auditNoAnchor)) }
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show audit entries, all or about one case.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only entries about this case.") var `case`: String?
        @Option(help: "At most this many of the newest entries.") var limit = 200

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let entries = try await client.auditEntries(caseID: `case`, limit: max(1, limit))
                if cli.options.json { return try cli.printJSON(entries) }
                let policy = try await client.policy()
                print(Table.render(
                    header: ["#", cli.text(.headerTime), cli.text(.headerActor), cli.text(.headerAction),
                             cli.text(.headerTarget), cli.text(.headerOutcome), ""],
                    rows: entries.map { ["\($0.sequence)", policy.regions.timestamp($0.at), $0.actor, $0.action, $0.target ?? "",
                                         $0.outcome, $0.detail] }))
            }
        }
    }
}
