import Foundation
import HavenAPI
import HavenCore
import HavenStore

extension HavenService {
    /// Columns of the incident-recorder export (the GBVIMS Incident Recorder fields Haven
    /// holds as coded values).
    public static let incidentRecorderColumns = [
        "incident_number", "report_month", "incident_month", "reporting_delay", "gbv_type", "survivor_sex",
        "survivor_age_group", "survivor_ethnicity", "survivor_disability", "perpetrator_sex", "perpetrator_age_group",
        "perpetrator_relationship", "reporting_source", "intimate_partner_violence", "child_sexual_abuse", "early_marriage",
        "trafficking", "injury", "risk", "referred_police", "referred_legal_aid", "referred_health",
        "referred_psychosocial", "referred_safe_house", "referred_child_protection",
    ]

    /// The agency kind (agencies.yaml `kind:`) behind each `referred_…` column, in column order:
    /// the export follows what an agency does, not its id, so another province's policy maps alike.
    static let incidentRecorderReferralKinds = ["police", "legal-aid", "health", "dv-prevention", "womens-union", "child-protection"]

    /// The quasi-identifiers of the Incident Recorder export (what someone who knows a
    /// survivor may know), with their generalisation levels before being withheld.
    static let incidentRecorderQuasiIdentifiers: [KAnonymity.QuasiIdentifier] = {
        @Sendable func quarter(_ month: String) -> String {
            month.count == 7 ? String(month.prefix(4)) + "-" + StatPeriod.quarter(ofMonth: month) : month
        }
        @Sendable func year(_ month: String) -> String { month.count >= 4 && month != "unknown" ? String(month.prefix(4)) : month }
        @Sendable func ageBand(_ group: String) -> String {
            switch group {
            case AgeGroup.age0to11.rawValue, AgeGroup.age12to17.rawValue: "0-17"
            case AgeGroup.age18to25.rawValue, AgeGroup.age26to40.rawValue, AgeGroup.age41to60.rawValue: "18-60"
            default: group
            }
        }
        @Sendable func ethnicityBand(_ group: String) -> String {
            EthnicityGroup(rawValue: group)?.isMinority == true ? "minority" : group
        }
        @Sendable func relationshipBand(_ value: String) -> String {
            switch Relationship(rawValue: value) {
            case .spouse, .formerSpouse, .cohabiting, .intimatePartner, .formerPartner, .dating: "partner_or_former"
            case .parent, .child, .grandchild, .sibling, .inLaw, .otherFamily: "family"
            case .acquaintance, .employer, .stranger: "other"
            default: value
            }
        }
        return [
            .init(column: "report_month", levels: [quarter, year]),
            .init(column: "incident_month", levels: [quarter, year]),
            .init(column: "reporting_delay", levels: []),
            .init(column: "survivor_sex", levels: []),
            .init(column: "survivor_age_group", levels: [ageBand]),
            .init(column: "survivor_ethnicity", levels: [ethnicityBand]),
            .init(column: "survivor_disability", levels: []),
            .init(column: "perpetrator_sex", levels: []),
            .init(column: "perpetrator_age_group", levels: [ageBand]),
            .init(column: "perpetrator_relationship", levels: [relationshipBand]),
        ]
    }()

    /// The order the export generalises in: time first, then what partners need least;
    /// survivor sex and age band last.
    static let incidentRecorderPlan: [KAnonymity.Step] = [
        .init(column: "report_month", level: 1), .init(column: "incident_month", level: 1),
        .init(column: "reporting_delay", level: 1), .init(column: "perpetrator_age_group", level: 1),
        .init(column: "incident_month", level: 2), .init(column: "report_month", level: 2),
        .init(column: "survivor_ethnicity", level: 1), .init(column: "perpetrator_relationship", level: 1),
        .init(column: "perpetrator_age_group", level: 2), .init(column: "incident_month", level: 3),
        .init(column: "survivor_age_group", level: 1), .init(column: "survivor_disability", level: 1),
        .init(column: "survivor_ethnicity", level: 2), .init(column: "perpetrator_sex", level: 1),
        .init(column: "perpetrator_relationship", level: 2), .init(column: "report_month", level: 3),
        .init(column: "survivor_age_group", level: 2), .init(column: "survivor_sex", level: 1),
    ]

    /// The year's cases as Incident Recorder rows for a data-sharing partner: coded fields
    /// only, no name, no free text, no place, only cases whose survivor consented to
    /// statistics, and k-anonymous: every combination of the quasi-identifiers occurs at least
    /// k times (generalised and locally suppressed as ``KAnonymity`` describes). Rows are
    /// numbered after sorting by their contents, so neither the number nor the order says
    /// when a case was logged.
    public func incidentRecorder(year: Int, by actor: Caller) async throws -> (csv: String, report: KAnonymity.Report) {
        try await require(actor, .exportData)
        try Self.checkYear(year)
        let k = context.policy.disclosure.k
        let (records, referrals) = try await query { tx in
            let records = try tx.cases(CaseFilter(reportedSince: LocalDate(year: year, month: 1, day: 1)))
                .filter { $0.facts.reportDate.year == year && $0.facts.consent.statistics }
            var referred: [CaseID: Set<String>] = [:]
            for referral in try tx.referrals(ReferralFilter()) where referral.status != .held {
                if let id = CaseID(parsing: referral.caseID) { referred[id, default: []].insert(referral.agency) }
            }
            return (records, referred)
        }
        func flag(_ value: Bool) -> String { value ? "yes" : "no" }
        let policy = context.policy
        let rows: [[String: String]] = records.map { record in
            let f = record.facts
            let kinds = Set((referrals[record.id] ?? []).compactMap { policy.agency($0)?.kind })
            let values = [
                "", f.reportDate.monthString, f.incidentMonth ?? "unknown",
                f.reportingDelay.rawValue, f.gbvType.rawValue, f.survivorSex.rawValue, f.survivorAgeGroup.rawValue,
                f.ethnicity.rawValue, flag(f.disability), f.perpetratorSex.rawValue, f.perpetratorAgeGroup.rawValue,
                f.relationship.rawValue, f.source.rawValue, flag(f.contexts.contains(.intimatePartnerViolence)),
                flag(f.contexts.contains(.childSexualAbuse)), flag(f.contexts.contains(.earlyMarriage)),
                flag(f.contexts.contains(.trafficking)), f.injury.rawValue, f.risk.rawValue,
            ] + Self.incidentRecorderReferralKinds.map { flag(kinds.contains($0)) }
            return Dictionary(uniqueKeysWithValues: zip(Self.incidentRecorderColumns, values))
        }
        let (safe, report) = KAnonymity.protect(rows, quasiIdentifiers: Self.incidentRecorderQuasiIdentifiers,
                                                plan: Self.incidentRecorderPlan, k: k)
        let columns = Self.incidentRecorderColumns
        let lines = safe.map { row in columns.dropFirst().map { row[$0] ?? "" } }.sorted { $0.lexicographicallyPrecedes($1) }
        var out = [columns.joined(separator: ",")]
        for (number, line) in lines.enumerated() { out.append(([String(format: "%d-%05d", year, number + 1)] + line).joined(separator: ",")) }
        let levels = report.levels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        try await recordAllowed(actor, .exportData, target: nil,
                                detail: "incident-recorder year=\(year) rows=\(lines.count) k=\(k) levels=\(levels) withheld=\(report.locallySuppressed) dropped=\(report.dropped)")
        return (out.joined(separator: "\n") + "\n", report)
    }

    /// The annual report's tables as CSV files (file name → contents), through the
    /// disclosure control like the report itself.
    public func statisticsExport(year: Int, by actor: Caller) async throws -> [String: String] {
        let report = try await annualReport(year: year, language: .en, by: actor)
        var files: [String: String] = [:]
        for (index, section) in report.sections.enumerated() {
            let name = String(format: "%02d-%@.csv", index + 1,
                              section.result.query.measure.rawValue + "-" + section.result.query.by.map(\.rawValue).joined(separator: "-"))
            files[name] = report.rendering.csv(section.result)
        }
        return files
    }
}
