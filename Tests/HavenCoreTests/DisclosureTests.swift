import Foundation
import HavenCore
import HavenTestSupport
import Testing

/// Brute force, no solver: writes out every equation a reader of the table has (each shown or
/// hidden margin is the sum of its children along each dimension), eliminates over the
/// rationals, and reports the suppressed cells some linear combination of shown values gives.
func derivableCells(_ protected: ProtectedTable) -> [[String]] {
    let table = protected.table
    let unknowns = protected.suppressed.sorted { $0.lexicographicallyPrecedes($1) }
    let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
    var system = RationalSystem(unknowns: unknowns.count)
    for address in table.addresses {
        for dim in address.indices where address[dim] == ContingencyTable.all {
            // parent − Σ children = 0, restricted to the hidden cells (shown ones are constants).
            var row: [Int: Int] = [:]
            if let i = index[address] { row[i, default: 0] -= 1 }
            for category in table.categories[dim] {
                var child = address
                child[dim] = category
                if let i = index[child] { row[i, default: 0] += 1 }
            }
            system.add(row)
        }
    }
    let solver = system.solver()
    return unknowns.indices.filter { solver.determines([$0: 1]) }.map { unknowns[$0] }
}

@Suite("Disclosure control")
struct DisclosureTests {
    let sexes = ["female", "male", "unknown"]

    /// Primary suppression: k−1 hidden, k and k+1 shown; 0 shown.
    @Test(arguments: [(4, true), (5, false), (6, false), (1, true), (0, false)])
    func primary(count: Int, hidden: Bool) {
        var rows = [StatRow(values: ["female"], count: 40, consented: true), StatRow(values: ["unknown"], count: 30, consented: true)]
        if count > 0 { rows.append(StatRow(values: ["male"], count: count, consented: true)) }
        let protected = DisclosureControl.protect(ContingencyTable(dimensions: [.survivorSex], rows: rows), k: 5)
        #expect((protected.value(["male"]) == nil) == hidden)
        if hidden {
            // And the total cannot give it away: another cell is hidden too.
            #expect(protected.suppressed.count >= 2)
            #expect(derivableCells(protected).isEmpty)
        }
    }

    /// Secondary suppression on many random 3-dimension tables: no suppressed cell is
    /// determined by the shown cells and margins, checked by brute-force elimination.
    @Test func secondaryOnRandomThreeDimensionalTables() {
        var rng = SeededGenerator(seed: 7)
        var suppressedSeen = 0
        for _ in 0..<60 {
            var rows: [StatRow] = []
            for type in ["rape", "physical_assault", "psychological_abuse", "denial_of_resources"] {
                for sex in sexes {
                    for age in ["0-11", "12-17", "18-25", "26-40"] {
                        let n = [0, 0, 1, 2, 3, 4, 6, 9, 15, 30].randomElement(using: &rng)!
                        if n > 0 { rows.append(StatRow(values: [type, sex, age], count: n, consented: true)) }
                    }
                }
            }
            let table = ContingencyTable(dimensions: [.gbvType, .survivorSex, .survivorAgeGroup], rows: rows)
            let protected = DisclosureControl.protect(table, k: 5)
            suppressedSeen += protected.suppressed.count
            for address in table.addresses {
                let n = table.count(address)
                if n > 0 && n < 5 { #expect(protected.value(address) == nil, "primary \(address)") }
            }
            let derivable = derivableCells(protected)
            #expect(derivable.isEmpty, "derivable: \(derivable)")
        }
        #expect(suppressedSeen > 500)
    }

    /// Consistency across tables: a cell has the same fate in a one-dimension table and as a
    /// margin of a two-dimension table built from the same data.
    @Test func consistentAcrossTables() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<30 {
            var rows2: [StatRow] = []
            for commune in ["a", "b", "c", "d", "e", "f"] {
                for sex in sexes {
                    let n = [0, 1, 2, 3, 7, 12, 25].randomElement(using: &rng)!
                    if n > 0 { rows2.append(StatRow(values: [commune, sex], count: n, consented: true)) }
                }
            }
            let rows1 = rows2.map { StatRow(values: [$0.values[0]], count: $0.count, consented: true) }
            let one = DisclosureControl.protect(ContingencyTable(dimensions: [.commune], rows: rows1), k: 5)
            let two = DisclosureControl.protect(ContingencyTable(dimensions: [.commune, .survivorSex], rows: rows2), k: 5)
            for commune in one.table.categories[0] {
                #expect(one.value([commune]) == two.value([commune, ContingencyTable.all]), "commune \(commune)")
            }
            #expect(one.value([ContingencyTable.all]) == two.value([ContingencyTable.all, ContingencyTable.all]))
        }
    }

    /// Units without consent count in the grand total only, and only when it is at least k.
    @Test func unconsentedInTotalOnly() {
        let rows = [StatRow(values: ["female"], count: 12, consented: true), StatRow(values: ["female"], count: 2, consented: false)]
        let protected = DisclosureControl.protect(ContingencyTable(dimensions: [.survivorSex], rows: rows), k: 5)
        #expect(protected.value(["female"]) == 12)
        #expect(protected.total == 14)
        let small = DisclosureControl.protect(ContingencyTable(dimensions: [.survivorSex], rows: [StatRow(values: ["male"], count: 3, consented: false)]), k: 5)
        #expect(small.total == nil)
    }

    @Test func periods() {
        #expect(StatPeriod(parsing: "2026-Q3")?.months == ["2026-07", "2026-08", "2026-09"])
        #expect(StatPeriod(parsing: "2026-11")?.months == ["2026-11"])
        #expect(StatPeriod(parsing: "2026")?.months.count == 12)
        #expect(StatPeriod(parsing: "2026-Q5") == nil && StatPeriod(parsing: "26") == nil && StatPeriod(parsing: "2026-13") == nil)
    }
}
