/// k-anonymity for a file of per-case rows (the Incident Recorder export): quasi-identifiers
/// (what a neighbour, a relative or a colleague may know of a survivor) are generalised, one
/// step at a time in a fixed order, until few rows are rare; the rows still in a combination
/// seen fewer than k times then have every quasi-identifier withheld, and if even those are
/// fewer than k they are left out. Every combination of quasi-identifiers in the result occurs
/// at least k times.
public enum KAnonymity {
    /// A quasi-identifier column and its generalisation levels (level 0 is the value as
    /// recorded; the last level maps everything to `*`).
    public struct QuasiIdentifier: Sendable {
        public let column: String
        public let levels: [@Sendable (String) -> String]
        public init(column: String, levels: [@Sendable (String) -> String]) {
            self.column = column; self.levels = [{ $0 }] + levels + [{ _ in KAnonymity.withheld }]
        }
    }

    /// One generalisation step: a column moved to its next level.
    public struct Step: Sendable, Equatable {
        public let column: String
        public let level: Int
        public init(column: String, level: Int) { self.column = column; self.level = level }
    }

    /// The value of a withheld quasi-identifier.
    public static let withheld = "*"

    /// What was done to the file.
    public struct Report: Sendable, Equatable {
        /// Each quasi-identifier's final level (0 = as recorded; its last level = withheld).
        public var levels: [String: Int]
        /// Rows whose quasi-identifiers were all withheld.
        public var locallySuppressed: Int
        /// Rows left out because even with every quasi-identifier withheld they were fewer than k.
        public var dropped: Int
    }

    /// Generalises `rows` (column → value) in the order of `plan`, stopping once at most
    /// `rareShare` of the rows lie in combinations seen fewer than k times; then suppresses
    /// locally as described above.
    public static func protect(_ rows: [[String: String]], quasiIdentifiers: [QuasiIdentifier], plan: [Step], k: Int,
                               rareShare: Double = 0.05) -> (rows: [[String: String]], report: Report) {
        var levels = Dictionary(uniqueKeysWithValues: quasiIdentifiers.map { ($0.column, 0) })
        let byColumn = Dictionary(uniqueKeysWithValues: quasiIdentifiers.map { ($0.column, $0) })
        func generalised(_ row: [String: String]) -> [String: String] {
            var out = row
            for (column, level) in levels { out[column] = byColumn[column]!.levels[level](row[column] ?? "") }
            return out
        }
        func signature(_ row: [String: String]) -> [String] { quasiIdentifiers.map { row[$0.column] ?? "" } }
        func rare(_ current: [[String: String]]) -> Int {
            var counts: [[String]: Int] = [:]
            for row in current { counts[signature(row), default: 0] += 1 }
            return current.filter { counts[signature($0)]! < k }.count
        }
        var current = rows.map(generalised)
        var steps = plan[...]
        while Double(rare(current)) > rareShare * Double(rows.count), let step = steps.popFirst() {
            guard let qi = byColumn[step.column], step.level < qi.levels.count, step.level > levels[step.column]! else { continue }
            levels[step.column] = step.level
            current = rows.map(generalised)
        }
        var counts: [[String]: Int] = [:]
        for row in current { counts[signature(row), default: 0] += 1 }
        var kept: [[String: String]] = [], suppressed: [[String: String]] = []
        for row in current {
            if counts[signature(row)]! >= k {
                kept.append(row)
            } else {
                var out = row
                for qi in quasiIdentifiers { out[qi.column] = withheld }
                suppressed.append(out)
            }
        }
        // Rows already withheld in every quasi-identifier join the suppressed ones' combination.
        let allWithheld = quasiIdentifiers.map { _ in withheld }
        let alreadyWithheld = kept.filter { signature($0) == allWithheld }
        var report = Report(levels: levels, locallySuppressed: suppressed.count, dropped: 0)
        if !suppressed.isEmpty && suppressed.count + alreadyWithheld.count < k {
            report.dropped = suppressed.count
            report.locallySuppressed = 0
            suppressed = []
        }
        return (kept + suppressed, report)
    }

    /// The smallest number of rows sharing one combination of the quasi-identifiers (nil for
    /// an empty file): what a test checks against k.
    public static func smallestClass(_ rows: [[String: String]], columns: [String]) -> Int? {
        var counts: [[String]: Int] = [:]
        for row in rows { counts[columns.map { row[$0] ?? "" }, default: 0] += 1 }
        return counts.values.min()
    }
}
