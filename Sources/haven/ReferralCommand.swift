import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

extension ReferralStatus: ExpressibleByArgument {}
extension DeclineReason: ExpressibleByArgument {}

/// `haven referral`: the agencies' inboxes and the referral lifecycle.
struct ReferralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: HelpText.pick("Agency inboxes: list, open, acknowledge, accept, decline, close; release, overdue, bundles.", "Chuyển gửi: hộp thư của cơ quan (xem, mở, xác nhận, nhận, từ chối, đóng); chuyển gửi của cán bộ, phiếu in, quá hạn, gói dữ liệu."),
        subcommands: [List.self, Show.self, Slip.self, Ack.self, Accept.self, Decline.self, Close.self, Release.self, Overdue.self,
                      Export.self, Import.self])

    static func printSummary(_ r: ReferralSummary, _ cli: CLI) throws {
        if cli.options.json { return try cli.printJSON(r) }
        print(cli.text(.referralUpdated, ["id": r.id, "status": r.status.label(cli.language)]))
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Your agency's referrals (coded fields only).", "Chuyển gửi của cơ quan bạn, hoặc của vụ việc bạn phụ trách (chỉ thông tin đã mã hóa)."))
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.pick("The agency (default: yours).", "Cơ quan (mặc định: cơ quan của bạn).")) var agency: String?
        @Option(help: HelpText.pick("Only this status.", "Chỉ trạng thái này.")) var status: ReferralStatus?
        @Flag(help: HelpText.pick("Only referrals past their acknowledgement deadline.", "Chỉ chuyển gửi đã quá hạn xác nhận.")) var overdue = false
        @Flag(help: HelpText.pick("Field officers: your communes' referrals held for consent (with --overdue, only those past the agency's deadline).",
                                  "Cán bộ xã: chuyển gửi đang chờ đồng ý ở xã của bạn (cùng --overdue: chỉ những chuyển gửi đã quá hạn của cơ quan)."))
        var held = false
        @Flag(help: HelpText.pick("Field officers: the referrals of your cases — held, declined and overdue first (the default for a field officer).", "Cán bộ xã: chuyển gửi của vụ việc bạn phụ trách — chờ đồng ý, bị từ chối, quá hạn lên trước (mặc định với cán bộ xã)."))
        var mine = false
        @Flag(help: HelpText.pick("With --mine: closed referrals too.", "Cùng --mine: cả chuyển gửi đã đóng.")) var all = false

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                if held { return try await ReferralCommand.listHeld(client, cli, overdue: overdue) }
                if mine || (client.caller.role == .fieldOfficer && agency == nil) {
                    return try await ReferralCommand.listMine(client, cli, overdueOnly: overdue, status: status, includeClosed: all)
                }
                let inbox = agency ?? client.caller.agency ?? ""
                let policy = try await client.policy()
                if let notice = try? await client.agencyKeyNotice(agency: inbox) {
                    Terminal.error(cli.text(.agencyKeyReplacedNotice, ["at": policy.regions.timestamp(notice.at), "old": notice.oldFingerprint,
                                                                        "new": notice.newFingerprint]))
                }
                let referrals = try await client.listReferrals(agency: agency ?? client.caller.agency ?? "", status: status,
                                                                overdueOnly: overdue)
                if cli.options.json { return try cli.printJSON(referrals) }
                guard !referrals.isEmpty else { return print(cli.text(.noReferrals)) }
                let l = cli.language
                print(Table.render(
                    header: [cli.text(.headerID), cli.text(.headerPriority), cli.text(.headerStatus), cli.text(.headerDue),
                             cli.text(.headerOverdue), cli.text(.headerCommune), cli.text(.headerRules)],
                    rows: referrals.map { [$0.id, $0.priority.label(l) + ($0.mandatory ? " ⚑" : ""), $0.status.label(l),
                                           $0.dueBy.map { policy.regions.timestamp($0) } ?? "", $0.overdue ? "!" : "", $0.commune,
                                           $0.rules.joined(separator: ",")] }))
            }
        }
    }

    static func listMine(_ client: any HavenClient, _ cli: CLI, overdueOnly: Bool, status: ReferralStatus?,
                         includeClosed: Bool) async throws {
        let referrals = try await client.officerReferrals(includeClosed: includeClosed || status == .closed)
            .filter { (status == nil || $0.status == status) && (!overdueOnly || $0.attention == .overdue || $0.attention == .heldPastDeadline) }
        if cli.options.json { return try cli.printJSON(referrals) }
        guard !referrals.isEmpty else { return print(cli.text(.noOfficerReferrals)) }
        let l = cli.language
        let policy = try await client.policy()
        func attention(_ r: OfficerReferral) -> String {
            switch r.attention {
            case .heldPastDeadline: "⚠ " + cli.text(.attentionHeldPastDeadline)
            case .held: cli.text(.attentionHeld)
            case .declined: "⚠ " + cli.text(.attentionDeclined, ["reason": r.declineReason?.label(l) ?? ""])
            case .overdue: "⚠ " + cli.text(.attentionOverdue)
            case nil: ""
            }
        }
        print(Table.render(
            header: [cli.text(.headerID), cli.text(.headerCase), cli.text(.headerAgency), cli.text(.headerPriority),
                     cli.text(.headerStatus), cli.text(.headerDue), cli.text(.headerCommune), cli.text(.headerAttention)],
            rows: referrals.map { [$0.id, $0.caseID, cli.agencyName($0.agency, in: policy), $0.priority.label(l), $0.status.label(l),
                                   $0.dueBy.map { policy.regions.localTime($0, l) } ?? "", policy.regions.commune($0.commune)?.name ?? $0.commune,
                                   attention($0)] }))
    }

    static func listHeld(_ client: any HavenClient, _ cli: CLI, overdue: Bool) async throws {
        let referrals = try await client.heldReferrals(pastDeadlineOnly: overdue)
        if cli.options.json { return try cli.printJSON(referrals) }
        guard !referrals.isEmpty else { return print(cli.text(.noHeldReferrals)) }
        listHeldTable(referrals, policy: try await client.policy(), cli)
    }

    static func listHeldTable(_ referrals: [HeldReferral], policy: Policy, _ cli: CLI) {
        let l = cli.language
        print(Table.render(
            header: [cli.text(.headerID), cli.text(.headerAgency), cli.text(.headerPriority), cli.text(.headerHeldSince),
                     cli.text(.headerCommune), cli.text(.headerRules)],
            rows: referrals.map { [$0.id, cli.agencyName($0.agency, in: policy), $0.priority.label(l), policy.regions.timestamp($0.heldSince)
                                   + ($0.pastDeadline ? " ⚠" : ""), policy.regions.commune($0.commune)?.name ?? $0.commune,
                                   $0.rules.joined(separator: ",")] }))
        if referrals.contains(where: \.pastDeadline) { print("⚠ " + cli.text(.heldPastDeadline)) }
    }

    struct Slip: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: HelpText.pick("Field officers: write a referral's printable slip for the agency to sign (only what the agency receives).", "Cán bộ xã: ghi phiếu chuyển gửi để cơ quan ký nhận (chỉ thông tin cơ quan đó được nhận)."))
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The referral id (R-…).", "Mã chuyển gửi (R-…).")) var id: String
        @Option(help: HelpText.pick("The HTML file to write (refused if it exists, unless --force).",
                                    "Tệp HTML sẽ ghi (không ghi đè tệp có sẵn, trừ khi có --force).")) var out: String
        @Flag(help: HelpText.pick("Replace an existing file.", "Ghi đè tệp có sẵn.")) var force = false

        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let client = try await cli.client()
                let slip = try await client.referralSlip(id)
                let policy = try await client.policy()
                let html = Paper.referralSlip(slip, policy: policy, regions: policy.regions, language: cli.language,
                                              printedAt: try await client.now(), printedBy: client.caller.name)
                try cli.writePage(html, to: path, shown: out, force: force, subject: slip.packet.referral)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a referral's sealed packet with your agency's private key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The referral id (R-…).") var id: String
        @Option(help: "Your agency's key file.") var agencyKey: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let opened = try await ReferralOpener.show(client: client, id, agencyKeyFile: try cli.readInput(agencyKey))
                if cli.options.json { return try cli.printJSON(opened.packet) }
                let p = opened.packet
                let l = cli.language
                let policy = try await client.policy()
                func label<V: CodedValue>(_ type: V.Type, _ raw: String) -> String { V(rawValue: raw)?.label(l) ?? raw }
                let commune = policy.regions.commune(p.coded.commune)?.name ?? p.coded.commune
                print("\(p.referral) → \(cli.agencyName(p.agency, in: policy)) — \(p.priority.label(l))\(p.mandatory ? ", \(cli.text(.mandatoryLabel))" : "") · \(opened.summary.status.label(l))")
                print("  \(cli.text(.headerCase)) \(p.caseID) · \(commune) · \(label(GBVType.self, p.coded.gbvType)) · \(p.coded.acts.map { label(Act.self, $0) }.joined(separator: ", ")) · \(cli.text(.fieldRisk)): \(label(RiskLevel.self, p.coded.risk))")
                print("  \(label(Relationship.self, p.coded.relationship)) · \(label(EthnicityGroup.self, p.coded.ethnicity))\(p.coded.childrenPresent ? " · " + cli.text(.askChildrenPresent) + " ✔" : "")")
                print("  " + (p.basis == .consent ? cli.text(.packetBasisConsent) : "⚑ " + cli.text(.packetBasisMandatory)))
                if let wish = p.coded.prosecutionWish { print("  \(cli.text(.packetProsecution)): \(wish ? "✔" : "✘")") }
                print("  \(cli.text(.paperSlipDue)): \(policy.regions.localTime(p.dueBy, l)) · [\(p.rules.joined(separator: ", "))]")
                for ground in p.grounds where !ground.en.isEmpty { print("  · \(l == .vi ? ground.vi : ground.en)") }
                for basis in p.legalBases { print("  \(basis)") }
                for field in SealedField.allCases where field != .riskAnswers {
                    guard let value = p.fields[field.rawValue] else { continue }
                    let shown = field == .contactChannel ? (ContactChannel(rawValue: value)?.label(l) ?? value) : value
                    print("  \(field.label(l)): \(shown)")
                }
                if let stored = p.fields[SealedField.riskAnswers.rawValue], let risk = RiskScreen.describe(stored, l) {
                    print("  \(risk.screen):")
                    for line in risk.lines { print("    \(line.question) — \(line.answer)") }
                }
            }
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge a referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                try ReferralCommand.printSummary(try await client.acknowledgeReferral(id), cli)
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept a referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                try ReferralCommand.printSummary(try await client.acceptReferral(id), cli)
            }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a referral; it goes back to the field officer.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: ArgumentHelp("Why.", valueName: DeclineReason.rawValues.joined(separator: "|"))) var reason: DeclineReason
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                try ReferralCommand.printSummary(try await client.declineReferral(id, reason: reason), cli)
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an accepted referral with its outcome and actions.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Option(help: ArgumentHelp("The outcome.", valueName: CaseOutcome.rawValues.joined(separator: "|"))) var outcome: CaseOutcome
        @Option(help: ArgumentHelp("Actions taken, comma-separated.", valueName: ReferralAction.rawValues.joined(separator: ",")))
        var actions: String

        func run() async throws {
            try await CLI.run(global) { cli in
                var parsed: [ReferralAction] = []
                for item in actions.split(separator: ",") {
                    parsed.append(try ReferralAction(parsing: item.trimmingCharacters(in: .whitespaces), at: "--actions"))
                }
                let client = try await cli.client()
                try ReferralCommand.printSummary(try await client.closeReferral(id, outcome: outcome, actions: parsed), cli)
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Send a held referral once the survivor's consent is recorded.", "Gửi chuyển gửi đang chờ khi đã ghi nhận sự đồng ý."))
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let r = try await client.releaseReferral(id)
                if cli.options.json { return try cli.printJSON(r) }
                print(cli.text(.referralReleased, ["id": r.id, "agency": r.agency]))
            }
        }
    }

    struct Overdue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Overdue referrals per agency and priority (counts only).")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let counts = try await client.overdueReferrals()
                if cli.options.json { return try cli.printJSON(counts) }
                let policy = try await client.policy()
                guard !counts.isEmpty else { return print(cli.text(.noReferrals)) }
                print(Table.render(header: [cli.text(.headerAgency), cli.text(.headerPriority), cli.text(.headerOverdue), cli.text(.headerPending),
                                            cli.text(.headerHeldOverdue)],
                                   rows: counts.map { [cli.agencyName($0.agency, in: policy), $0.priority.label(cli.language), "\($0.overdue)", "\($0.pending)",
                                                       "\($0.heldOverdue)"] }))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an agency's sent referrals as a signed, sealed bundle.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The agency.") var agency: String
        @Option(help: "The bundle file to write (refused if it exists, unless --force).") var out: String
        @Flag(help: "Replace an existing file.") var force = false
        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let client = try await cli.client()
                let bundle = try await client.exportReferrals(agency: agency)
                try OutputFile.write(bundle.data, to: path, force: force)
                if cli.options.json { return try cli.printJSON(FileWritten(file: out, subject: bundle.agency, count: bundle.count)) }
                print(cli.text(.bundleExported, ["count": "\(bundle.count)", "agency": bundle.agency, "path": out]))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import a bundle into this agency's store; a tampered or foreign bundle is refused whole.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle file.") var file: String
        @Option(help: "This agency's key file.") var agencyKey: String
        func run() async throws {
            try await CLI.run(global) { cli in
                // The bundle's packets are opened here with the agency's key; the store (local or a
                // server) receives only their index terms, which it checks against the origin's
                // signatures. The key never leaves this machine.
                let result = try await BundleOpener.importBundle(client: try await cli.client(), bundle: try cli.readInput(file),
                                                                 agencyKeyFile: try cli.readInput(agencyKey))
                if cli.options.json { return try cli.printJSON(BundleImported(agency: result.agency, origin: result.origin, count: result.count)) }
                print(cli.text(.bundleImported, ["count": "\(result.count)", "agency": result.agency, "origin": result.origin]))
            }
        }
    }
}
