/// A table of counts over a list of dimensions, with every margin (the sum over any subset
/// of its dimensions), keyed by a cell address where a margin's summed dimensions are `*`.
public struct ContingencyTable: Sendable, Equatable {
    public static let all = "*"
    public let dimensions: [StatDimension]
    /// Observed categories per dimension, sorted.
    public let categories: [[String]]
    /// Count per address (interior cells and margins), absent when zero.
    public private(set) var counts: [[String]: Int]
    /// The cell key per address (sum of its records' keys modulo the key space).
    public private(set) var keys: [[String]: Int]
    /// Units without consent to statistics: counted in the grand total only.
    public let unconsented: Int
    /// The key of the units without consent.
    public let unconsentedKey: Int

    /// Builds the table from grouped rows; rows of unconsented units count only toward
    /// `unconsented`. Margins over a multi-valued dimension are not sums and are left out.
    /// `distinctUnits` is the population's size when a multi-valued dimension makes the rows
    /// count some units twice; otherwise the rows' sum is used.
    public init(dimensions: [StatDimension], rows: [StatRow], distinctUnits: Int? = nil) {
        self.dimensions = dimensions
        var interior: [[String]: Int] = [:]
        var interiorKeys: [[String]: Int] = [:]
        var unconsented = 0, unconsentedKey = 0
        var categorySets = Array(repeating: Set<String>(), count: dimensions.count)
        for row in rows {
            guard row.consented else {
                unconsented += row.count; unconsentedKey = (unconsentedKey + row.key) % PerturbationTable.keySpace
                continue
            }
            interior[row.values, default: 0] += row.count
            interiorKeys[row.values] = ((interiorKeys[row.values] ?? 0) + row.key) % PerturbationTable.keySpace
            for (i, value) in row.values.enumerated() { categorySets[i].insert(value) }
        }
        categories = categorySets.map { $0.sorted() }
        self.unconsented = unconsented
        self.unconsentedKey = unconsentedKey
        var counts: [[String]: Int] = [:]
        var keys: [[String]: Int] = [:]
        let summable = dimensions.indices.filter { !dimensions[$0].isMultiValued }
        for (address, count) in interior {
            // Add the cell to every margin over subsets of the summable dimensions.
            for mask in 0..<(1 << summable.count) {
                var key = address
                for (bit, dim) in summable.enumerated() where mask & (1 << bit) != 0 { key[dim] = Self.all }
                counts[key, default: 0] += count
                keys[key] = ((keys[key] ?? 0) + interiorKeys[address]!) % PerturbationTable.keySpace
            }
        }
        self.counts = counts
        self.keys = keys
        grandTotal = distinctUnits ?? rows.reduce(0) { $0 + $1.count }
    }

    public func count(_ address: [String]) -> Int { counts[address] ?? 0 }

    /// The cell key of an address (0 for an empty cell).
    public func key(_ address: [String]) -> Int { keys[address] ?? 0 }

    /// Every address of the table: each dimension either a category or `*` (for summable
    /// dimensions), including empty (zero) cells.
    public var addresses: [[String]] {
        var result: [[String]] = [[]]
        for (i, dim) in dimensions.enumerated() {
            let options = categories[i] + (dim.isMultiValued ? [] : [Self.all])
            result = result.flatMap { prefix in options.map { prefix + [$0] } }
        }
        return result
    }

    /// The grand total: every unit in the population, consented or not (a case with several
    /// contexts counts once).
    public let grandTotal: Int
}
