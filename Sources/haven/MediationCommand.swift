import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

extension SessionOutcome: ExpressibleByArgument {}
extension Escalation: ExpressibleByArgument {}
extension Sex: ExpressibleByArgument {}
extension EthnicityGroup: ExpressibleByArgument {}
extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// `haven mediation`: grassroots mediation, only where the law and the survivor's safety allow it.
struct MediationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediation", abstract: "Grassroots mediation: eligibility, teams, sessions, follow-ups, logbook, statistics.",
        subcommands: [Eligible.self, Team.self, Open.self, Session.self, FollowUp.self, Due.self, Show.self, Logbook.self, Stats.self])

    static func printMediation(_ m: MediationState, _ cli: CLI) throws {
        if cli.options.json { return try cli.printJSON(m) }
        let end = m.status == .closed ? m.end.map { " (\($0.label(cli.language)))" } ?? "" : ""
        print(cli.text(.mediationRecorded, ["id": m.id, "status": m.status.label(cli.language) + end]))
    }

    struct Eligible: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "May this case be mediated? Every reason it may not.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var id: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let result = try await client.mediationEligibility(id)
                if cli.options.json { return try cli.printJSON(result) }
                if result.eligible { return print(cli.text(.mediationEligibleYes, ["id": result.caseID.rawValue])) }
                print(cli.text(.mediationEligibleNo, ["id": result.caseID.rawValue]))
                for reason in result.reasons { print("  - \(reason.message) [\(reason.rule)]") }
            }
        }
    }

    struct Team: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mediation teams (tổ hòa giải) and their mediators.",
                                                        subcommands: [Add.self, Member.self, List.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a team in a commune.")
            @OptionGroup var global: GlobalOptions
            @Option(help: "The commune slug.") var commune: String
            @Option(help: "The team's name.") var name: String
            func run() async throws {
                try await CLI.run(global) { cli in
                    let client = try await cli.client()
                    let team = try await client.addTeam(commune: commune, name: name)
                    if cli.options.json { return try cli.printJSON(team) }
                    print(cli.text(.teamAdded, ["id": team.id, "name": team.name, "commune": team.commune]))
                }
            }
        }

        struct Member: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Team members.", subcommands: [MemberAdd.self])
        }

        struct MemberAdd: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a mediator (sex and ethnicity count for the team rules).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The team id (T-…).") var team: String
            @Option(help: "The mediator's name.") var name: String
            @Option(help: "female, male or unknown.") var sex: Sex
            @Option(help: "kinh, khmer, hoa, cham, other or unknown.") var ethnicity: EthnicityGroup
            func run() async throws {
                try await CLI.run(global) { cli in
                    let client = try await cli.client()
                    let mediator = try await client.addMediator(team: team, name: name, sex: sex, ethnicity: ethnicity)
                    if cli.options.json { return try cli.printJSON(mediator) }
                    print(cli.text(.mediatorAdded, ["id": mediator.id, "team": mediator.teamID]))
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List teams and their mediators.")
            @OptionGroup var global: GlobalOptions
            func run() async throws {
                try await CLI.run(global) { cli in
                    let client = try await cli.client()
                    let teams = try await client.listTeams()
                    if cli.options.json { return try cli.printJSON(teams) }
                    for summary in teams {
                        print("\(summary.team.id)  \(summary.team.name) — \(summary.team.commune)")
                        for m in summary.mediators {
                            print("    \(m.id)  \(m.name) · \(m.sex.label(cli.language)) · \(m.ethnicity.label(cli.language))")
                        }
                    }
                }
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open mediation of a case by a team; refused with reasons when not allowed.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var id: String
        @Option(help: "The team id (T-…).") var team: String
        @Option(parsing: .upToNextOption, help: "Mediators (H-…) with a conflict of interest in this case.") var conflict: [String] = []
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let m = try await client.openMediation(id, team: team, conflicted: conflict)
                if cli.options.json { return try MediationCommand.printMediation(m, cli) }
                print(cli.text(.mediationOpened, ["id": m.id, "team": m.team, "due": m.startDue.description]))
            }
        }
    }

    struct Session: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a session (note and agreement text are sealed).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The mediation id (M-…).") var id: String
        @Option(help: "YYYY-MM-DD.") var date: LocalDate
        @Option(help: "agreement, no-agreement, adjourned or stopped-by-party.") var outcome: SessionOutcome
        @Option(help: "A note (sealed).") var note: String?
        @Option(help: "The agreement's text (sealed).") var agreement: String?
        @Option(help: "risk or crime: stop and re-route the case at once.") var escalate: Escalation?
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                try MediationCommand.printMediation(try await client.recordSession(
                    id, date: date, outcome: outcome, note: note, agreement: agreement, escalate: escalate ?? .none), cli)
            }
        }
    }

    struct FollowUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "followup", abstract: "Record the next follow-up after an agreement.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The mediation id (M-…).") var id: String
        @Option(help: "YYYY-MM-DD.") var date: LocalDate
        @Option(help: "Did violence recur? yes or no.") var recurred: YesNo
        @Option(help: "A note (sealed).") var note: String?
        @Option(help: "risk or crime: stop and re-route the case at once.") var escalate: Escalation?
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                try MediationCommand.printMediation(try await client.recordFollowUp(
                    id, date: date, recurred: recurred.value, note: note, escalate: escalate ?? .none), cli)
            }
        }
    }

    struct Due: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Follow-ups due within a week, or late.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let due = try await client.dueFollowUps()
                if cli.options.json { return try cli.printJSON(due) }
                guard !due.isEmpty else { return print(cli.text(.noFollowUpsDue)) }
                print(Table.render(header: [cli.text(.headerMediation), cli.text(.headerDue), cli.text(.headerOverdue), cli.text(.headerCommune), cli.text(.headerTeam)],
                                   rows: due.map { [$0.mediation, $0.due.description, $0.late ? "!" : "", $0.commune, $0.team] }))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A mediation with its sessions and follow-ups (notes opened; audited).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The mediation id (M-…).") var id: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let d = try await client.showMediation(id)
                let l = cli.language
                let m = d
                if cli.options.json { return try cli.printJSON(d) }
                print("\(m.id) — \(m.caseID.rawValue) · \(m.team) · \(m.status.label(l))\(m.end.map { " (\($0.label(l)))" } ?? "")")
                var heading = [cli.text(.mediationStartDue, ["date": "\(m.startDue)"]), cli.text(.mediationMediators, ["names": m.mediators.joined(separator: ", ")])]
                if !m.conflicted.isEmpty { heading.append(cli.text(.mediationConflicted, ["names": m.conflicted.joined(separator: ", ")])) }
                print("  " + heading.joined(separator: " · "))
                for s in d.sessions {
                    print("  \(s.date)  \(s.outcome.label(l))\(s.escalation != .none ? " ⚠ \(s.escalation.label(l))" : "")")
                    if let note = s.note { print("      \(note)") }
                    if let agreement = s.agreement { print("      ✎ \(agreement)") }
                }
                for f in d.followUps {
                    var line = [cli.text(.followUpDue, ["date": "\(f.due)"])]
                    if let done = f.done { line.append(cli.text(.followUpDone, ["date": "\(done)"])) }
                    if let recurred = f.recurred { line.append(cli.text(recurred ? .followUpRecurred : .followUpNoRecurrence)) }
                    print("  " + line.joined(separator: " · "))
                    if let note = f.note { print("      \(note)") }
                }
            }
        }
    }

    struct Logbook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team's mediation logbook for a year (coded fields only, no names).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The team id (T-…).") var team: String
        @Option(help: "The year.") var year: Int
        @Option(help: "csv or json.") var format = "csv"
        func validate() throws {
            try global.checkYear(year)
            guard ["csv", "json"].contains(format) else { throw global.usage(.usageOneOf, ["option": "--format", "values": "csv, json"]) }
        }
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let entries = try await client.logbook(team: team, year: year)
                if format == "json" || cli.options.json { return try cli.printJSON(entries) }
                print("mediation,team,commune,opened,start_due,survivor_sex,survivor_age_group,perpetrator_sex,perpetrator_age_group,relationship,sessions,follow_ups,status,end")
                for e in entries {
                    let sessions = e.sessions.map { "\($0.date) \($0.outcome)" }.joined(separator: "; ")
                    let followUps = e.followUps.map { "\($0.due) \($0.done?.description ?? "-") \($0.recurred.map { $0 ? "recurred" : "no" } ?? "-")" }.joined(separator: "; ")
                    print([e.mediation, e.team, e.commune, e.opened.description, e.startDue.description, e.survivorSex, e.survivorAgeGroup,
                           e.perpetratorSex, e.perpetratorAgeGroup, e.relationship, sessions, followUps, e.status, e.end ?? ""]
                        .map { $0.contains(",") || $0.contains(";") ? "\"\($0)\"" : $0 }.joined(separator: ","))
                }
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Whether mediation works (supervisors): cases with consent to statistics only, every count perturbed.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "commune or former-district (default: province total).") var by: String?
        func validate() throws {
            try global.checkYear(year)
            if let by, !["commune", "former-district"].contains(by) { throw global.usage(.usageOneOf, ["option": "--by", "values": "commune, former-district"]) }
        }
        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let rows = try await client.mediationStats(year: year, by: MediationStatsGrouping(rawValue: by ?? "total") ?? .total)
                let disclosure = try await client.policy().disclosure
                let k = disclosure.k
                if cli.options.json { return try cli.printJSON(rows) }
                print(Table.render(
                    header: [MessageKey.headerGroup, .headerOpened, .headerAgreements, .headerAgreementRate, .headerRecurred6, .headerRecurred12,
                             .headerMedianDaysFirstSession, .headerRefusedByReason].map { cli.text($0) },
                    rows: rows.map { r in
                        [r.group, r.opened.text(k: k), r.agreements.text(k: k), r.agreementRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—",
                         r.recurrenceWithin6Months.text(k: k), r.recurrenceWithin12Months.text(k: k),
                         r.medianDaysToFirstSession.map { String(format: "%.1f", $0) } ?? "—",
                         r.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.text(k: k))" }.joined(separator: ", ")]
                    }))
                let table = disclosure.perturbation
                print(cli.text(.statsPerturbedNote, ["k": "\(k)", "kminus": "\(k - 1)", "max": "\(table.maximum)"]))
            }
        }
    }
}
