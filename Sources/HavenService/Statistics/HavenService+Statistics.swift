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
    /// The most dimensions a statistics table may have.
    static let maximumDimensions = 3

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
    /// behind each of its cells. The store groups the units; `StatTabulation` (HavenCore) makes
    /// the published table from them.
    func computeWithTruth(_ query: StatQuery) async throws -> (result: StatResult, truth: StatTruth) {
        let disclosure = context.policy.disclosure
        // Mediations are perturbed under both methods, like the mediation statistics beside
        // them: exact outcomes next to perturbed agreements and recurrences could be combined.
        let method = query.measure == .mediations ? DisclosureMethod.perturb : query.method ?? disclosure.method
        var suppression: StatTabulation.Suppression?
        if method == .suppress {
            try checkPublishedUnderSuppression(query)
            let (linked, pattern) = try await suppressionPattern(query.measure, year: query.period.year, k: disclosure.k)
            suppression = StatTabulation.Suppression(linked: linked, pattern: pattern)
        }
        let source = StatSource(measure: query.measure, dimensions: query.canonicalDimensions, months: query.period.wholeYear.months,
                                now: context.clock.now(), utcOffsetSeconds: context.regions.utcOffsetSeconds)
        let groups = try await self.query { try $0.statistics(source) }
        let tabulation = StatTabulation(query: query, method: method, k: disclosure.k, perturbation: disclosure.perturbation,
                                        domain: statDomain, suppression: suppression)
        let (result, truth, unconsented) = tabulation.tabulate(groups)
        return (result, StatTruth(cells: truth, unconsented: unconsented))
    }

    /// Every value each dimension may take, under the policy in force.
    var statDomain: StatDomain { StatDomain(regions: context.regions, agencies: context.policy.agencies.map(\.id)) }

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
        // A table of more than three dimensions is never published (its cells would be single
        // people), and its slice would not fit in memory: refused before any work.
        guard query.by.count <= Self.maximumDimensions, query.by.count + query.filters.count <= 2 * Self.maximumDimensions else {
            throw HavenError.invalidInput(.invalidValue(path: "by", reason: .tooManyDimensions(Self.maximumDimensions)))
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
    func domain(_ dim: StatDimension, year: Int) -> [String] { statDomain.values(dim, year: year) }
}
