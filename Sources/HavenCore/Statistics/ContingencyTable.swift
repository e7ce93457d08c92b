/// A table of counts over a list of dimensions, with every margin (the sum over any subset
/// of its dimensions), keyed by a cell address where a margin's summed dimensions are `*`.
public struct ContingencyTable: Sendable, Equatable {
    public static let all = "*"
    public let dimensions: [StatDimension]
    /// Observed categories per dimension, sorted.
    public let categories: [[String]]
    /// Count per address (interior cells and margins), absent when zero.
    public private(set) var counts: [[String]: Int]
    /// Units without consent to statistics: counted in the grand total only.
    public let unconsented: Int

    /// Builds the table from grouped rows; rows of unconsented units count only toward
    /// `unconsented`. Margins over a multi-valued dimension are not sums and are left out.
    /// `distinctUnits` is the population's size when a multi-valued dimension makes the rows
    /// count some units twice; otherwise the rows' sum is used.
    public init(dimensions: [StatDimension], rows: [StatRow], distinctUnits: Int? = nil) {
        self.dimensions = dimensions
        var interior: [[String]: Int] = [:]
        var unconsented = 0
        var categorySets = Array(repeating: Set<String>(), count: dimensions.count)
        for row in rows {
            guard row.consented else { unconsented += row.count; continue }
            interior[row.values, default: 0] += row.count
            for (i, value) in row.values.enumerated() { categorySets[i].insert(value) }
        }
        categories = categorySets.map { $0.sorted() }
        self.unconsented = unconsented
        var counts: [[String]: Int] = [:]
        let summable = dimensions.indices.filter { !dimensions[$0].isMultiValued }
        for (address, count) in interior {
            // Add the cell to every margin over subsets of the summable dimensions.
            for mask in 0..<(1 << summable.count) {
                var key = address
                for (bit, dim) in summable.enumerated() where mask & (1 << bit) != 0 { key[dim] = Self.all }
                counts[key, default: 0] += count
            }
        }
        self.counts = counts
        grandTotal = distinctUnits ?? rows.reduce(0) { $0 + $1.count }
    }

    public func count(_ address: [String]) -> Int { counts[address] ?? 0 }

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
