import Foundation
import GRDB
import HavenCore
import HavenStore

extension SQLiteTransaction {
    /// The SQL expression of a dimension, over `cases c` (and `referrals r`, `mediations m`).
    static func expression(_ dimension: StatDimension, measure: StatMeasure) -> String {
        let date = dateExpression(measure)
        switch dimension {
        case .gbvType: return "c.gbv_type"
        case .context: return "ctx.value"
        case .survivorSex: return "c.survivor_sex"
        case .survivorAgeGroup: return "c.survivor_age_group"
        case .ethnicityGroup: return "c.ethnicity"
        case .disability: return "CASE c.disability WHEN 1 THEN 'yes' ELSE 'no' END"
        case .perpetratorRelationship: return "c.relationship"
        case .perpetratorSex: return "c.perpetrator_sex"
        case .source: return "c.source"
        case .commune: return "c.commune"
        case .formerDistrict: return "c.former_district"
        case .month: return "substr(\(date), 6, 2)"
        case .quarter: return "'Q' || ((CAST(substr(\(date), 6, 2) AS INTEGER) + 2) / 3)"
        case .year: return "substr(\(date), 1, 4)"
        case .reportingDelay: return "c.reporting_delay"
        case .risk: return "c.risk"
        case .agency: return "r.agency"
        case .referralStatus: return "r.status"
        case .mediationOutcome: return "m.status"
        }
    }

    /// The unit's date as `YYYY-MM-DD` text (in Vietnam's time zone for instants).
    static func dateExpression(_ measure: StatMeasure) -> String {
        switch measure {
        case .cases: "c.report_date"
        case .referrals: "date(COALESCE(r.sent_at, r.created_at) + 25200, 'unixepoch')"
        case .mediations: "date(m.opened_at + 25200, 'unixepoch')"
        }
    }

    func statistics(_ source: StatSource) throws -> StatGroups {
        let from: String = switch source.measure {
        case .cases: "cases c"
        case .referrals: "referrals r JOIN cases c ON c.id = r.case_id"
        case .mediations: "mediations m JOIN cases c ON c.id = m.case_id"
        }
        let unit: String = switch source.measure {
        case .cases: "c.id"
        case .referrals: "r.id"
        case .mediations: "m.id"
        }
        let date = Self.dateExpression(source.measure)
        let months = source.months.map { "'\($0)'" }.joined(separator: ",")
        let columns = source.dimensions.map { Self.expression($0, measure: source.measure) }
        var selects = columns.enumerated().map { "\($1) AS d\($0)" }
        selects.append("c.consent_statistics AS consented")
        selects.append("count(*) AS n")
        if source.measure == .referrals {
            selects.append("group_concat(CASE WHEN r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL THEN (r.acknowledged_at - r.sent_at) / 3600.0 END) AS ack")
            selects.append("sum(CASE WHEN r.status = 'pending' AND r.due_by < \(source.now.timeIntervalSince1970) THEN 1 ELSE 0 END) AS overdue")
        }
        var contextSource = ""
        if source.dimensions.contains(.context) {
            // Each case once under each of its contexts, and under 'none' when it has none.
            let values = (CaseContext.rawValues + ["none"]).map { "SELECT '\($0)' AS value" }.joined(separator: " UNION ALL ")
            contextSource = " JOIN (\(values)) ctx ON (ctx.value = 'none' AND c.contexts = '') OR instr(',' || c.contexts || ',', ',' || ctx.value || ',') > 0"
        }
        let groupBy = (0..<columns.count).map { "d\($0)" } + ["consented"]
        let sql = """
            SELECT \(selects.joined(separator: ", ")) FROM \(from)\(contextSource)
            WHERE substr(\(date), 1, 7) IN (\(months))
            GROUP BY \(groupBy.joined(separator: ", "))
            """
        var groups: [StatGroups.Group] = []
        for row in try Row.fetchAll(db, sql: sql) {
            let values = (0..<columns.count).map { (row["d\($0)"] as String?) ?? "unknown" }
            let stat = StatRow(values: values, count: row["n"], consented: row["consented"])
            if source.measure == .referrals {
                let ack = (row["ack"] as String?)?.split(separator: ",").compactMap { Double($0) } ?? []
                groups.append(.init(row: stat, hoursToAcknowledge: ack, overdue: row["overdue"]))
            } else {
                groups.append(.init(row: stat))
            }
        }
        let distinct = try Int.fetchOne(db, sql: "SELECT count(DISTINCT \(unit)) FROM \(from) WHERE substr(\(date), 1, 7) IN (\(months))") ?? 0
        return StatGroups(groups: groups, distinctUnits: distinct)
    }

    func privacySpent(actor: String, year: Int) throws -> Double {
        try Double.fetchOne(db, sql: "SELECT spent FROM privacy_budget WHERE actor = ? AND year = ?", arguments: [actor, year]) ?? 0
    }

    func chargePrivacy(actor: String, year: Int, epsilon: Double) throws {
        try run("""
            INSERT INTO privacy_budget (actor, year, spent) VALUES (?, ?, ?)
            ON CONFLICT(actor, year) DO UPDATE SET spent = spent + excluded.spent
            """, [actor, year, epsilon])
    }
}
