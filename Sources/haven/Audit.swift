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
                let (service, actor) = try await cli.session()
                let result = try await service.verifyAudit(by: actor)
                let anchored = service.auditAnchorPresent
                if cli.options.json {
                    return try cli.printJSON(["intact": 1, "entries": Int(result.entries), "checkpoints": result.checkpoints,
                                              "anchored": anchored ? 1 : 0])
                }
                print(cli.text(.auditIntact, ["count": "\(result.entries)", "checkpoints": "\(result.checkpoints)"]))
                if !anchored { Terminal.error(cli.text(.auditNoAnchor)) }
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show audit entries, all or about one case.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only entries about this case.") var `case`: String?
        @Option(help: "At most this many of the newest entries.") var limit = 200

        struct Entry: Encodable {
            let sequence: Int64; let at: Date; let actor: String; let action: String
            let target: String?; let outcome: String; let detail: String; let hash: String
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let entries = try await service.auditEntries(caseID: `case`, limit: max(1, limit), by: actor)
                if cli.options.json {
                    return try cli.printJSON(entries.map {
                        Entry(sequence: $0.sequence, at: $0.at, actor: $0.actor, action: $0.action, target: $0.target,
                              outcome: $0.outcome.rawValue, detail: $0.detail, hash: $0.hash.map { String(format: "%02x", $0) }.joined())
                    })
                }
                print(Table.render(
                    header: ["#", cli.text(.headerTime), cli.text(.headerActor), cli.text(.headerAction),
                             cli.text(.headerTarget), cli.text(.headerOutcome), ""],
                    rows: entries.map { ["\($0.sequence)", Timestamp.format($0.at), $0.actor, $0.action, $0.target ?? "",
                                         $0.outcome.rawValue, $0.detail] }))
            }
        }
    }
}
