import Foundation
import GRDB
import HavenCore
import HavenStore

extension SQLiteTransaction {
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
        case .quarter: return "'Q' || ((CAST(substr(\(date), 6, 2) AS INTEGER) + 2) / 3)"
        case .year: return "substr(\(date), 1, 4)"
        case .reportingDelay: return "c.reporting_delay"
        case .risk: return "c.risk"
        case .agency: return "r.agency"
        case .referralStatus: return "r.status"
        case .mediationOutcome: return "m.status"
        case .ageBand, .typeGroup:
            let (fine, map) = CoarseCategories.grouping(of: dimension)!
            let column = expression(fine, measure: measure, utcOffsetSeconds: utcOffsetSeconds)
            return "CASE \(column) " + map.sorted { $0.key < $1.key }.map { "WHEN '\($0.key)' THEN '\($0.value)'" }.joined(separator: " ")
                + " ELSE 'unknown' END"
        case .repeatVictimisation:
            return """
                CASE WHEN c.blind_index IS NOT NULL AND EXISTS (SELECT 1 FROM cases e INDEXED BY cases_by_blind_index
                WHERE e.blind_index = c.blind_index AND e.id <> c.id AND e.report_date <= c.report_date
                AND e.report_date >= date(c.report_date, '-365 days') AND (e.report_date < c.report_date OR e.id < c.id)) THEN 'yes' ELSE 'no' END
                """
        }
    }

    /// The unit's date as `YYYY-MM-DD` text (instants in the province's time zone).
    static func dateExpression(_ measure: StatMeasure, utcOffsetSeconds: Int) -> String {
        switch measure {
        case .cases, .survivors: "c.report_date"
        case .referrals: "date(COALESCE(r.sent_at, r.created_at) + \(utcOffsetSeconds), 'unixepoch')"
        case .mediations: "date(m.opened_at + \(utcOffsetSeconds), 'unixepoch')"
        }
    }

    /// Covering indexes for the tables supervisors and the annual report ask for most.
    static let statisticsIndexes: [(name: String, columns: [String])] = [
        ("stats_type_sex_age", ["gbv_type", "survivor_sex", "survivor_age_group"]),
        ("stats_type_sex", ["gbv_type", "survivor_sex"]),
        ("stats_age_sex", ["survivor_age_group", "survivor_sex"]),
        ("stats_commune_sex", ["commune", "survivor_sex"]),
        ("stats_district_sex", ["former_district", "survivor_sex"]),
        ("stats_source_sex", ["source", "survivor_sex"]),
        ("stats_sex", ["survivor_sex"]),
    ]

    func statistics(_ source: StatSource) throws -> StatGroups {
        // Cases over whole years whose dimensions are plain columns that lead a covering
        // index: group in the index's order, so SQLite streams instead of sorting.
        if source.measure == .cases, let fast = try indexedCaseStatistics(source) { return fast }
        // Cases read the wide covering index: the planner would otherwise pick a narrow one and
        // look up every row.
        let months = source.months.map { "'\($0)'" }.joined(separator: ",")
        func caseDates(_ alias: String) -> String {
            source.months.isEmpty ? "1 = 0"
                : "\(alias).report_date BETWEEN '\(source.months.min()!)-01' AND '\(source.months.max()!)-31' AND substr(\(alias).report_date, 1, 7) IN (\(months))"
        }
        let from: String = switch source.measure {
        case .cases: "cases c INDEXED BY cases_for_statistics"
        case .survivors:
            // Each survivor's first case in the period (a case without a blind index is its own).
            """
            (SELECT * FROM cases c0 WHERE \(caseDates("c0")) AND (c0.blind_index IS NULL OR NOT EXISTS (
                SELECT 1 FROM cases e INDEXED BY cases_by_blind_index WHERE e.blind_index = c0.blind_index AND \(caseDates("e"))
                AND (e.report_date < c0.report_date OR (e.report_date = c0.report_date AND e.id < c0.id))))) c
            """
        case .referrals: "referrals r JOIN cases c ON c.id = r.case_id"
        case .mediations: "mediations m JOIN cases c ON c.id = m.case_id"
        }
        let unit: String = switch source.measure {
        case .cases, .survivors: "c.id"
        case .referrals: "r.id"
        case .mediations: "m.id"
        }
        let date = Self.dateExpression(source.measure, utcOffsetSeconds: source.utcOffsetSeconds)
        let columns = source.dimensions.map { Self.expression($0, measure: source.measure, utcOffsetSeconds: source.utcOffsetSeconds) }
        var selects = columns.enumerated().map { "\($1) AS d\($0)" }
        selects.append("c.consent_statistics AS consented")
        selects.append("count(*) AS n")
        selects.append("sum(c.record_key & 65535) AS rk")
        if source.measure == .referrals {
            selects.append("group_concat(CASE WHEN r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL THEN (r.acknowledged_at - r.sent_at) / 3600.0 END) AS ack")
            let late = "r.status = 'pending' AND r.due_by < \(source.now.timeIntervalSince1970)"
            selects.append("sum(CASE WHEN \(late) THEN 1 ELSE 0 END) AS overdue")
            selects.append("sum(CASE WHEN \(late) THEN c.record_key & 65535 ELSE 0 END) AS overdue_key")
        }
        var contextSource = ""
        if source.dimensions.contains(.context) {
            // Each case once under each of its contexts, and under 'none' when it has none.
            let values = (CaseContext.rawValues + ["none"]).map { "SELECT '\($0)' AS value" }.joined(separator: " UNION ALL ")
            contextSource = " JOIN (\(values)) ctx ON (ctx.value = 'none' AND c.contexts = '') OR instr(',' || c.contexts || ',', ',' || ctx.value || ',') > 0"
        }
        let groupBy = (0..<columns.count).map { "d\($0)" } + ["consented"]
        let dateFilter = [.cases, .survivors].contains(source.measure) && !source.months.isEmpty
            ? caseDates("c")
            : "substr(\(date), 1, 7) IN (\(months))"
        let sql = """
            SELECT \(selects.joined(separator: ", ")) FROM \(from)\(contextSource)
            WHERE \(dateFilter)
            GROUP BY \(groupBy.joined(separator: ", "))
            """
        var groups: [StatGroups.Group] = []
        for row in try Row.fetchAll(db, sql: sql) {
            let values = (0..<columns.count).map { (row["d\($0)"] as String?) ?? "unknown" }
            let stat = StatRow(values: values, count: row["n"], consented: row["consented"], key: row["rk"])
            if source.measure == .referrals {
                let ack = (row["ack"] as String?)?.split(separator: ",").compactMap { Double($0) } ?? []
                groups.append(.init(row: stat, hoursToAcknowledge: ack, overdue: row["overdue"], overdueKey: row["overdue_key"]))
            } else {
                groups.append(.init(row: stat))
            }
        }
        // Each unit is in exactly one group unless a case is counted under several contexts.
        let distinct = source.dimensions.contains(.context)
            ? try Int.fetchOne(db, sql: "SELECT count(DISTINCT \(unit)) FROM \(from) WHERE \(dateFilter)") ?? 0
            : groups.reduce(0) { $0 + $1.row.count }
        return StatGroups(groups: groups, distinctUnits: distinct)
    }

    func statisticsKeys(caseIDs: [CaseID]) throws -> [CaseID: Int] {
        var result: [CaseID: Int] = [:]
        let unique = Array(Set(caseIDs.map(\.rawValue))).sorted()
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(unique.count, start + 500)])
            let sql = "SELECT id, record_key & 65535 AS record_key FROM cases WHERE consent_statistics = 1 AND id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))"
            for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(chunk)) {
                if let id = CaseID(parsing: row["id"]) { result[id] = row["record_key"] }
            }
        }
        return result
    }

    func indexedCaseStatistics(_ source: StatSource) throws -> StatGroups? {
        let columns = source.dimensions.map { Self.expression($0, measure: .cases, utcOffsetSeconds: source.utcOffsetSeconds) }
        guard columns.allSatisfy({ $0.hasPrefix("c.") }),
              let index = Self.statisticsIndexes.first(where: { Set($0.columns.map { "c." + $0 }) == Set(columns) }),
              let first = source.months.min(), let last = source.months.max(),
              source.months.count == Set(source.months).count else { return nil }
        // The months must be contiguous (a whole year is): then a date range selects them.
        let firstDate = LocalDate(iso: first + "-01")!, lastMonth = LocalDate(iso: last + "-01")!
        let monthCount = (lastMonth.year - firstDate.year) * 12 + lastMonth.month - firstDate.month + 1
        guard monthCount == source.months.count else { return nil }
        let ordered = index.columns.map { "c." + $0 }
        let sql = """
            SELECT \(ordered.joined(separator: ", ")), c.consent_statistics AS consented, count(*) AS n, sum(c.record_key & 65535) AS rk
            FROM cases c INDEXED BY \(index.name)
            WHERE c.report_date BETWEEN ? AND ?
            GROUP BY \(ordered.joined(separator: ", ")), c.consent_statistics
            """
        let range: StatementArguments = [first + "-01", last + "-31"]
        var groups: [StatGroups.Group] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: range) {
            // Back to the order of the source's dimensions.
            let values = columns.map { column in (row[ordered.firstIndex(of: column)!] as String?) ?? "unknown" }
            groups.append(.init(row: StatRow(values: values, count: row["n"], consented: row["consented"], key: row["rk"])))
        }
        return StatGroups(groups: groups, distinctUnits: groups.reduce(0) { $0 + $1.row.count })
    }
}
