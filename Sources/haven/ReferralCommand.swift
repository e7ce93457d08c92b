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
                let (service, actor) = try await cli.session()
                if held { return try await ReferralCommand.listHeld(service, actor, cli, overdue: overdue) }
                if mine || (actor.role == .fieldOfficer && agency == nil) {
                    return try await ReferralCommand.listMine(service, actor, cli, overdueOnly: overdue, status: status, includeClosed: all)
                }
                let inbox = agency ?? actor.agency ?? ""
                if let notice = try? await service.agencyKeyNotice(agency: inbox, by: actor) {
                    Terminal.error(cli.text(.agencyKeyReplacedNotice, ["at": Timestamp.format(notice.at), "old": notice.oldFingerprint,
                                                                        "new": notice.newFingerprint]))
                }
                let referrals = try await service.listReferrals(agency: agency ?? actor.agency ?? "", status: status,
                                                                overdueOnly: overdue, by: actor)
                if cli.options.json { return try cli.printJSON(referrals) }
                guard !referrals.isEmpty else { return print(cli.text(.noReferrals)) }
                let l = cli.language
                print(Table.render(
                    header: [cli.text(.headerID), cli.text(.headerPriority), cli.text(.headerStatus), cli.text(.headerDue),
                             cli.text(.headerOverdue), cli.text(.headerCommune), cli.text(.headerRules)],
                    rows: referrals.map { [$0.id, $0.priority.label(l) + ($0.mandatory ? " ⚑" : ""), $0.status.label(l),
                                           $0.dueBy.map { Timestamp.format($0) } ?? "", $0.overdue ? "!" : "", $0.commune,
                                           $0.rules.joined(separator: ",")] }))
            }
        }
    }

    static func listMine(_ service: HavenService, _ actor: Caller, _ cli: CLI, overdueOnly: Bool, status: ReferralStatus?,
                         includeClosed: Bool) async throws {
        let referrals = try await service.officerReferrals(includeClosed: includeClosed || status == .closed, by: actor)
            .filter { (status == nil || $0.status == status) && (!overdueOnly || $0.attention == .overdue || $0.attention == .heldPastDeadline) }
        if cli.options.json { return try cli.printJSON(referrals) }
        guard !referrals.isEmpty else { return print(cli.text(.noOfficerReferrals)) }
        let l = cli.language
        let policy = service.context.policy
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
                                   $0.dueBy.map { LocalTime.format($0, l) } ?? "", service.context.regions.commune($0.commune)?.name ?? $0.commune,
                                   attention($0)] }))
    }

    static func listHeld(_ service: HavenService, _ actor: Caller, _ cli: CLI, overdue: Bool) async throws {
        let referrals = try await service.heldReferrals(pastDeadlineOnly: overdue, by: actor)
        if cli.options.json { return try cli.printJSON(referrals) }
        guard !referrals.isEmpty else { return print(cli.text(.noHeldReferrals)) }
        listHeldTable(referrals, policy: service.context.policy, cli)
    }

    static func listHeldTable(_ referrals: [HeldReferral], policy: Policy, _ cli: CLI) {
        let l = cli.language
        print(Table.render(
            header: [cli.text(.headerID), cli.text(.headerAgency), cli.text(.headerPriority), cli.text(.headerHeldSince),
                     cli.text(.headerCommune), cli.text(.headerRules)],
            rows: referrals.map { [$0.id, cli.agencyName($0.agency, in: policy), $0.priority.label(l), Timestamp.format($0.heldSince)
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
                let (service, actor) = try await cli.session()
                let slip = try await service.referralSlip(id, by: actor)
                let html = Paper.referralSlip(slip, policy: service.context.policy, regions: service.context.regions, language: cli.language,
                                              printedAt: service.context.clock.now(), printedBy: actor.name)
                try cli.writePage(html, to: path, shown: out, force: force, json: ["referral": slip.packet.referral])
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
                let (service, actor) = try await cli.session()
                let opened = try await ReferralOpener.show(service: service, id, agencyKeyFile: try cli.readInput(agencyKey), by: actor)
                if cli.options.json { return try cli.printJSON(opened.packet) }
                let p = opened.packet
                let l = cli.language
                let policy = service.context.policy
                func label<V: CodedValue>(_ type: V.Type, _ raw: String) -> String { V(rawValue: raw)?.label(l) ?? raw }
                let commune = service.context.regions.commune(p.coded.commune)?.name ?? p.coded.commune
                print("\(p.referral) → \(cli.agencyName(p.agency, in: policy)) — \(p.priority.label(l))\(p.mandatory ? ", \(cli.text(.mandatoryLabel))" : "") · \(opened.summary.status.label(l))")
                print("  \(cli.text(.headerCase)) \(p.caseID) · \(commune) · \(label(GBVType.self, p.coded.gbvType)) · \(p.coded.acts.map { label(Act.self, $0) }.joined(separator: ", ")) · \(cli.text(.fieldRisk)): \(label(RiskLevel.self, p.coded.risk))")
                print("  \(label(Relationship.self, p.coded.relationship)) · \(label(EthnicityGroup.self, p.coded.ethnicity))\(p.coded.childrenPresent ? " · " + cli.text(.askChildrenPresent) + " ✔" : "")")
                print("  " + (p.basis == .consent ? cli.text(.packetBasisConsent) : "⚑ " + cli.text(.packetBasisMandatory)))
                if let wish = p.coded.prosecutionWish { print("  \(cli.text(.packetProsecution)): \(wish ? "✔" : "✘")") }
                print("  \(cli.text(.paperSlipDue)): \(LocalTime.format(p.dueBy, l)) · [\(p.rules.joined(separator: ", "))]")
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
                let (service, actor) = try await cli.session()
                try ReferralCommand.printSummary(try await service.acknowledgeReferral(id, by: actor), cli)
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept a referral.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                try ReferralCommand.printSummary(try await service.acceptReferral(id, by: actor), cli)
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
                let (service, actor) = try await cli.session()
                try ReferralCommand.printSummary(try await service.declineReferral(id, reason: reason, by: actor), cli)
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
                let (service, actor) = try await cli.session()
                try ReferralCommand.printSummary(try await service.closeReferral(id, outcome: outcome, actions: parsed, by: actor), cli)
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: HelpText.pick("Send a held referral once the survivor's consent is recorded.", "Gửi chuyển gửi đang chờ khi đã ghi nhận sự đồng ý."))
        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let r = try await service.releaseReferral(id, by: actor)
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
                let (service, actor) = try await cli.session()
                let counts = try await service.overdueReferrals(by: actor)
                if cli.options.json { return try cli.printJSON(counts) }
                guard !counts.isEmpty else { return print(cli.text(.noReferrals)) }
                print(Table.render(header: [cli.text(.headerAgency), cli.text(.headerPriority), cli.text(.headerOverdue), cli.text(.headerPending),
                                            cli.text(.headerHeldOverdue)],
                                   rows: counts.map { [cli.agencyName($0.agency, in: service.context.policy), $0.priority.label(cli.language), "\($0.overdue)", "\($0.pending)",
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
                let (service, actor) = try await cli.session()
                let (data, count) = try await service.exportReferrals(agency: agency, by: actor)
                try OutputFile.write(data, to: path, force: force)
                if cli.options.json { return try cli.printJSON(["agency": agency, "count": "\(count)", "file": out]) }
                print(cli.text(.bundleExported, ["count": "\(count)", "agency": agency, "path": out]))
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
                let (service, actor) = try await cli.session()
                let result = try await service.importReferrals(bundle: try cli.readInput(file), agencyKeyFile: try cli.readInput(agencyKey), by: actor)
                if cli.options.json { return try cli.printJSON(["agency": result.agency, "origin": result.origin, "count": "\(result.count)"]) }
                print(cli.text(.bundleImported, ["count": "\(result.count)", "agency": result.agency, "origin": result.origin]))
            }
        }
    }
}
