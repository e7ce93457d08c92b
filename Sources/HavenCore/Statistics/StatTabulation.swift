import Foundation

/// Every value a statistics dimension may take — the full code list, not only the values
/// observed, so that a row's presence in a table says nothing.
public struct StatDomain: Sendable {
    public let regions: RegionCatalog
    /// The policy's agency ids.
    public let agencies: [String]

    public init(regions: RegionCatalog, agencies: [String]) {
        self.regions = regions; self.agencies = agencies
    }

    public func values(_ dim: StatDimension, year: Int) -> [String] {
        switch dim {
        case .gbvType: GBVType.rawValues
        case .context: CaseContext.rawValues + ["none"]
        case .survivorSex, .perpetratorSex: Sex.rawValues
        case .survivorAgeGroup: AgeGroup.rawValues
        case .ethnicityGroup: EthnicityGroup.rawValues
        case .disability, .repeatVictimisation: ["no", "yes"]
        case .perpetratorRelationship: Relationship.rawValues
        case .source: ReportingSource.rawValues
        case .commune: regions.communes.map(\.slug)
        case .formerDistrict: Array(Set(regions.communes.map(\.formerDistrictSlug))).sorted()
        case .month: (1...12).map { String(format: "%02d", $0) }
        case .quarter: ["Q1", "Q2", "Q3", "Q4"]
        case .year: [String(year)]
        case .reportingDelay: ReportingDelay.rawValues
        case .risk: RiskLevel.rawValues
        case .agency: agencies
        case .referralStatus: ReferralStatus.rawValues
        case .mediationOutcome: MediationStatus.rawValues
        case .ageBand: CoarseCategories.ageBands
        case .typeGroup: CoarseCategories.typeGroups
        }
    }
}

extension StatQuery {
    /// The query's table: its dimensions, its filters as dimensions, and quarter and month
    /// whenever the period (or a dimension) is finer than a year — in one fixed order, so
    /// that the same cells are protected the same way in every query.
    public var canonicalDimensions: [StatDimension] {
        var set = Set(by).union(filters.keys)
        if period.kind != .year || set.contains(.month) || set.contains(.quarter) { set.formUnion([.quarter, .month]) }
        return StatDimension.allCases.filter(set.contains)
    }
}

/// A query's published table, made from the units a store grouped (`StatGroups`): the slice
/// of the query's canonical table it asks for, each cell perturbed or looked up in the year's
/// suppression pattern, the referral medians and overdue shares where a cell is large enough,
/// the whole population, and the information lost. Pure: the same groups give the same table,
/// on any engine and in any face; the noise comes from the units' record keys (drawn from the
/// service's injected random source when each unit was stored), never from a clock or a
/// random draw here.
public struct StatTabulation: Sendable {
    /// The year's suppression pattern over its linked tables (under `.suppress`).
    public struct Suppression: Sendable {
        public let linked: LinkedTables
        public let pattern: SuppressionPattern
        public init(linked: LinkedTables, pattern: SuppressionPattern) { self.linked = linked; self.pattern = pattern }
    }

    public let query: StatQuery
    public let method: DisclosureMethod
    public let k: Int
    public let perturbation: PerturbationTable
    public let domain: StatDomain
    public let suppression: Suppression?

    /// `suppression` is required when `method` is `.suppress`.
    public init(query: StatQuery, method: DisclosureMethod, k: Int, perturbation: PerturbationTable, domain: StatDomain,
                suppression: Suppression?) {
        precondition(method == .perturb || suppression != nil, "a suppressed table needs the year's pattern")
        self.query = query; self.method = method; self.k = k; self.perturbation = perturbation; self.domain = domain
        self.suppression = suppression
    }

    /// The published result, and — kept inside Haven for the report's own attack — the true
    /// count behind each cell and the units without consent to statistics.
    public func tabulate(_ groups: StatGroups) -> (result: StatResult, truth: [Int], unconsented: Int) {
        let canonical = query.canonicalDimensions
        let counts = ContingencyTable(dimensions: canonical, rows: groups.groups.map(\.row), distinctUnits: groups.distinctUnits)
        let table = perturbation
        func perturbed(_ count: Int, _ key: Int) -> Int { table.shown(count: count, key: key) }

        let value: ([String]) -> Int?
        let suppressedCell: ([String]) -> Bool
        switch (method, suppression) {
        case (.suppress, let suppression?):
            // One pattern for every published table of the year (see ``LinkedSuppression``):
            // the query's cells are looked up in it.
            let linked = suppression.linked, pattern = suppression.pattern
            let positions = canonical.map { linked.dimensions.firstIndex(of: $0)! }
            func master(_ address: [String]) -> [String] {
                var a = Array(repeating: ContingencyTable.all, count: linked.dimensions.count)
                for (i, p) in positions.enumerated() { a[p] = address[i] }
                return linked.canonical(a)
            }
            // A pattern the audit could not make safe is never published: only the total.
            let safe = pattern.unprotected.isEmpty
            value = { address in safe || !address.contains { $0 != ContingencyTable.all } ? pattern.value(master(address)) : nil }
            suppressedCell = { address in value(address) == nil }
        default:
            value = { perturbed(counts.count($0), counts.key($0)) }
            suppressedCell = { _ in false }
        }

        let addresses = slice(canonical)
        let cells = addresses.map { address -> StatCell in
            let count = value(address)
            var median: Double?, overdue: Double?
            // Under suppression the overdue count and the number acknowledged are counts the audit
            // never saw (overdue ≤ pending): neither a share nor a median is shown beside them.
            if query.measure == .referrals, method == .perturb, let count, count >= k {
                let matching = groups.groups.filter { group in
                    group.row.consented && zip(group.row.values, address).allSatisfy { $1 == ContingencyTable.all || $0 == $1 }
                }
                let hours = matching.flatMap(\.hoursToAcknowledge).sorted()
                if hours.count >= k {
                    median = hours.count % 2 == 1 ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
                }
                let late = matching.map(\.overdue).reduce(0, +)
                let lateKey = matching.map(\.overdueKey).reduce(0, +)
                // Both counts as published: the share reveals no more than they do.
                overdue = min(1, Double(perturbed(late, lateKey)) / Double(count))
            }
            var values: [StatDimension: String] = [:]
            for dim in query.by {
                let raw = address[canonical.firstIndex(of: dim)!]
                values[dim] = dim == .month && raw != ContingencyTable.all ? "\(query.period.year)-\(raw)" : raw
            }
            return StatCell(values: values, count: count, suppressed: suppressedCell(address), medianHoursToAcknowledge: median,
                            shareOverdue: overdue)
        }
        // The whole population, refusers included: a cell of its own, always perturbed, and
        // only for the whole year without filters (a slice of refusers would be theirs alone).
        // Not under suppression: beside an exact consented total it would give the refusers'
        // count to within the perturbation.
        var population: Int?
        if method == .perturb && query.filters.isEmpty && query.period.kind == .year && !canonical.contains(where: \.isMultiValued) {
            let all = Array(repeating: ContingencyTable.all, count: canonical.count)
            population = perturbed(counts.count(all) + counts.unconsented, counts.key(all) + counts.unconsentedKey)
        }
        // Information loss, from the published figures alone: the slice's total minus its shown
        // interior cells (already derivable from the table). A share worked out from the hidden
        // true counts would give an attacker their sum when the total is hidden too; then the
        // whole table counts as lost.
        var hiddenShare = 0.0
        if method == .suppress {
            let shownInterior = cells.filter { !$0.values.values.contains(ContingencyTable.all) }.compactMap(\.count).reduce(0, +)
            if let total = cells.first(where: { $0.values.values.allSatisfy { $0 == ContingencyTable.all } })?.count {
                hiddenShare = total == 0 ? 0 : Double(max(0, total - shownInterior)) / Double(total)
            } else {
                hiddenShare = 1
            }
        }
        var result = StatResult(query: query, k: k, method: method, maximumPerturbation: table.maximum, cells: cells,
                                populationTotal: population, hiddenShare: hiddenShare)
        switch method {
        case .suppress: result.sparseShare = result.hiddenShare
        case .perturb:
            // From the published figures only (a share of true small counts would be a count):
            // the part of the shown total not in cells shown above k, i.e. in cells shown as 0
            // or k, where counts from 1 to k−1 land.
            let interior = cells.filter { !$0.values.values.contains(ContingencyTable.all) }.compactMap(\.count)
            let total = result.total ?? 0
            let clear = interior.filter { $0 > k }.reduce(0, +)
            result.sparseShare = total <= 0 ? 0 : min(1, max(0, Double(total - clear) / Double(total)))
        }
        return (result, addresses.map { counts.count($0) }, counts.unconsented)
    }

    /// The cells the query asks for: requested dimensions vary over their full code lists (so a
    /// row's presence says nothing), with their totals; filters and the period are fixed.
    func slice(_ canonical: [StatDimension]) -> [[String]] {
        var addresses: [[String]] = [Array(repeating: ContingencyTable.all, count: canonical.count)]
        for (i, dim) in canonical.enumerated() {
            var options: [String]
            if let fixed = query.filters[dim] {
                options = [fixed]
            } else if dim == .month && query.period.kind == .month {
                options = [String(format: "%02d", query.period.index)]
            } else if dim == .quarter && query.period.kind != .year {
                options = [StatPeriod.quarter(ofMonth: query.period.months[0])]
            } else if query.by.contains(dim) {
                var categories = domain.values(dim, year: query.period.year)
                if dim == .month { categories = categories.filter { query.period.months.contains("\(query.period.year)-\($0)") } }
                if dim == .quarter && query.period.kind != .year { categories = [StatPeriod.quarter(ofMonth: query.period.months[0])] }
                options = categories + (dim.isMultiValued ? [] : [ContingencyTable.all])
            } else {
                options = [ContingencyTable.all]
            }
            addresses = addresses.flatMap { prefix in options.map { var a = prefix; a[i] = $0; return a } }
        }
        if let q = canonical.firstIndex(of: .quarter), let m = canonical.firstIndex(of: .month) {
            addresses = addresses.filter { $0[q] == ContingencyTable.all || $0[m] == ContingencyTable.all
                || StatPeriod.quarter(ofMonth: "2000-" + $0[m]) == $0[q] }
        }
        return addresses
    }
}
