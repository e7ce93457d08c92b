import Foundation
import HavenCore
import HavenLinear
import HavenTestSupport
import Testing

/// An attacker written apart from the audit: integer bounds on every published cell and
/// every cell a sum reaches, tightened over every sum to a fixpoint (``BoundsAttacker``), and
/// exact elimination over the rationals. Returns the hidden cells below k it narrows below
/// 0…k−1, and those it pins.
func attack(_ tables: LinkedTables, _ pattern: SuppressionPattern, counts: [[String]: Int], k: Int) -> (narrowed: [[String]], derivable: [[String]]) {
    var attacker = BoundsAttacker()
    func name(_ a: [String]) -> String { a.joined(separator: "|") }
    var published: [[String]] = []
    for table in tables.tables { published += tables.addresses(ofTable: table) }
    var queue = published
    var seen = Set(published)
    var sums: [(parent: [String], children: [[String]])] = []
    while let address = queue.popLast() {
        for relation in tables.relations(of: address) {
            sums.append(relation)
            for cell in [relation.parent] + relation.children where seen.insert(cell).inserted { queue.append(cell) }
        }
    }
    for cell in Set(published) {
        if let value = pattern.value(cell) { attacker.constrain(name(cell), to: value...value) } else {
            attacker.constrain(name(cell), to: 0...BoundsAttacker.unbounded)
        }
    }
    for sum in sums { attacker.sum(name(sum.parent), sum.children.map(name)) }
    attacker.run()
    let hidden = pattern.hidden.sorted { $0.lexicographicallyPrecedes($1) }
    let narrowed = hidden.filter { cell in
        guard (counts[cell] ?? 0) > 0, (counts[cell] ?? 0) < k, let bounds = attacker.bounds(name(cell)) else { return false }
        return bounds.lowerBound > 0 || bounds.upperBound < k - 1
    }
    // Exact elimination: unknowns are the hidden and unpublished cells.
    let unknowns = Array(seen.filter { pattern.value($0) == nil || !Set(published).contains($0) })
    let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
    var system = RationalSystem(unknowns: unknowns.count)
    for sum in sums {
        var row: [Int: Int] = [:]
        if let i = index[sum.parent] { row[i, default: 0] -= 1 }
        for child in sum.children { if let i = index[child] { row[i, default: 0] += 1 } }
        system.add(row)
    }
    let solver = system.solver()
    let derivable = hidden.filter { cell in (counts[cell] ?? 0) > 0 && (counts[cell] ?? 0) < k && solver.determines([index[cell]!: 1]) }
    return (narrowed, derivable)
}

/// Counts of every cell of every table from unit rows (values over all dimensions).
func cellCounts(_ tables: LinkedTables, rows: [([String], Int)]) -> [[String]: Int] {
    var counts: [[String]: Int] = [:]
    for table in tables.tables {
        for address in tables.addresses(ofTable: table) {
            counts[address] = rows.filter { row in address.indices.allSatisfy { address[$0] == ContingencyTable.all || address[$0] == row.0[$0] } }
                .map(\.1).reduce(0, +)
        }
    }
    return counts
}

@Suite("Disclosure control: suppression audited by linear programming")
struct DisclosureTests {
    let sexes = ["female", "male", "unknown"]

    /// The simplex gives each unknown's whole range.
    @Test func linearRanges() throws {
        var system = LinearSystem(unknowns: 3)
        system.add([0: 1, 1: 1], equals: 3)       // x + y = 3
        system.add([1: 1, 2: 1], equals: 10)      // y + z = 10
        let ranges = try #require(system.ranges(of: [0, 1, 2]))
        #expect(ranges[0]!.lower == 0 && ranges[0]!.upper == 3)
        #expect(ranges[1]!.lower == 0 && ranges[1]!.upper == 3)
        #expect(ranges[2]!.lower == 7 && ranges[2]!.upper == 10)
        var infeasible = LinearSystem(unknowns: 1)
        infeasible.add([0: 1], equals: -2)
        #expect(infeasible.ranges(of: [0]) == nil)
        var open = LinearSystem(unknowns: 2)
        open.add([0: 1, 1: -1], equals: 0)
        #expect(open.ranges(of: [0])?[0]?.upper == nil, "x − y = 0 leaves x unbounded")
    }

    /// The review's case: a former district reading `9 | x | x | 11` with hidden 1 and 1 gave
    /// both away (their sum is 2). Now the cheapest cell that gives them room is hidden too,
    /// and each keeps the whole range 0…4.
    @Test func smallPairGetsRoom() {
        let tables = LinkedTables(dimensions: [.commune], domains: [["a", "b", "c", "d"]], nesting: [:], tables: [[0]])
        let counts: [[String]: Int] = [["a"]: 9, ["b"]: 1, ["c"]: 1, ["d"]: 11, ["*"]: 22]
        let pattern = LinkedSuppression.protect(tables, counts: counts, k: 5)
        #expect(pattern.hidden == [["a"], ["b"], ["c"]])
        #expect(pattern.value(["d"]) == 11 && pattern.value(["*"]) == 22)
        #expect(pattern.unprotected.isEmpty)
        let found = attack(tables, pattern, counts: counts, k: 5)
        #expect(found.narrowed.isEmpty && found.derivable.isEmpty)
    }

    /// Primary suppression: 1…k−1 hidden, k and more shown, 0 shown unless a complement.
    @Test(arguments: [(4, true), (5, false), (6, false), (1, true), (0, false)])
    func primary(count: Int, hidden: Bool) {
        let tables = LinkedTables(dimensions: [.survivorSex], domains: [sexes], nesting: [:], tables: [[0]])
        let counts: [[String]: Int] = [["female"]: 40, ["male"]: count, ["unknown"]: 30, ["*"]: 70 + count]
        let pattern = LinkedSuppression.protect(tables, counts: counts, k: 5)
        #expect((pattern.value(["male"]) == nil) == hidden)
        if hidden {
            #expect(pattern.hidden.count >= 2, "the total cannot give it away")
            #expect(attack(tables, pattern, counts: counts, k: 5).narrowed.isEmpty)
        }
    }

    /// Linked tables on random data — type × sex × age with all its margins, and each pair
    /// and each dimension as tables of their own — protected together: every cell has one fate,
    /// and no hidden count below k is narrowed by bounds or pinned by elimination.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func linkedRandomTables(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let types = ["rape", "physical_assault", "psychological_abuse", "denial_of_resources"], ages = ["0-11", "12-17", "18-25", "26-40"]
        var rows: [([String], Int)] = []
        for type in types {
            for sex in sexes {
                for age in ages {
                    let n = [0, 0, 0, 1, 2, 3, 4, 6, 9, 15, 30].randomElement(using: &rng)!
                    if n > 0 { rows.append(([type, sex, age], n)) }
                }
            }
        }
        let tables = LinkedTables(dimensions: [.gbvType, .survivorSex, .survivorAgeGroup], domains: [types, sexes, ages], nesting: [:],
                                  tables: [[0], [1], [2], [0, 1], [1, 2], [0, 1, 2]])
        let counts = cellCounts(tables, rows: rows)
        let pattern = LinkedSuppression.protect(tables, counts: counts, k: 5)
        #expect(pattern.unprotected.isEmpty)
        for (cell, n) in counts where n > 0 && n < 5 { #expect(pattern.value(cell) == nil, "primary \(cell)") }
        // Zeros beside a hidden count are hidden too, so no hidden cell is known to be ≥ 1.
        for cell in pattern.hidden where (counts[cell] ?? 0) > 0 {
            for relation in tables.relations(of: cell) {
                for member in [relation.parent] + relation.children where counts[member] != nil {
                    #expect(pattern.value(member) != 0, "a shown zero beside hidden \(cell): \(member)")
                }
            }
        }
        let found = attack(tables, pattern, counts: counts, k: 5)
        #expect(found.narrowed.isEmpty, "narrowed: \(found.narrowed)")
        #expect(found.derivable.isEmpty, "derivable: \(found.derivable)")
    }

    /// Communes nest in former districts: the district tables and the commune tables are
    /// protected together, so a district minus its shown communes never gives a hidden one.
    @Test(arguments: [7, 8, 9, 10] as [UInt64])
    func hierarchyProtectedTogether(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let communes = ["a1", "a2", "a3", "b1", "b2", "c1", "c2", "c3", "c4"]
        let districtOf = Dictionary(uniqueKeysWithValues: communes.map { ($0, String($0.prefix(1))) })
        var rows: [([String], Int)] = []
        for commune in communes {
            for sex in sexes {
                let n = [0, 0, 1, 2, 3, 4, 5, 8, 13, 21].randomElement(using: &rng)!
                if n > 0 { rows.append(([commune, districtOf[commune]!, sex], n)) }
            }
        }
        let tables = LinkedTables(dimensions: [.commune, .formerDistrict, .survivorSex], domains: [communes, ["a", "b", "c"], sexes],
                                  nesting: [0: .init(parent: 1, parentOf: districtOf)], tables: [[0], [1], [2], [0, 2], [1, 2]])
        let counts = cellCounts(tables, rows: rows)
        let pattern = LinkedSuppression.protect(tables, counts: counts, k: 5)
        #expect(pattern.unprotected.isEmpty)
        // A commune's cell carries its district: the same cell in every table.
        #expect(tables.addresses(ofTable: [0]).contains(["a2", "a", "*"]))
        let found = attack(tables, pattern, counts: counts, k: 5)
        #expect(found.narrowed.isEmpty, "narrowed: \(found.narrowed)")
        #expect(found.derivable.isEmpty, "derivable: \(found.derivable)")
    }

    @Test func periods() {
        #expect(StatPeriod(parsing: "2026-Q3")?.months == ["2026-07", "2026-08", "2026-09"])
        #expect(StatPeriod(parsing: "2026-11")?.months == ["2026-11"])
        #expect(StatPeriod(parsing: "2026")?.months.count == 12)
        #expect(StatPeriod(parsing: "2026-Q5") == nil && StatPeriod(parsing: "26") == nil && StatPeriod(parsing: "2026-13") == nil)
    }
}
