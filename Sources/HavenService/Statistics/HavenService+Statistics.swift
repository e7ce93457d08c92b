import Foundation
import HavenCore
import HavenStore

/// A statistics query.
public struct StatQuery: Sendable, Equatable {
    /// The smallest ε a noisy query may ask for: below it the noise is so wide that sampling
    /// it overflows, and the answer says nothing anyway.
    public static let minimumEpsilon = 0.01
    public enum Privacy: Sendable, Equatable {
        /// Exact counts with primary and secondary suppression.
        case suppression
        /// Noisy counts (geometric mechanism) charged to the supervisor's yearly ε budget.
        case noise(epsilon: Double)
    }
    public var measure: StatMeasure
    public var by: [StatDimension]
    public var period: StatPeriod
    public var filters: [StatDimension: String]
    public var privacy: Privacy

    public init(measure: StatMeasure = .cases, by: [StatDimension], period: StatPeriod, filters: [StatDimension: String] = [:],
                privacy: Privacy = .suppression) {
        self.measure = measure; self.by = by; self.period = period; self.filters = filters; self.privacy = privacy
    }
}

/// One published cell: a value per requested dimension (`*` for a total over it).
public struct StatCell: Sendable, Equatable {
    public let values: [StatDimension: String]
    /// Nil when suppressed.
    public let count: Int?
    public let suppressed: Bool
    /// Referrals only, and only over a shown cell of at least k referrals.
    public let medianHoursToAcknowledge: Double?
    public let shareOverdue: Double?
}

/// The answer to a statistics query.
public struct StatResult: Sendable, Equatable {
    public let query: StatQuery
    public let k: Int
    public let cells: [StatCell]
    /// The population's total: units without consent to statistics are included only here,
    /// and only when the total is at least k; nil when suppressed.
    public let total: Int?
    public let noisy: Bool

    /// The cell with these values (missing dimensions mean `*`).
    public func cell(_ values: [StatDimension: String]) -> StatCell? {
        let wanted = Dictionary(uniqueKeysWithValues: query.by.map { ($0, values[$0] ?? ContingencyTable.all) })
        return cells.first { $0.values == wanted }
    }
}

extension HavenService {
    /// Refuses a year outside ``StatPeriod/years`` (before any work, so nothing is charged).
    static func checkYear(_ year: Int) throws {
        guard StatPeriod.years.contains(year) else {
            throw HavenError.invalidInput(.invalidValue(path: "year", reason: .yearRange(from: StatPeriod.years.lowerBound,
                                                                                           to: StatPeriod.years.upperBound)))
        }
    }

    /// Runs a statistics query for a supervisor or administrator. Every query is audited.
    public func statistics(_ query: StatQuery, by actor: Actor) async throws -> StatResult {
        try await require(actor, .statsQuery)
        try validate(query)
        let disclosure = context.policy.disclosure
        let now = context.clock.now()
        let yearNow = LocalDate(now, utcOffsetSeconds: 7 * 3600).year
        let keyring = context.keyring
        let detail = "measure=\(query.measure.rawValue) by=\(query.by.map(\.rawValue).joined(separator: ",")) period=\(query.period) where=\(query.filters.keys.map(\.rawValue).sorted().joined(separator: ","))"
        // Compute first: a query that fails (bad input, a crash-prone value) charges nothing.
        // Then charge the budget (or refuse) and audit, in one transaction that re-checks the
        // budget; a refused result is discarded. A refusal is audited in its own transaction,
        // since the charging one rolls back.
        let result = try await compute(query)
        let refused: (spent: Double, epsilon: Double)? = try await run { tx -> (spent: Double, epsilon: Double)? in
            if case .noise(let epsilon) = query.privacy {
                let spent = try tx.privacySpent(actor: actor.id, year: yearNow)
                guard epsilon <= disclosure.maximumEpsilon, spent + epsilon <= disclosure.yearlyBudget + 1e-9 else {
                    return (spent, epsilon)
                }
                try tx.chargePrivacy(actor: actor.id, year: yearNow, epsilon: epsilon)
            }
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .statsQuery, target: nil,
                                outcome: .allowed, detail: detail)
            return nil
        }
        if let refused {
            try await run { tx in
                try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .statsQuery, target: nil,
                                    outcome: .denied, detail: "\(detail) epsilon=\(refused.epsilon) spent=\(refused.spent)")
            }
            context.logger.notice("noise budget refused", metadata: ["actor": .string(actor.id), "spent": .stringConvertible(refused.spent)])
            throw HavenError.privacyBudgetExceeded(spent: refused.spent, requested: refused.epsilon, budget: disclosure.yearlyBudget)
        }
        return result
    }

    /// Computes a query without permission checks or audit (for reports, which check and
    /// audit once).
    func compute(_ query: StatQuery) async throws -> StatResult {
        let k = context.policy.disclosure.k
        let canonical = canonicalDimensions(query)
        let source = StatSource(measure: query.measure, dimensions: canonical, months: query.period.wholeYear.months, now: context.clock.now())
        let groups = try await self.query { try $0.statistics(source) }
        let table = ContingencyTable(dimensions: canonical, rows: groups.groups.map(\.row), distinctUnits: groups.distinctUnits)

        var value: ([String]) -> Int?
        var suppressedCell: ([String]) -> Bool
        var totalValue: Int?
        switch query.privacy {
        case .suppression:
            let protected = DisclosureControl.protect(table, k: k)
            value = { protected.value($0) }
            suppressedCell = { protected.suppressed.contains($0) }
            totalValue = protected.total
        case .noise(let epsilon):
            var random = SystemRandomNumberGenerator()
            let domains = canonical.map { domain($0, year: query.period.year) }
            var interior = GeometricMechanism.noisy(table, domains: domains, epsilon: epsilon,
                                                    sensitivity: canonical.contains(.context) ? CaseContext.allCases.count : 1, random: &random)
            if let q = canonical.firstIndex(of: .quarter), let m = canonical.firstIndex(of: .month) {
                for address in interior.keys where StatPeriod.quarter(ofMonth: "2000-" + address[m]) != address[q] { interior[address] = 0 }
            }
            let unconsented = max(0, table.unconsented + GeometricMechanism.sample(alpha: exp(-epsilon), random: &random))
            // Margins are sums of the noisy cells: consistent, and never negative.
            let noisy = ContingencyTable(dimensions: canonical,
                                         rows: interior.map { StatRow(values: $0.key, count: $0.value, consented: true) })
            value = { noisy.count($0) }
            suppressedCell = { _ in false }
            totalValue = canonical.contains(where: \.isMultiValued) ? nil
                : noisy.count(Array(repeating: ContingencyTable.all, count: canonical.count)) + unconsented
        }

        // The slice: requested dimensions vary (with their totals); filters and the period fixed.
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
                var categories = table.categories[i]
                if case .noise = query.privacy { categories = domain(dim, year: query.period.year) }
                if dim == .month { categories = categories.filter { query.period.months.contains("\(query.period.year)-\($0)") } }
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
            if query.measure == .referrals, let count, count >= k {
                let matching = groups.groups.filter { group in
                    group.row.consented && zip(group.row.values, address).allSatisfy { $1 == ContingencyTable.all || $0 == $1 }
                }
                let hours = matching.flatMap(\.hoursToAcknowledge).sorted()
                if hours.count >= k {
                    median = hours.count % 2 == 1 ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
                }
                let n = matching.map(\.row.count).reduce(0, +)
                if n > 0 { overdue = Double(matching.map(\.overdue).reduce(0, +)) / Double(n) }
            }
            var values: [StatDimension: String] = [:]
            for dim in query.by {
                let raw = address[canonical.firstIndex(of: dim)!]
                values[dim] = dim == .month && raw != ContingencyTable.all ? "\(query.period.year)-\(raw)" : raw
            }
            return StatCell(values: values, count: count, suppressed: suppressedCell(address), medianHoursToAcknowledge: median,
                            shareOverdue: overdue)
        }
        // The total of this slice: the whole population's (with unconsented units) when the
        // query is the whole year unfiltered, else the slice's margin.
        let wholePopulation = query.filters.isEmpty && query.period.kind == .year
        var sliceTotal: Int? = totalValue
        if !wholePopulation || canonical.contains(where: \.isMultiValued) {
            let margin = addresses.first { address in
                query.by.allSatisfy { address[canonical.firstIndex(of: $0)!] == ContingencyTable.all }
            }
            sliceTotal = canonical.contains(where: \.isMultiValued) ? (wholePopulation ? totalValue : nil) : margin.flatMap(value)
        }
        return StatResult(query: query, k: k, cells: cells, total: sliceTotal, noisy: { if case .noise = query.privacy { true } else { false } }())
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
            throw HavenError.invalidInput(.invalidValue(path: "--by", reason: .notForMeasure(dimension: dim.rawValue, measure: query.measure.rawValue)))
        }
        guard Set(query.by).count == query.by.count else {
            throw HavenError.invalidInput(.invalidValue(path: "--by", reason: .dimensionTwice))
        }
        for (dim, value) in query.filters {
            if query.by.contains(dim) {
                throw HavenError.invalidInput(.invalidValue(path: "--where", reason: .alsoInBy(dim.rawValue)))
            }
            let allowed = domain(dim, year: query.period.year)
            guard allowed.contains(value) else {
                throw HavenError.invalidInput(.unknownValue(path: "--where \(dim.rawValue)", value: value, kind: dim.rawValue,
                                                            suggestions: Suggest.closest(to: value, in: allowed), known: allowed))
            }
        }
        if case .noise(let epsilon) = query.privacy, !(epsilon.isFinite && epsilon >= StatQuery.minimumEpsilon) {
            throw HavenError.invalidInput(.invalidValue(path: "--epsilon", reason: .atLeast("\(StatQuery.minimumEpsilon)")))
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
        case .disability: ["no", "yes"]
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
        }
    }
}
