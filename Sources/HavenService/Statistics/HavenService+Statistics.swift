import Foundation
import HavenAPI
import HavenCore
import HavenStore

/// The true counts behind a result, cell by cell (and the units without consent to
/// statistics): never published, only attacked by the report's own audit.
struct StatTruth: Sendable {
    let cells: [Int]
    let unconsented: Int
}

extension HavenService {
    /// Refuses a year outside ``StatPeriod/years`` (before any work).
    static func checkYear(_ year: Int) throws {
        guard StatPeriod.years.contains(year) else {
            throw HavenError.invalidInput(.invalidValue(path: "year", reason: .yearRange(from: StatPeriod.years.lowerBound,
                                                                                           to: StatPeriod.years.upperBound)))
        }
    }

    /// Runs a statistics query for a supervisor or administrator. Every query is audited.
    public func statistics(_ query: StatQuery, by actor: Caller) async throws -> StatResult {
        try await require(actor, .statsQuery)
        try validate(query)
        let method = query.method ?? context.policy.disclosure.method
        // Coarsening: each dimension with a coarser one named in disclosure.yaml is replaced.
        // Under suppression, only steps to a dimension it publishes (former district, quarter).
        let published = method == .suppress ? Set(suppressionTables(query.measure, year: query.period.year).dimensions) : nil
        let steps = context.policy.disclosure.coarsening.steps.filter { published?.contains($0.value) ?? true }
        var effective = query
        var applied: [StatDimension: StatDimension] = [:]
        if query.coarsen {
            effective.by = []
            for dim in query.by {
                let coarse = steps[dim] ?? dim
                if coarse != dim { applied[dim] = coarse }
                if !effective.by.contains(coarse) && query.filters[coarse] == nil { effective.by.append(coarse) }
            }
            try validate(effective)
        }
        let detail = "measure=\(query.measure.rawValue) by=\(effective.by.map(\.rawValue).joined(separator: ",")) period=\(query.period) where=\(query.filters.keys.map(\.rawValue).sorted().joined(separator: ",")) method=\(method.rawValue)\(query.coarsen ? " coarsened" : "")"
        var result = try await compute(effective)
        result.coarsened = applied
        if !query.coarsen && result.sparseShare > context.policy.disclosure.coarsening.above {
            result.coarserOffered = steps.filter { query.by.contains($0.key) && !query.by.contains($0.value) && query.filters[$0.value] == nil }
        }
        try await recordAllowed(actor, .statsQuery, target: nil, detail: detail)
        return result
    }

    /// Computes a query without permission checks or audit (for reports, which check and
    /// audit once).
    func compute(_ query: StatQuery) async throws -> StatResult {
        try await computeWithTruth(query).result
    }

    /// A query's result and, kept inside Haven for the report's own attack, the true count
    /// behind each of its cells.
    func computeWithTruth(_ query: StatQuery) async throws -> (result: StatResult, truth: StatTruth) {
        let disclosure = context.policy.disclosure
        let k = disclosure.k
        // Mediations are perturbed under both methods, like the mediation statistics beside
        // them: exact outcomes next to perturbed agreements and recurrences could be combined.
        let method = query.measure == .mediations ? DisclosureMethod.perturb : query.method ?? disclosure.method
        let table = context.policy.disclosure.perturbation
        let canonical = canonicalDimensions(query)
        let source = StatSource(measure: query.measure, dimensions: canonical, months: query.period.wholeYear.months, now: context.clock.now())
        let groups = try await self.query { try $0.statistics(source) }
        let counts = ContingencyTable(dimensions: canonical, rows: groups.groups.map(\.row), distinctUnits: groups.distinctUnits)
        func perturbed(_ count: Int, _ key: Int) -> Int { table.shown(count: count, key: key) }

        let value: ([String]) -> Int?
        let suppressedCell: ([String]) -> Bool
        switch method {
        case .suppress:
            // One pattern for every published table of the year (see ``LinkedSuppression``):
            // the query's cells are looked up in it.
            try checkPublishedUnderSuppression(query)
            let (linked, pattern) = try await suppressionPattern(query.measure, year: query.period.year, k: k)
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
        case .perturb:
            value = { perturbed(counts.count($0), counts.key($0)) }
            suppressedCell = { _ in false }
        }

        // The slice: requested dimensions vary over their full code lists (so a row's presence
        // says nothing), with their totals; filters and the period are fixed.
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
                var categories = domain(dim, year: query.period.year)
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
        var population: Int?
        // Not under suppression: beside an exact consented total it would give the refusers' count
        // to within the perturbation.
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
        return (result, StatTruth(cells: addresses.map { counts.count($0) }, unconsented: counts.unconsented))
    }

    /// The query's table: its dimensions, its filters as dimensions, and quarter and month
    /// whenever the period (or a dimension) is finer than a year — in one fixed order, so
    /// that the same cells are protected the same way in every query.
    func canonicalDimensions(_ query: StatQuery) -> [StatDimension] {
        var set = Set(query.by).union(query.filters.keys)
        if query.period.kind != .year || set.contains(.month) || set.contains(.quarter) { set.formUnion([.quarter, .month]) }
        return StatDimension.allCases.filter(set.contains)
    }

    func validate(_ query: StatQuery) throws {
        for dim in query.by + Array(query.filters.keys) where !dim.measures.contains(query.measure) {
            throw HavenError.invalidInput(.invalidValue(path: "by", reason: .notForMeasure(dimension: dim.rawValue, measure: query.measure.rawValue)))
        }
        if let method = query.method, method != context.policy.disclosure.method {
            throw HavenError.invalidInput(.invalidValue(path: "method", reason: .notTheStoreMethod(context.policy.disclosure.method.rawValue)))
        }
        guard Set(query.by).count == query.by.count else {
            throw HavenError.invalidInput(.invalidValue(path: "by", reason: .dimensionTwice))
        }
        for (dim, value) in query.filters {
            if query.by.contains(dim) {
                throw HavenError.invalidInput(.invalidValue(path: "where", reason: .alsoInBy(dim.rawValue)))
            }
            let allowed = domain(dim, year: query.period.year)
            guard allowed.contains(value) else {
                throw HavenError.invalidInput(.unknownValue(path: "where.\(dim.rawValue)", value: value, kind: dim.rawValue,
                                                            suggestions: Suggest.closest(to: value, in: allowed), known: allowed))
            }
        }
    }

    /// Every value a dimension may take (the full code list, not only those observed).
    func domain(_ dim: StatDimension, year: Int) -> [String] {
        switch dim {
        case .gbvType: GBVType.rawValues
        case .context: CaseContext.rawValues + ["none"]
        case .survivorSex, .perpetratorSex: Sex.rawValues
        case .survivorAgeGroup: AgeGroup.rawValues
        case .ethnicityGroup: EthnicityGroup.rawValues
        case .disability, .repeatVictimisation: ["no", "yes"]
        case .perpetratorRelationship: Relationship.rawValues
        case .source: ReportingSource.rawValues
        case .commune: context.regions.communes.map(\.slug)
        case .formerDistrict: Array(Set(context.regions.communes.map(\.formerDistrictSlug))).sorted()
        case .month: (1...12).map { String(format: "%02d", $0) }
        case .quarter: ["Q1", "Q2", "Q3", "Q4"]
        case .year: [String(year)]
        case .reportingDelay: ReportingDelay.rawValues
        case .risk: RiskLevel.rawValues
        case .agency: context.policy.agencies.map(\.id)
        case .referralStatus: ReferralStatus.rawValues
        case .mediationOutcome: MediationStatus.rawValues
        case .ageBand: CoarseCategories.ageBands
        case .typeGroup: CoarseCategories.typeGroups
        }
    }
}
