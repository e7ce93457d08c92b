import Foundation
import HavenCore
import HavenTestSupport
import Testing

/// The published table from grouped units, without a store: the slice covers each dimension's
/// full code list, cells are shown as the perturbation table says for their keys, the
/// population includes refusers, and small cells never show 1…k−1.
@Suite("Statistics tabulation (pure, in HavenCore)")
struct StatTabulationTests {
    static let domain = StatDomain(regions: try! Fixtures.regions(), agencies: ["police", "legal-aid"])

    static func tabulation(_ query: StatQuery) -> StatTabulation {
        StatTabulation(query: query, method: .perturb, k: 5, perturbation: .standard, domain: domain, suppression: nil)
    }

    @Test func sliceAndPerturbation() throws {
        let query = StatQuery(measure: .cases, by: [.survivorSex], period: StatPeriod(year: 2026))
        #expect(query.canonicalDimensions == [.survivorSex])
        let groups = StatGroups(groups: [
            .init(row: StatRow(values: ["female"], count: 40, consented: true, key: 1_000)),
            .init(row: StatRow(values: ["male"], count: 2, consented: true, key: 60_000)),
            .init(row: StatRow(values: ["female"], count: 3, consented: false, key: 7)),
        ], distinctUnits: 45)
        let (result, truth, unconsented) = Self.tabulation(query).tabulate(groups)
        // Every sex in the code list has a row, observed or not, and the total.
        #expect(Set(result.cells.compactMap { $0.values[.survivorSex] }) == Set(Sex.rawValues + [ContingencyTable.all]))
        let table = PerturbationTable.standard
        #expect(result.cell([.survivorSex: "female"])?.count == table.shown(count: 40, key: 1_000))
        #expect(result.cell([.survivorSex: "male"])?.count == table.shown(count: 2, key: 60_000))
        #expect(result.total == table.shown(count: 42, key: 61_000))
        // The population counts refusers too, perturbed with their keys.
        #expect(result.populationTotal == table.shown(count: 45, key: 61_007))
        #expect(unconsented == 3)
        #expect(truth.reduce(0, +) == 84) // female 40 + male 2 + total 42; other sexes 0
        // No shown count is between 1 and k−1.
        #expect(result.cells.compactMap(\.count).allSatisfy { $0 == 0 || $0 >= 5 })
        // The same groups give the same table: the noise is the units' keys, nothing else.
        #expect(Self.tabulation(query).tabulate(groups).result == result)
    }

    /// A month's query is tabulated over quarter and month, fixed to that month.
    @Test func aMonthFixesItsQuarter() throws {
        let query = StatQuery(measure: .cases, by: [], period: try #require(StatPeriod(parsing: "2026-05")))
        #expect(query.canonicalDimensions == [.month, .quarter] || query.canonicalDimensions == [.quarter, .month])
        let groups = StatGroups(groups: [.init(row: StatRow(values: query.canonicalDimensions.map { $0 == .month ? "05" : "Q2" },
                                                           count: 9, consented: true, key: 5))], distinctUnits: 9)
        let (result, truth, _) = Self.tabulation(query).tabulate(groups)
        #expect(result.cells.count == 1 && truth == [9])
        #expect(result.populationTotal == nil) // only for a whole year without filters
    }
}
