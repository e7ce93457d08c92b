import HavenLinear

/// Cell suppression over a fixed set of published tables, protected together, the way
/// τ-ARGUS protects linked and hierarchical tables.
///
/// Every cell of every table is an address over the same dimensions (`*` where a table sums
/// over one). Cells shared by two tables are the same cell, nested dimensions (a commune in
/// its former district, a month in its quarter) add their sums, and so one pattern holds for
/// every table: a cell is shown or hidden the same way wherever it appears, and the audit
/// sees every sum an attacker could use.
///
/// The pattern: cells from 1 to k−1 are hidden; then every such cell (and every unpublished
/// cell an attacker could form from 1 to k−1) must keep the whole range 0…k−1 against an
/// attacker who solves the linear programme of all published figures and sums with
/// non-negative unknowns. Hidden cells may be zeros, so a hidden cell is not known to be ≥ 1. A hidden cell that fails gets one more hidden cell beside it in one
/// of its sums — the one hiding fewest people among those large enough to give it room —
/// and the audit runs again, until every hidden cell holds.
public struct LinkedTables: Sendable {
    /// A dimension nested in another: each of its values lies in one value of the parent.
    public struct Nesting: Sendable {
        public let parent: Int
        public let parentOf: [String: String]
        public init(parent: Int, parentOf: [String: String]) { self.parent = parent; self.parentOf = parentOf }
    }

    public let dimensions: [StatDimension]
    /// The full code list of each dimension (zeros are cells too).
    public let domains: [[String]]
    /// Child dimension index → its nesting.
    public let nesting: [Int: Nesting]
    /// The published tables: indices of the dimensions each is split by.
    public let tables: [[Int]]

    public init(dimensions: [StatDimension], domains: [[String]], nesting: [Int: Nesting], tables: [[Int]]) {
        self.dimensions = dimensions; self.domains = domains; self.nesting = nesting; self.tables = tables
    }

    static let all = ContingencyTable.all

    /// The address with nested parents filled in from their children.
    public func canonical(_ address: [String]) -> [String] {
        var a = address
        for (child, nest) in nesting where a[child] != Self.all { a[nest.parent] = nest.parentOf[a[child]] ?? Self.all }
        return a
    }

    /// Every cell of a table, margins included.
    public func addresses(ofTable dims: [Int]) -> [[String]] {
        var result: [[String]] = [Array(repeating: Self.all, count: dimensions.count)]
        for i in dims {
            result = result.flatMap { prefix in (domains[i] + [Self.all]).map { var a = prefix; a[i] = $0; return a } }
        }
        return result.map(canonical)
    }

    /// The table that contains exactly these dimensions, if one is published.
    public func table(for dims: Set<StatDimension>) -> [Int]? {
        tables.first { Set($0.map { dimensions[$0] }) == dims }
    }

    /// The sums among cells: along each given dimension of `address`, the cell's parent is the
    /// sum of it and its siblings.
    public func relations(of address: [String]) -> [(parent: [String], children: [[String]])] {
        var result: [(parent: [String], children: [[String]])] = []
        for i in address.indices where address[i] != Self.all {
            // A parent dimension given only because its child is: the child's sum covers it.
            if nesting.contains(where: { $0.value.parent == i && address[$0.key] != Self.all }) { continue }
            var parent = address
            parent[i] = Self.all
            var siblings = domains[i]
            if let nest = nesting[i] { siblings = siblings.filter { nest.parentOf[$0] == address[nest.parent] } }
            result.append((parent, siblings.map { var c = address; c[i] = $0; return canonical(c) }))
        }
        return result
    }
}

/// The outcome: which cells are hidden, and what the audit found.
public struct SuppressionPattern: Sendable {
    public let counts: [[String]: Int]
    public let hidden: Set<[String]>
    /// Hidden cells from 1 to k−1 whose range the audit could not widen to 0…k−1 (empty when the
    /// pattern holds; the service refuses to publish otherwise).
    public let unprotected: [[String]]
    /// Rounds of complements the audit needed.
    public let rounds: Int

    public func value(_ address: [String]) -> Int? { hidden.contains(address) ? nil : counts[address] ?? 0 }
}

public enum LinkedSuppression {
    /// Protects the tables together. `counts` holds the true count of every published cell
    /// (absent means zero).
    public static func protect(_ tables: LinkedTables, counts: [[String]: Int], k: Int) -> SuppressionPattern {
        // The cells and sums (closed under parents, so every sum an attacker can form is here).
        var cells: [[String]] = []
        var index: [[String]: Int] = [:]
        var published = Set<Int>()
        func id(_ address: [String]) -> Int {
            if let i = index[address] { return i }
            index[address] = cells.count; cells.append(address)
            return cells.count - 1
        }
        for table in tables.tables { for address in tables.addresses(ofTable: table) { published.insert(id(address)) } }
        var relations: [(parent: Int, children: [Int])] = []
        var seenRelation = Set<[Int]>()
        var cursor = 0
        while cursor < cells.count {
            let address = cells[cursor]
            cursor += 1
            for relation in tables.relations(of: address) {
                let parent = id(relation.parent)
                let children = relation.children.map(id).sorted()
                if seenRelation.insert([parent] + children).inserted { relations.append((parent, children)) }
            }
        }
        // True counts; a cell no table publishes (a sum the closure reached) is the sum of its children.
        var count = cells.map { counts[$0] ?? 0 }
        var known = published
        var changed = true
        while changed {
            changed = false
            for relation in relations where !known.contains(relation.parent) && relation.children.allSatisfy(known.contains) {
                count[relation.parent] = relation.children.map { count[$0] }.reduce(0, +)
                known.insert(relation.parent)
                changed = true
            }
        }
        // Cells nobody publishes are unknowns too; they are sensitive when small.
        var memberOf = Array(repeating: [Int](), count: cells.count)
        for (r, relation) in relations.enumerated() { for c in [relation.parent] + relation.children { memberOf[c].append(r) } }

        var hidden = Set(published.filter { count[$0] > 0 && count[$0] < k })
        var passed: [[Int]: Bool] = [:] // component (sorted unknowns) → every sensitive cell held
        var rounds = 0
        var unprotected: [Int] = []
        while true {
            rounds += 1
            let failing = audit(cells: cells.count, published: published, hidden: hidden, count: count, relations: relations, k: k,
                                passed: &passed)
            if failing.isEmpty { unprotected = []; break }
            // One complement per failing cell (a cell already added this round may serve several).
            var added = Set<Int>()
            for failure in failing {
                if memberOf[failure.cell].contains(where: { r in ([relations[r].parent] + relations[r].children).contains(where: added.contains) }) {
                    continue
                }
                let needed = max(1, k - 1 - (failure.upper ?? Int.max / 2), failure.lower)
                // The shown cells in the failing cell's sums; when all are hidden already, those
                // in the sums of the hidden ones, and so on outwards.
                var candidates = Set<Int>()
                var frontier = [failure.cell], visited: Set<Int> = [failure.cell]
                while candidates.isEmpty && !frontier.isEmpty {
                    var next: [Int] = []
                    for cell in frontier {
                        for r in memberOf[cell] {
                            for c in [relations[r].parent] + relations[r].children where visited.insert(c).inserted {
                                if published.contains(c) && !hidden.contains(c) { candidates.insert(c) } else { next.append(c) }
                            }
                        }
                    }
                    frontier = next
                }
                let best = candidates.min { a, b in
                    ((count[a] >= needed ? 0 : 1), count[a] >= needed ? count[a] : -count[a], cells[a].joined(separator: "|"))
                        < ((count[b] >= needed ? 0 : 1), count[b] >= needed ? count[b] : -count[b], cells[b].joined(separator: "|"))
                }
                if let best { added.insert(best) }
            }
            if added.isEmpty { unprotected = failing.map(\.cell); break }
            hidden.formUnion(added)
        }
        // Zeros beside hidden counts are hidden too (they hide nobody): otherwise every hidden cell
        // would be known to be at least 1, and the audit's ranges from 0 would promise too much.
        if unprotected.isEmpty {
            for c in Array(hidden) where count[c] > 0 {
                for r in memberOf[c] {
                    for member in [relations[r].parent] + relations[r].children where published.contains(member) && count[member] == 0 {
                        hidden.insert(member)
                    }
                }
            }
        }
        var hiddenAddresses = Set<[String]>()
        for c in hidden { hiddenAddresses.insert(cells[c]) }
        var shownCounts: [[String]: Int] = [:]
        for c in published where count[c] != 0 { shownCounts[cells[c]] = count[c] }
        return SuppressionPattern(counts: shownCounts, hidden: hiddenAddresses, unprotected: unprotected.map { cells[$0] }, rounds: rounds)
    }

    struct Failure { let cell: Int; let lower: Int; let upper: Int? }

    /// Hidden (or unpublished) cells from 1 to k−1 whose range the published figures narrow below 0…k−1.
    static func audit(cells: Int, published: Set<Int>, hidden: Set<Int>, count: [Int], relations: [(parent: Int, children: [Int])], k: Int,
                      passed: inout [[Int]: Bool]) -> [Failure] {
        func unknown(_ c: Int) -> Bool { hidden.contains(c) || !published.contains(c) }
        // Components of unknowns linked by a sum.
        var root = Array(0..<cells)
        func find(_ x: Int) -> Int { var x = x; while root[x] != x { root[x] = root[root[x]]; x = root[x] }; return x }
        var used: [Int] = []
        for relation in relations {
            let members = ([relation.parent] + relation.children).filter(unknown)
            guard let first = members.first else { continue }
            used.append(contentsOf: members)
            for other in members.dropFirst() { let a = find(first), b = find(other); if a != b { root[a] = b } }
        }
        var components: [Int: [Int]] = [:]
        for c in Set(used) { components[find(c), default: []].append(c) }
        var failures: [Failure] = []
        for (_, members) in components.sorted(by: { $0.key < $1.key }) {
            let unknowns = members.sorted()
            // A count from 1 to k−1 is what must not be narrowed. A complement (0, or k and more)
            // may be worked out: it says nothing about a small count the audit has not covered.
            let sensitive = unknowns.filter { count[$0] > 0 && count[$0] < k }
            guard !sensitive.isEmpty else { continue }
            if passed[unknowns] == true { continue }
            let position = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
            var system = LinearSystem(unknowns: unknowns.count)
            var seen = Set<Int>()
            for (r, relation) in relations.enumerated() {
                let members = [relation.parent] + relation.children
                guard members.contains(where: { position[$0] != nil }), seen.insert(r).inserted else { continue }
                var terms: [Int: Double] = [:]
                var constant = 0.0
                for (j, c) in members.enumerated() {
                    let sign: Double = j == 0 ? -1 : 1
                    if let p = position[c] { terms[p, default: 0] += sign } else { constant -= sign * Double(count[c]) }
                }
                system.add(terms, equals: constant)
            }
            guard let ranges = system.ranges(of: sensitive.map { position[$0]! }) else {
                // The true counts always satisfy the sums: infeasible means a bug, never publish.
                failures += sensitive.map { Failure(cell: $0, lower: count[$0], upper: count[$0]) }
                continue
            }
            var held = true
            for c in sensitive {
                let range = ranges[position[c]!]!
                if range.lower > 0 || (range.upper.map { $0 < k - 1 } ?? false) {
                    held = false
                    failures.append(Failure(cell: c, lower: range.lower, upper: range.upper))
                }
            }
            passed[unknowns] = held
        }
        return failures.sorted { $0.cell < $1.cell }
    }
}
