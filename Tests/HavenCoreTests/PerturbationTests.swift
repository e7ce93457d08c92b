import Foundation
import HavenCore
import HavenTestSupport
import Testing

@Suite("Cell-key perturbation and k-anonymity")
struct PerturbationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The published table in disclosure.yaml is the standard one, and it keeps its promises:
    /// every row sums to 1 and keeps its count's mean, no row shows 1…k−1, larger counts move
    /// by at most the maximum.
    @Test func publishedTable() throws {
        let text = try String(contentsOfFile: Self.root + "/Policies/an-giang/disclosure.yaml", encoding: .utf8)
        let policy = try DisclosurePolicy(yaml: text)
        #expect(policy.k == 5 && policy.method == .perturb)
        let table = policy.perturbation
        #expect(table == .standard)
        #expect(table.maximum == 2 && abs(table.variance - 0.56) < 1e-9)
        for count in 0...60 {
            let outcomes = table.outcomes(count)
            #expect(abs(outcomes.map(\.probability).reduce(0, +) - 1) < 1e-9)
            let mean = outcomes.map { Double($0.shown) * $0.probability }.reduce(0, +)
            #expect(abs(mean - Double(count)) < 1e-9, "row \(count) is biased")
            #expect(outcomes.allSatisfy { $0.shown == 0 || $0.shown >= 5 })
            if count > 6 { #expect(outcomes.allSatisfy { abs($0.shown - count) <= 2 }) }
            // Every key gives one of the row's outcomes, and a count is in the preimage of what it shows.
            for key in stride(from: 0, to: PerturbationTable.keySpace, by: 997) {
                let shown = table.shown(count: count, key: key)
                #expect(outcomes.contains { $0.shown == shown })
                #expect(table.preimage(of: shown).contains(count))
            }
        }
        // A 0 may stand for up to k, so a shown 0 never says "empty" or "1–4".
        #expect(table.preimage(of: 0) == 0...5)
        #expect(table.preimage(of: 5) == 1...7)
    }

    /// Keys drawn at random reproduce the table's probabilities.
    @Test func keysFollowTheTable() {
        var rng = SeededGenerator(seed: 11)
        let table = PerturbationTable.standard
        for count in [1, 3, 5, 6, 40] {
            var seen: [Int: Int] = [:]
            let draws = 40_000
            for _ in 0..<draws { seen[table.shown(count: count, key: Int.random(in: 0..<PerturbationTable.keySpace, using: &rng)), default: 0] += 1 }
            for outcome in table.outcomes(count) {
                #expect(abs(Double(seen[outcome.shown] ?? 0) / Double(draws) - outcome.probability) < 0.01, "count \(count) → \(outcome.shown)")
            }
        }
    }

    /// A table that would bias sums, not sum to 1, or show a small count is refused with its line.
    @Test(arguments: [
        ("    1: {0: 0.7, 5: 0.2}", "sum to"),
        ("    1: {0: 0.5, 5: 0.5}", "mean move"),
        ("    1: {0: 0.75, 4: 0.25}", "never shown"),
    ])
    func badTablesAreRefused(row: String, message: String) throws {
        let yaml = """
            minimumCellSize: 5
            perturbation:
              rows:
            \(row)
                2: {0: 0.6, 5: 0.4}
                3: {0: 0.4, 5: 0.6}
                4: {0: 0.2, 5: 0.8}
                5: {0: 0.04, 5: 0.81, 6: 0.1, 7: 0.05}
                6: {5: 0.25, 6: 0.5, 7: 0.25}
              offsets: {-2: 0.02, -1: 0.2, 0: 0.56, +1: 0.2, +2: 0.02}
            """
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: yaml) }
        do { _ = try DisclosurePolicy(yaml: yaml) } catch { #expect("\(error)".contains(message), "\(error)") }
    }

    /// A disclosure.yaml written before perturbation (with the retired noise section) still parses.
    @Test func olderFileStillParses() throws {
        let old = "minimumCellSize: 5\nnoise:\n  yearlyBudgetPerSupervisor: 10\n  maximumEpsilonPerQuery: 2\n"
        let policy = try DisclosurePolicy(yaml: old)
        #expect(policy.method == .perturb && policy.perturbation == .standard)
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: "minimumCellSize: 3\n") }
    }

    /// The coarsening section: the published one parses; a step that does not nest, or a share
    /// outside 0…1, is refused.
    @Test func coarseningSection() throws {
        let policy = try DisclosurePolicy(yaml: try PackagePaths.policyFiles()["disclosure.yaml"]!)
        #expect(policy.coarsening.above == 0.25 && policy.coarsening.steps == [.commune: .formerDistrict, .month: .quarter,
                                                                          .survivorAgeGroup: .ageBand, .gbvType: .typeGroup])
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: "minimumCellSize: 5\ncoarsen:\n  to: {survivorAgeGroup: typeGroup}\n") }
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: "minimumCellSize: 5\ncoarsen:\n  to: {commune: quarter}\n") }
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: "minimumCellSize: 5\ncoarsen:\n  to: {gbvType: formerDistrict}\n") }
        #expect(throws: CoreError.self) { try DisclosurePolicy(yaml: "minimumCellSize: 5\ncoarsen:\n  above: 1.5\n") }
        let districtsOnly = try DisclosurePolicy(yaml: "minimumCellSize: 5\ncoarsen:\n  above: 0.1\n  to: {commune: formerDistrict}\n")
        #expect(districtsOnly.coarsening.steps == [.commune: .formerDistrict] && districtsOnly.coarsening.above == 0.1)
    }

    /// k-anonymity: every combination of quasi-identifiers occurs at least k times, whatever
    /// the data; nothing but quasi-identifiers changes; rare rows are withheld, not kept.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func kAnonymity(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let qis: [KAnonymity.QuasiIdentifier] = [
            .init(column: "month", levels: [{ "Q\((Int($0)! + 2) / 3)" }]),
            .init(column: "sex", levels: []),
            .init(column: "age", levels: [{ Int($0)! < 18 ? "child" : "adult" }]),
        ]
        let plan: [KAnonymity.Step] = [.init(column: "month", level: 1), .init(column: "age", level: 1), .init(column: "month", level: 2),
                                       .init(column: "age", level: 2), .init(column: "sex", level: 1)]
        for size in [3, 40, 400] {
            let rows: [[String: String]] = (0..<size).map { _ in
                ["month": String(Int.random(in: 1...12, using: &rng)), "sex": ["f", "m"].randomElement(using: &rng)!,
                 "age": String(Int.random(in: 5...70, using: &rng)), "type": ["a", "b", "c"].randomElement(using: &rng)!]
            }
            let (out, report) = KAnonymity.protect(rows, quasiIdentifiers: qis, plan: plan, k: 5)
            if !out.isEmpty { #expect(KAnonymity.smallestClass(out, columns: ["month", "sex", "age"])! >= 5) }
            #expect(out.count + report.dropped == rows.count)
            #expect(out.map { $0["type"]! }.sorted() == rows.map { $0["type"]! }.sorted() || report.dropped > 0)
        }
    }
}
