import Foundation
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

    /// The year's cases as Incident Recorder rows for international partners: coded fields
    /// only, no name, no free text, dates reduced to the month, no place, and only cases whose
    /// survivor consented to statistics. Rows are numbered afresh per export, so no row can
    /// be linked back to a case id.
    public func incidentRecorder(year: Int, by actor: Actor) async throws -> String {
        try await require(actor, .exportData)
        try Self.checkYear(year)
        let keyring = context.keyring
        let now = context.clock.now()
        let (records, referrals) = try await run { tx in
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .exportData, target: nil,
                                outcome: .allowed, detail: "incident-recorder year=\(year)")
            let records = try tx.cases(CaseFilter(reportedSince: LocalDate(year: year, month: 1, day: 1)))
                .filter { $0.facts.reportDate.year == year && $0.facts.consent.statistics }
                .sorted { ($0.facts.reportedAt, $0.id) < ($1.facts.reportedAt, $1.id) }
            var referred: [CaseID: Set<String>] = [:]
            for referral in try tx.referrals(ReferralFilter()) where referral.status != .held {
                if let id = CaseID(parsing: referral.caseID) { referred[id, default: []].insert(referral.agency) }
            }
            return (records, referred)
        }
        func flag(_ value: Bool) -> String { value ? "yes" : "no" }
        var lines = [Self.incidentRecorderColumns.joined(separator: ",")]
        for (number, record) in records.enumerated() {
            let f = record.facts
            let agencies = referrals[record.id] ?? []
            lines.append([
                String(format: "%d-%05d", year, number + 1), f.reportDate.monthString, f.incidentMonth ?? "unknown",
                f.reportingDelay.rawValue, f.gbvType.rawValue, f.survivorSex.rawValue, f.survivorAgeGroup.rawValue,
                f.ethnicity.rawValue, flag(f.disability), f.perpetratorSex.rawValue, f.perpetratorAgeGroup.rawValue,
                f.relationship.rawValue, f.source.rawValue, flag(f.contexts.contains(.intimatePartnerViolence)),
                flag(f.contexts.contains(.childSexualAbuse)), flag(f.contexts.contains(.earlyMarriage)),
                flag(f.contexts.contains(.trafficking)), f.injury.rawValue, f.risk.rawValue, flag(agencies.contains("police")),
                flag(agencies.contains("justice-legal-aid")), flag(agencies.contains("health")), flag(agencies.contains("culture-dv")),
                flag(agencies.contains("womens-union")), flag(agencies.contains("child-protection")),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The annual report's tables as CSV files (file name → contents), through the
    /// disclosure control like the report itself.
    public func statisticsExport(year: Int, by actor: Actor) async throws -> [String: String] {
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
