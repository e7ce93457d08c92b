import Foundation
import HavenAPI
import HavenCore
import HavenStore

extension HavenService {
    /// The mediation logbook of a team for a year (mediations opened that year).
    public func logbook(team teamID: String, year: Int, by actor: Caller) async throws -> [LogbookEntry] {
        try Self.checkYear(year)
        guard let team = try await query({ try $0.team(id: teamID.uppercased()) }) else { throw HavenError.teamNotFound(id: teamID) }
        try await require(actor, .mediationLogbook, commune: team.commune, team: team.id, target: team.id)
        return try await work(actor) { w in
            try w.audit(.mediationLogbook, target: team.id, detail: "year=\(year)")
            return try w.tx.mediations(caseID: nil).filter {
                $0.teamID == team.id && self.context.regions.localDate($0.openedAt).year == year
            }.compactMap { m -> LogbookEntry? in
                guard let record = try w.tx.caseRecord(m.caseID) else { return nil }
                let f = record.facts
                return LogbookEntry(
                    mediation: m.id, team: m.teamID, commune: m.commune, opened: self.context.regions.localDate(m.openedAt),
                    startDue: m.startDue, survivorSex: f.survivorSex.rawValue, survivorAgeGroup: f.survivorAgeGroup.rawValue,
                    perpetratorSex: f.perpetratorSex.rawValue, perpetratorAgeGroup: f.perpetratorAgeGroup.rawValue,
                    relationship: f.relationship.rawValue,
                    sessions: try w.tx.sessions(mediationID: m.id).map { .init(date: $0.date, outcome: $0.outcome.rawValue) },
                    followUps: try w.tx.followUps(mediationID: m.id).map { .init(due: $0.dueDate, done: $0.doneDate, recurred: $0.recurred) },
                    status: m.status.rawValue, end: m.end?.rawValue)
            }
        }
    }

    /// Whether mediation works: opened, refused by reason, agreement rate, recurrence within
    /// 6 and 12 months of an agreement, median days to the first session — per group, with
    /// small counts suppressed.
    public func mediationStats(year: Int, by grouping: MediationStatsGrouping, actor: Caller) async throws -> [MediationStatsRow] {
        try await require(actor, .mediationStats)
        try Self.checkYear(year)
        try await recordAllowed(actor, .mediationStats, target: nil, detail: "year=\(year) by=\(grouping.rawValue)")
        return try await mediationStatsRows(year: year, by: grouping)
    }

    /// The rows of `mediationStats`, without permission check or audit (reports do both once).
    /// Only cases whose survivors consented to statistics count; every figure is perturbed,
    /// and grouped statistics list every commune or former district, with or without data.
    func mediationStatsRows(year: Int, by grouping: MediationStatsGrouping) async throws -> [MediationStatsRow] {
        try await mediationStatsRowsWithTruth(year: year, by: grouping).map(\.row)
    }

    /// The rows and, kept inside Haven for the report's own attack, the true counts behind
    /// opened, agreements and recurrences within 6 and 12 months.
    func mediationStatsRowsWithTruth(year: Int, by grouping: MediationStatsGrouping) async throws
        -> [(row: MediationStatsRow, truth: [String: Int])] {
        let k = context.policy.disclosure.k
        let table = context.policy.disclosure.perturbation
        let regions = context.regions
        return try await query { tx in
            func group(_ commune: String) -> String {
                switch grouping {
                case .total: "total"
                case .commune: commune
                case .formerDistrict: regions.commune(commune)?.formerDistrictSlug ?? "unknown"
                }
            }
            let allMediations = try tx.mediations(caseID: nil).filter { self.context.regions.localDate($0.openedAt).year == year }
            let allRefusals = try tx.mediationRefusals().filter { self.context.regions.localDate($0.at).year == year }
            let keys = try tx.statisticsKeys(caseIDs: allMediations.map(\.caseID) + allRefusals.map(\.caseID))
            let mediations = allMediations.filter { keys[$0.caseID] != nil }
            let refusals = allRefusals.filter { keys[$0.caseID] != nil }
            let groups: [String] = switch grouping {
            case .total: ["total"]
            case .commune: regions.communes.map(\.slug)
            case .formerDistrict: Array(Set(regions.communes.map(\.formerDistrictSlug))).sorted()
            }
            return groups.map { name in
                let opened = mediations.filter { group($0.commune) == name }
                let agreements = opened.filter { $0.agreementDate != nil }
                func recurredWithin(_ days: Int) -> [MediationRecord] {
                    agreements.filter { m in
                        guard m.end == .recurrence, let agreed = m.agreementDate, let ended = m.endedAt else { return false }
                        return agreed.days(to: self.context.regions.localDate(ended)) <= days
                    }
                }
                var refused: [String: [Int]] = [:]
                for refusal in refusals where group(refusal.commune) == name {
                    for reason in Set(refusal.reasons) { refused[reason, default: []].append(keys[refusal.caseID]!) }
                }
                let waits = opened.compactMap { m in
                    m.firstSession.map { Double(self.context.regions.localDate(m.openedAt).days(to: $0)) }
                }.sorted()
                let median: Double? = waits.count >= k
                    ? (waits.count % 2 == 1 ? waits[waits.count / 2] : (waits[waits.count / 2 - 1] + waits[waits.count / 2]) / 2) : nil
                func cell(_ records: [MediationRecord]) -> Cell { Cell(keys: records.map { keys[$0.caseID]! }, table: table) }
                let openedCell = cell(opened), agreementCell = cell(agreements)
                let shownOpened = openedCell.count ?? 0, shownAgreements = agreementCell.count ?? 0
                let truth = ["opened": opened.count, "agreements": agreements.count,
                             "recurred6": recurredWithin(183).count, "recurred12": recurredWithin(365).count]
                return (MediationStatsRow(
                    group: name, opened: openedCell, refused: refused.mapValues { Cell(keys: $0, table: table) }, agreements: agreementCell,
                    // From the two counts as published, so the rate reveals no more than they do.
                    agreementRate: shownOpened >= k ? min(1, Double(shownAgreements) / Double(shownOpened)) : nil,
                    recurrenceWithin6Months: cell(recurredWithin(183)), recurrenceWithin12Months: cell(recurredWithin(365)),
                    medianDaysToFirstSession: median), truth)
            }
        }
    }
}
