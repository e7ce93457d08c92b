import Foundation

/// A table ready to publish: every cell shown or suppressed.
public struct ProtectedTable: Sendable, Equatable {
    public let table: ContingencyTable
    public let k: Int
    public let suppressed: Set<[String]>

    /// The value to show, or nil when suppressed.
    public func value(_ address: [String]) -> Int? {
        suppressed.contains(address) ? nil : table.count(address)
    }

    /// The grand total (unconsented units included), shown only when it is at least k.
    public var total: Int? { table.grandTotal >= k || table.grandTotal == 0 ? table.grandTotal : nil }
}

/// Primary and secondary cell suppression (see README, "Disclosure control").
///
/// Every table is the set of all its margins. Suppression is decided level by level, from the
/// grand total up, and a level's decisions depend only on that level's cells and on which
/// of their parents are shown: the same cell is suppressed the same way in every table that
/// shows it, so comparing two tables (with and without a filter, or over a narrower period,
/// which are slices of the same table) reveals nothing that one table hides.
public enum DisclosureControl {
    public static func protect(_ table: ContingencyTable, k: Int) -> ProtectedTable {
        var suppressed = levelPass(table, k: k)
        // Safety net over the whole table (all levels together): a cell may be pinned down
        // through equations that span levels. Hide one more cell per round — a sibling if one
        // works, else any shown cell that shares an equation with a hidden one — until no
        // hidden cell can be derived. Each round hides one more cell, so this ends.
        while let determined = determinedCells(table, suppressed: suppressed).first {
            var candidates = neighbours(of: suppressed, table: table)
            if let sibling = complement(for: determined, table: table, suppressed: suppressed) {
                candidates.insert(sibling, at: 0)
            }
            guard let fallback = candidates.first else { break }
            let effective = candidates.first { candidate in
                !determinedCells(table, suppressed: suppressed.union([candidate])).contains(determined)
            }
            suppressed.insert(effective ?? fallback)
        }
        return ProtectedTable(table: table, k: k, suppressed: suppressed)
    }

    /// The level-by-level pattern (before the whole-table safety net).
    static func levelPass(_ table: ContingencyTable, k: Int) -> Set<[String]> {
        let dims = table.dimensions
        let summable = dims.indices.filter { !dims[$0].isMultiValued }
        var suppressed: Set<[String]> = []
        // Levels by the number of summable dimensions specified.
        for level in 0...summable.count {
            for subset in combinations(summable, level) {
                let cells = addresses(table, specified: Set(subset))
                protectLevel(table, cells: cells, specified: subset, k: k, suppressed: &suppressed)
            }
        }
        return suppressed
    }

    /// Suppression within one level: primary cells, then complements until no suppressed
    /// cell of the level can be derived from its shown parents.
    static func protectLevel(_ table: ContingencyTable, cells: [[String]], specified: [Int], k: Int, suppressed: inout Set<[String]>) {
        for cell in cells {
            let n = table.count(cell)
            if n > 0 && n < k { suppressed.insert(cell) }
            // A cell equal to a hidden parent (all its other siblings are zero) is hidden too.
            if n > 0 && zeroSiblingDimensions(cell, table: table).contains(where: { suppressed.contains(parent(of: cell, along: $0)) }) {
                suppressed.insert(cell)
            }
        }
        // Downward: a hidden, non-zero parent must not be the sum of shown children, so each
        // of its lines at this level keeps at least one hidden child (the smallest).
        for dim in specified {
            var lines: [[String]: [[String]]] = [:]
            for cell in cells { lines[parent(of: cell, along: dim), default: []].append(cell) }
            for (parentCell, line) in lines where suppressed.contains(parentCell) && table.count(parentCell) > 0 {
                let nonzero = line.filter { table.count($0) > 0 && !pinned($0, table: table, suppressed: suppressed) }
                guard !nonzero.contains(where: suppressed.contains) else { continue }
                if let smallest = nonzero.min(by: { (table.count($0), $0.joined(separator: "|")) < (table.count($1), $1.joined(separator: "|")) }) {
                    suppressed.insert(smallest)
                }
            }
        }
        var rounds = 0
        while rounds < cells.count + 1 {
            rounds += 1
            let unknowns = cells.filter { suppressed.contains($0) }
            guard !unknowns.isEmpty else { return }
            var equations: [[[String]]] = []
            for dim in specified {
                var lines: [[String]: [[String]]] = [:]
                for cell in cells { var parent = cell; parent[dim] = ContingencyTable.all; lines[parent, default: []].append(cell) }
                for (parent, line) in lines where !suppressed.contains(parent) { equations.append(line) }
            }
            let determined = solve(unknowns: unknowns, equations: equations)
            guard let first = determined.first else { return }
            // Candidates within this level only (so the level's pattern depends on nothing
            // above it): the cell's own sibling first, then any shown cell of the level that
            // shares a line with a hidden one; prefer one that makes the cell undecidable.
            let levelCells = Set(cells)
            var candidates = neighbours(of: suppressed.intersection(levelCells), table: table).filter(levelCells.contains)
            if let sibling = complement(for: first, table: table, suppressed: suppressed, within: Set(specified)) {
                candidates.insert(sibling, at: 0)
            }
            guard let fallback = candidates.first else {
                // Nothing left to hide in this level: withhold what can be withheld.
                suppressed.formUnion(cells.filter { table.count($0) > 0 && !pinned($0, table: table, suppressed: suppressed) })
                return
            }
            let effective = candidates.first { candidate in
                let trial = suppressed.union([candidate])
                let trialUnknowns = cells.filter { trial.contains($0) }
                return !solve(unknowns: trialUnknowns, equations: equations).contains(first)
            }
            suppressed.insert(effective ?? fallback)
        }
    }

    /// The shown, non-zero sibling with the smallest count (ties broken by address) along a
    /// dimension whose parent is shown; nil when there is none.
    static func complement(for cell: [String], table: ContingencyTable, suppressed: Set<[String]>, within: Set<Int>? = nil) -> [String]? {
        var best: ([String], Int)?
        for dim in cell.indices where cell[dim] != ContingencyTable.all && !table.dimensions[dim].isMultiValued {
            if let within, !within.contains(dim) { continue }
            var parent = cell; parent[dim] = ContingencyTable.all
            if suppressed.contains(parent) { continue }
            for category in table.categories[dim] where category != cell[dim] {
                var sibling = cell; sibling[dim] = category
                let n = table.count(sibling)
                guard n > 0, !suppressed.contains(sibling), !pinned(sibling, table: table, suppressed: suppressed) else { continue }
                if best == nil || n < best!.1 || (n == best!.1 && sibling.lexicographicallyPrecedes(best!.0)) { best = (sibling, n) }
            }
        }
        return best?.0
    }

    /// The parent of `cell` along `dim`.
    static func parent(of cell: [String], along dim: Int) -> [String] {
        var parent = cell
        parent[dim] = ContingencyTable.all
        return parent
    }

    /// Dimensions along which every sibling of `cell` is zero: there the cell equals its parent
    /// (as a month does its quarter's share when the month dimension sits beside the quarter).
    static func zeroSiblingDimensions(_ cell: [String], table: ContingencyTable) -> [Int] {
        cell.indices.filter { dim in
            cell[dim] != ContingencyTable.all && !table.dimensions[dim].isMultiValued
                && table.categories[dim].allSatisfy { category in
                    category == cell[dim] || { var s = cell; s[dim] = category; return table.count(s) == 0 }()
                }
        }
    }

    /// True when the cell equals a shown parent: hiding it would hide nothing.
    static func pinned(_ cell: [String], table: ContingencyTable, suppressed: Set<[String]>) -> Bool {
        zeroSiblingDimensions(cell, table: table).contains { !suppressed.contains(parent(of: cell, along: $0)) }
    }

    /// Shown, non-zero cells that share an equation with a hidden cell (its parents, siblings
    /// and children), smallest count first.
    static func neighbours(of hidden: Set<[String]>, table: ContingencyTable) -> [[String]] {
        var found: Set<[String]> = []
        for cell in hidden {
            for dim in cell.indices where !table.dimensions[dim].isMultiValued {
                var parent = cell
                parent[dim] = ContingencyTable.all
                found.insert(parent)
                for category in table.categories[dim] { var child = parent; child[dim] = category; found.insert(child) }
            }
        }
        return found.filter { !hidden.contains($0) && table.count($0) > 0 && !pinned($0, table: table, suppressed: hidden) }
            .sorted { (table.count($0), $0.joined(separator: "|")) < (table.count($1), $1.joined(separator: "|")) }
    }

    /// Suppressed cells that the shown cells and margins of the whole table determine.
    ///
    /// The table's equations: every margin equals the sum of its children along each
    /// dimension it sums over. Only equations that involve a suppressed cell matter.
    public static func determinedCells(_ table: ContingencyTable, suppressed: Set<[String]>) -> [[String]] {
        let unknowns = suppressed.sorted { $0.lexicographicallyPrecedes($1) }
        guard !unknowns.isEmpty else { return [] }
        var equations: [(children: [[String]], parent: [String])] = []
        var seen: Set<[String]> = []
        for cell in unknowns {
            for dim in cell.indices where !table.dimensions[dim].isMultiValued {
                // The parent along `dim` (the cell itself when it already sums over `dim`).
                var parent = cell
                parent[dim] = ContingencyTable.all
                guard seen.insert(parent + ["#\(dim)"]).inserted else { continue }
                let children = table.categories[dim].map { category -> [String] in
                    var child = parent
                    child[dim] = category
                    return child
                }
                equations.append((children, parent))
            }
        }
        return solveWithParents(unknowns: unknowns, equations: equations)
    }

    // MARK: - Linear algebra mod a prime

    static let prime: Int64 = 2_147_483_647

    /// Unknowns determined by equations `Σ cells = shown parent` (shown cells are known values;
    /// only which cells are unknown matters, not the values).
    static func solve(unknowns: [[String]], equations: [[[String]]]) -> [[String]] {
        let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        var rows: [[Int: Int64]] = []
        for cells in equations {
            var row: [Int: Int64] = [:]
            for cell in cells { if let i = index[cell] { row[i] = 1 } }
            if !row.isEmpty { rows.append(row) }
        }
        return determined(rows, count: unknowns.count).map { unknowns[$0] }
    }

    /// Like `solve`, with equations `Σ children − parent = 0` where the parent may be unknown too.
    static func solveWithParents(unknowns: [[String]], equations: [(children: [[String]], parent: [String])]) -> [[String]] {
        let index = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        var rows: [[Int: Int64]] = []
        for equation in equations {
            var row: [Int: Int64] = [:]
            for cell in equation.children { if let i = index[cell] { row[i, default: 0] += 1 } }
            if let i = index[equation.parent] { row[i, default: 0] += prime - 1 }
            row = row.filter { $0.value % prime != 0 }
            if !row.isEmpty { rows.append(row) }
        }
        return determined(rows, count: unknowns.count).map { unknowns[$0] }
    }

    /// Indices of unknowns whose unit vector lies in the row space (reduced row echelon form,
    /// kept incrementally, sparse).
    static func determined(_ equations: [[Int: Int64]], count: Int) -> [Int] {
        var pivots: [Int: [Int: Int64]] = [:] // pivot column → row with 1 at the pivot
        for equation in equations {
            var row = equation
            // Reduce by existing pivots.
            var changed = true
            while changed {
                changed = false
                for column in row.keys.sorted() where pivots[column] != nil {
                    let factor = row[column]!
                    for (c, v) in pivots[column]! {
                        let updated = ((row[c] ?? 0) - factor * v % prime + prime * 2) % prime
                        if updated == 0 { row[c] = nil } else { row[c] = updated }
                    }
                    changed = true
                    break
                }
            }
            guard let pivot = row.keys.min() else { continue }
            let inverse = modInverse(row[pivot]!)
            row = row.mapValues { $0 * inverse % prime }
            // Eliminate the new pivot from the other rows.
            for (column, other) in pivots where other[pivot] != nil {
                var updated = other
                let factor = other[pivot]!
                for (c, v) in row {
                    let value = ((updated[c] ?? 0) - factor * v % prime + prime * 2) % prime
                    if value == 0 { updated[c] = nil } else { updated[c] = value }
                }
                pivots[column] = updated
            }
            pivots[pivot] = row
        }
        return pivots.filter { $0.value.count == 1 }.map(\.key).filter { $0 < count }.sorted()
    }

    static func modInverse(_ a: Int64) -> Int64 {
        var result: Int64 = 1, base = a % prime, exponent = prime - 2
        while exponent > 0 {
            if exponent & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            exponent >>= 1
        }
        return result
    }

    // MARK: - Helpers

    static func combinations(_ items: [Int], _ size: Int) -> [[Int]] {
        if size == 0 { return [[]] }
        guard items.count >= size else { return [] }
        var result: [[Int]] = []
        for (i, item) in items.enumerated() {
            for rest in combinations(Array(items[(i + 1)...]), size - 1) { result.append([item] + rest) }
        }
        return result
    }

    /// The addresses with exactly the summable dimensions `specified` given (multi-valued
    /// dimensions are always given).
    static func addresses(_ table: ContingencyTable, specified: Set<Int>) -> [[String]] {
        var result: [[String]] = [[]]
        for (i, dim) in table.dimensions.enumerated() {
            let options = specified.contains(i) || dim.isMultiValued ? table.categories[i] : [ContingencyTable.all]
            result = result.flatMap { prefix in options.map { prefix + [$0] } }
        }
        return result
    }
}
