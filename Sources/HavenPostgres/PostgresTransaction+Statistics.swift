import Foundation
import HavenCore
import HavenStore
import PostgresNIO

/// The statistics query, as the embedded engine's (HavenSQLite's
/// `SQLiteTransaction+Statistics`), written for PostgreSQL; StatisticsContractTests checks both
/// against one specification. Values from the caller (months, the time overdue is judged at) are
/// parameters; only this build's own codes and the integer UTC offset are written into the SQL.
extension PostgresTransaction {
    /// The SQL expression of a dimension, over `cases c` (and `referrals r`, `mediations m`).
    static func expression(_ dimension: StatDimension, measure: StatMeasure, utcOffsetSeconds: Int) -> String {
        let date = dateExpression(measure, utcOffsetSeconds: utcOffsetSeconds)
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
        case .quarter: return "('Q' || ((substr(\(date), 6, 2)::integer + 2) / 3)::text)"
        case .year: return "substr(\(date), 1, 4)"
        case .reportingDelay: return "c.reporting_delay"
        case .risk: return "c.risk"
        case .agency: return "r.agency"
        case .referralStatus: return "r.status"
        case .mediationOutcome: return "m.status"
        case .ageBand, .typeGroup:
            guard let (fine, map) = CoarseCategories.grouping(of: dimension) else { return "'unknown'" }
            let column = expression(fine, measure: measure, utcOffsetSeconds: utcOffsetSeconds)
            return "CASE \(column) " + map.sorted { $0.key < $1.key }.map { "WHEN \(literal($0.key)) THEN \(literal($0.value))" }
                .joined(separator: " ") + " ELSE 'unknown' END"
        case .repeatVictimisation:
            // Another case of the same survivor reported in the 365 days before (on the same day,
            // the smaller id is the earlier); days are `YYYY-MM-DD` text, compared byte by byte.
            return """
                CASE WHEN c.blind_index IS NOT NULL AND EXISTS (SELECT 1 FROM cases e
                WHERE e.blind_index = c.blind_index AND e.id <> c.id AND e.report_date <= c.report_date
                AND e.report_date >= to_char(to_date(c.report_date, 'YYYY-MM-DD') - 365, 'YYYY-MM-DD')
                AND (e.report_date < c.report_date OR e.id < c.id)) THEN 'yes' ELSE 'no' END
                """
        }
    }

    /// The unit's date as `YYYY-MM-DD` text. An instant (seconds) is dated in the province's time
    /// zone as `LocalDate(_:utcOffsetSeconds:)` and SQLite's `date(…, 'unixepoch')` do: whole
    /// days since 1970 after adding the offset, rounded down. Pure arithmetic, so neither the
    /// session's time zone nor DateStyle can change it.
    static func dateExpression(_ measure: StatMeasure, utcOffsetSeconds: Int) -> String {
        func day(_ seconds: String) -> String {
            "to_char(DATE '1970-01-01' + floor((\(seconds) + \(utcOffsetSeconds)) / 86400)::integer, 'YYYY-MM-DD')"
        }
        return switch measure {
        case .cases, .survivors: "c.report_date"
        case .referrals: day("COALESCE(r.sent_at, r.created_at)")
        case .mediations: day("m.opened_at")
        }
    }

    /// A text literal of one of this build's own codes.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The FROM clause and the date filter of a source, with the months bound into `statement`.
    private static func unitsClauses(_ source: StatSource, _ statement: inout Statement) throws -> (from: String, filter: String) {
        let months = try statement.bind(source.months)
        func caseDates(_ alias: String) throws -> String {
            guard let first = source.months.min(), let last = source.months.max() else { return "1 = 0" }
            return "\(alias).report_date BETWEEN \(try statement.bind(first + "-01")) AND \(try statement.bind(last + "-31"))"
                + " AND substr(\(alias).report_date, 1, 7) = ANY(\(months))"
        }
        let from: String = switch source.measure {
        case .cases: "cases c"
        case .survivors:
            // Each survivor's first case in the period (a case without a blind index is its own).
            """
            (SELECT * FROM cases c0 WHERE \(try caseDates("c0")) AND (c0.blind_index IS NULL OR NOT EXISTS (
                SELECT 1 FROM cases e WHERE e.blind_index = c0.blind_index AND \(try caseDates("e"))
                AND (e.report_date < c0.report_date OR (e.report_date = c0.report_date AND e.id < c0.id))))) c
            """
        case .referrals: "referrals r JOIN cases c ON c.id = r.case_id"
        case .mediations: "mediations m JOIN cases c ON c.id = m.case_id"
        }
        let date = dateExpression(source.measure, utcOffsetSeconds: source.utcOffsetSeconds)
        let filter = [.cases, .survivors].contains(source.measure) && !source.months.isEmpty
            ? try caseDates("c")
            : "substr(\(date), 1, 7) = ANY(\(months))"
        return (from, filter)
    }

    func statistics(_ source: StatSource) throws -> StatGroups {
        var statement = Statement("")
        let (from, filter) = try Self.unitsClauses(source, &statement)
        let columns = source.dimensions.map { Self.expression($0, measure: source.measure, utcOffsetSeconds: source.utcOffsetSeconds) }
        var selects = columns.enumerated().map { "\($1) AS d\($0)" }
        selects.append("c.consent_statistics AS consented")
        selects.append("count(*) AS n")
        selects.append("sum(c.record_key & 65535)::bigint AS rk")
        if source.measure == .referrals {
            selects.append("""
                array_agg((r.acknowledged_at - r.sent_at) / 3600.0::double precision)
                FILTER (WHERE r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL) AS ack
                """)
            let late = "r.status = 'pending' AND r.due_by < \(try statement.bind(source.now.timeIntervalSince1970))"
            selects.append("sum(CASE WHEN \(late) THEN 1 ELSE 0 END)::bigint AS overdue")
            selects.append("sum(CASE WHEN \(late) THEN c.record_key & 65535 ELSE 0 END)::bigint AS overdue_key")
        }
        var contextSource = ""
        if source.dimensions.contains(.context) {
            // Each case once under each of its contexts, and under 'none' when it has none.
            let values = (CaseContext.rawValues + ["none"]).map { "(\(Self.literal($0)))" }.joined(separator: ", ")
            contextSource = " JOIN (VALUES \(values)) ctx(value) ON (ctx.value = 'none' AND c.contexts = '')"
                + " OR strpos(',' || c.contexts || ',', ',' || ctx.value || ',') > 0"
        }
        let groupBy = (0..<columns.count).map { "d\($0)" } + ["consented"]
        statement.append("""
            SELECT \(selects.joined(separator: ", ")) FROM \(from)\(contextSource)
            WHERE \(filter)
            GROUP BY \(groupBy.joined(separator: ", "))
            """)
        var groups: [StatGroups.Group] = []
        for row in try session.rows(statement.query, table: "statistics") {
            let values = try (0..<columns.count).map { try row("d\($0)", as: String?.self) ?? "unknown" }
            let stat = StatRow(values: values, count: try row("n"), consented: try row.bool("consented"), key: try row("rk", as: Int?.self) ?? 0)
            if source.measure == .referrals {
                groups.append(.init(row: stat, hoursToAcknowledge: try row("ack", as: [Double]?.self) ?? [],
                                    overdue: try row("overdue", as: Int?.self) ?? 0, overdueKey: try row("overdue_key", as: Int?.self) ?? 0))
            } else {
                groups.append(.init(row: stat))
            }
        }
        // Each unit is in exactly one group unless a case is counted under several contexts.
        guard source.dimensions.contains(.context) else {
            return StatGroups(groups: groups, distinctUnits: groups.reduce(0) { $0 + $1.row.count })
        }
        var count = Statement("")
        let (countFrom, countFilter) = try Self.unitsClauses(source, &count)
        let unit = switch source.measure {
        case .cases, .survivors: "c.id"
        case .referrals: "r.id"
        case .mediations: "m.id"
        }
        count.append("SELECT count(DISTINCT \(unit)) AS n FROM \(countFrom) WHERE \(countFilter)")
        let distinct = try session.row(count.query, table: "statistics").map { try $0("n", as: Int.self) } ?? 0
        return StatGroups(groups: groups, distinctUnits: distinct)
    }

    func statisticsKeys(caseIDs: [CaseID]) throws -> [CaseID: Int] {
        let ids = Array(Set(caseIDs.map(\.rawValue))).sorted()
        guard !ids.isEmpty else { return [:] }
        var result: [CaseID: Int] = [:]
        for row in try session.rows("""
            SELECT id, record_key & 65535 AS record_key FROM cases WHERE consent_statistics = 1 AND id = ANY(\(ids))
            """, table: "cases") {
            if let id = CaseID(parsing: try row("id", as: String.self)) { result[id] = try row("record_key", as: Int.self) }
        }
        return result
    }
}
