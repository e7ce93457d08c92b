import Foundation
import HavenAPI
import HavenCore
import HavenStore

/// The patterns computed so far, by the data they were computed from (the same figures give
/// the same pattern, so a cached one is only reused for identical data).
///
/// `@unchecked Sendable` because its one mutable dictionary is only touched with `lock` held
/// (`Synchronization.Mutex` would say so to the compiler, but needs macOS 15 and the package
/// supports macOS 14).
final class SuppressionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var patterns: [String: SuppressionPattern] = [:]

    func pattern(_ fingerprint: String, compute: () -> SuppressionPattern) -> SuppressionPattern {
        lock.lock(); defer { lock.unlock() }
        if let cached = patterns[fingerprint] { return cached }
        let pattern = compute()
        if patterns.count >= 32 { patterns.removeAll() }
        patterns[fingerprint] = pattern
        return pattern
    }
}

extension HavenService {
    /// The tables published under suppression for a measure, protected together: every
    /// dimension alone; the report's sex-disaggregated tables; type × sex × age group; for
    /// referrals agency × status. Communes nest in former districts, months in quarters.
    func suppressionTables(_ measure: StatMeasure, year: Int) -> LinkedTables {
        let dims: [StatDimension]
        var tables: [[StatDimension]]
        switch measure {
        case .cases:
            // Age bands and groups of types are not published under suppression: their cells are
            // sums of the type and age cells published anyway, so showing them only adds sums to
            // protect (measured: a coarse table hid more people than its fine one).
            dims = StatDimension.allCases.filter { $0.measures.contains(.cases) && !$0.isMultiValued && ![.year, .ageBand, .typeGroup].contains($0) }
            tables = dims.map { [$0] }
            for dim in [StatDimension.gbvType, .survivorAgeGroup, .formerDistrict, .commune, .source, .reportingDelay, .repeatVictimisation] {
                tables.append([dim, .survivorSex])
            }
            tables.append([.gbvType, .survivorSex, .survivorAgeGroup])
        case .referrals:
            dims = [.agency, .referralStatus]
            tables = [[.agency], [.referralStatus], [.agency, .referralStatus]]
        case .survivors:
            // Not published under suppression: survivors ≤ cases in every cell, and cases − survivors
            // ≤ repeat cases, tie the two measures; protected apart, their patterns undo each other.
            dims = []
            tables = []
        case .mediations:
            dims = [.mediationOutcome]
            tables = [[.mediationOutcome]]
        }
        var nesting: [Int: LinkedTables.Nesting] = [:]
        if let c = dims.firstIndex(of: .commune), let d = dims.firstIndex(of: .formerDistrict) {
            nesting[c] = .init(parent: d, parentOf: Dictionary(uniqueKeysWithValues: context.regions.communes.map { ($0.slug, $0.formerDistrictSlug) }))
        }
        if let m = dims.firstIndex(of: .month), let q = dims.firstIndex(of: .quarter) {
            nesting[m] = .init(parent: q, parentOf: Dictionary(uniqueKeysWithValues: (1...12).map {
                (String(format: "%02d", $0), StatPeriod.quarter(ofMonth: String(format: "2000-%02d", $0)))
            }))
        }
        return LinkedTables(dimensions: dims, domains: dims.map { domain($0, year: year) }, nesting: nesting,
                            tables: tables.map { table in dims.indices.filter { table.contains(dims[$0]) } })
    }

    /// Refuses a query outside the published set under suppression.
    func checkPublishedUnderSuppression(_ query: StatQuery) throws {
        let linked = suppressionTables(query.measure, year: query.period.year)
        let wanted = Set(query.by).union(query.filters.keys)
        guard query.period.kind == .year, linked.table(for: wanted) != nil else {
            let list = linked.tables.map { $0.map { linked.dimensions[$0].rawValue }.joined(separator: "×") }.joined(separator: ", ")
            throw HavenError.invalidInput(.invalidValue(path: "by", reason: .notPublishedUnderSuppression(tables: list)))
        }
    }

    /// The year's pattern for a measure: every published table's true counts, protected together.
    func suppressionPattern(_ measure: StatMeasure, year: Int, k: Int) async throws -> (LinkedTables, SuppressionPattern) {
        let linked = suppressionTables(measure, year: year)
        let months = StatPeriod(year: year).months
        let now = context.clock.now()
        var counts: [[String]: Int] = [:]
        var fingerprint = "\(measure.rawValue)|\(year)|\(k)"
        // Every table from one read transaction: one snapshot of the data.
        let sources = linked.tables.map { table in
            StatSource(measure: measure, dimensions: table.map { linked.dimensions[$0] }, months: months, now: now,
                       utcOffsetSeconds: context.regions.utcOffsetSeconds)
        }
        let allGroups = try await self.query { tx in try sources.map { try tx.statistics($0) } }
        for (table, groups) in zip(linked.tables, allGroups) {
            let dims = table.map { linked.dimensions[$0] }
            let contingency = ContingencyTable(dimensions: dims, rows: groups.groups.map(\.row), distinctUnits: groups.distinctUnits)
            for address in linked.addresses(ofTable: table) {
                let n = contingency.count(table.map { address[$0] })
                if n != 0 { counts[address] = n }
            }
            for group in groups.groups.sorted(by: { $0.row.values.lexicographicallyPrecedes($1.row.values) }) where group.row.consented {
                fingerprint += "|" + group.row.values.joined(separator: ",") + "=\(group.row.count)"
            }
            fingerprint += "#"
        }
        let pattern = suppressionCache.pattern(fingerprint) { LinkedSuppression.protect(linked, counts: counts, k: k) }
        return (linked, pattern)
    }
}
