import Foundation

/// How a statistics table is protected before anyone sees it.
public enum DisclosureMethod: String, Sendable, CaseIterable, Codable {
    /// Cell-key perturbation (the default): every cell, margin and total is a count moved by
    /// a small amount that depends only on which records it counts.
    case perturb
    /// Exact counts with cells hidden: counts from 1 to k−1 and enough others that none of
    /// them can be worked out.
    case suppress
}

/// `disclosure.yaml`: the minimum cell size, the default method and the perturbation table.
public struct DisclosurePolicy: Sendable, Equatable {
    /// Counts from 1 to k−1 are never shown.
    public let k: Int
    public let method: DisclosureMethod
    public let perturbation: PerturbationTable
    public let coarsening: Coarsening

    public static let standard = DisclosurePolicy(k: 5, method: .perturb, perturbation: .standard)

    public init(k: Int, method: DisclosureMethod, perturbation: PerturbationTable, coarsening: Coarsening = .standard) {
        self.k = k; self.method = method; self.perturbation = perturbation; self.coarsening = coarsening
    }

    /// Parses `disclosure.yaml`. Files written before perturbation existed (with only
    /// `minimumCellSize` and the retired `noise` section) still parse: they get the standard
    /// table, which must then agree with their k.
    public init(yaml text: String) throws(CoreError) {
        let root = try PolicyNode.parse(text, file: "disclosure.yaml")
        let top = try root.mapping(allowed: ["minimumCellSize", "method", "perturbation", "noise", "coarsen"])
        let kNode = try top.required("minimumCellSize", in: root)
        let k = try kNode.int()
        guard k >= 2 else { throw kNode.error("the minimum cell size is at least 2") }
        var method = DisclosureMethod.perturb
        if let node = top["method"] {
            guard let value = DisclosureMethod(rawValue: try node.string()) else {
                throw node.error("expected one of \(DisclosureMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            method = value
        }
        var table = PerturbationTable.standard
        if let node = top["perturbation"] { table = try PerturbationTable(node: node, k: k) }
        guard table.k == k else {
            throw (top["perturbation"] ?? kNode).error("the perturbation table is for k = \(table.k), not \(k); publish a table for this k")
        }
        var coarsening = Coarsening.standard
        if let node = top["coarsen"] { coarsening = try Coarsening(node: node) }
        self.init(k: k, method: method, perturbation: table, coarsening: coarsening)
    }
}

/// Sparse tables coarsen: when a table would hide (suppression) or blur (perturbation) more
/// than `above` of its people, Haven says so and offers the coarser dimension each fine one
/// nests in; `--coarsen` applies them.
public struct Coarsening: Sendable, Equatable {
    /// The share of people beyond which a table is called sparse.
    public let above: Double
    /// Fine dimension → the coarser one it nests in.
    public let steps: [StatDimension: StatDimension]

    /// The nestings Haven knows: a commune lies in one former district, a month in one quarter,
    /// an age group in one age band, a type of violence in one group (``CoarseCategories``).
    public static let nestings: [StatDimension: StatDimension] = [
        .commune: .formerDistrict, .month: .quarter, .survivorAgeGroup: .ageBand, .gbvType: .typeGroup,
    ]
    public static let standard = Coarsening(above: 0.25, steps: nestings)

    public init(above: Double, steps: [StatDimension: StatDimension]) { self.above = above; self.steps = steps }

    init(node: PolicyNode) throws(CoreError) {
        let top = try node.mapping(allowed: ["above", "to"])
        var above = Coarsening.standard.above
        if let a = top["above"] {
            guard let value = Double(try a.string()), value > 0 && value < 1 else { throw a.error("a share between 0 and 1, such as 0.25") }
            above = value
            guard above > 0 && above < 1 else { throw a.error("a share between 0 and 1, such as 0.25") }
        }
        var steps: [StatDimension: StatDimension] = [:]
        if let to = top["to"] {
            for (key, value) in try to.mapping(allowed: Self.nestings.keys.map(\.rawValue).sorted()) {
                guard let fine = StatDimension(rawValue: key), let coarse = StatDimension(rawValue: try value.string()),
                      Self.nestings[fine] == coarse else {
                    throw value.error("\(key) coarsens only to \(Self.nestings[StatDimension(rawValue: key) ?? .commune]?.rawValue ?? "")")
                }
                steps[fine] = coarse
            }
        } else {
            steps = Self.nestings
        }
        self.init(above: above, steps: steps)
    }
}

/// The published perturbation table of cell-key perturbation (the method of the Australian
/// Bureau of Statistics' TableBuilder and of the UK's 2021 Census outputs).
///
/// Every case carries a random record key in `0..<keySpace`, drawn at intake. A cell's key is
/// the sum of its records' keys modulo `keySpace`, so the same records always give the same
/// key, whatever table, filter, period or query they are counted in. The table maps a true
/// count and the cell's key to the count shown: row `n` is a distribution over shown values,
/// and the key, read as a fraction, picks one. No row ever shows a value from 1 to k−1, and
/// every row keeps the count's mean (no bias in sums of many cells).
public struct PerturbationTable: Sendable, Equatable {
    /// Record keys and cell keys are whole numbers below this.
    public static let keySpace = 1 << 16

    public struct Outcome: Sendable, Equatable { public let shown: Int; public let probability: Double }

    public let k: Int
    /// Explicit rows for the smallest counts, 1…rows.count (row i is count i + 1).
    public let rows: [[Outcome]]
    /// Every larger count n shows n + offset with these probabilities.
    public let offsets: [(offset: Int, probability: Double)]

    public static func == (a: PerturbationTable, b: PerturbationTable) -> Bool {
        a.k == b.k && a.rows == b.rows && a.offsets.map(\.offset) == b.offsets.map(\.offset)
            && a.offsets.map(\.probability) == b.offsets.map(\.probability)
    }

    /// The table for k = 5: counts 1–4 show as 0 or 5 (keeping their mean), 5 as 0, 5, 6 or
    /// 7, 6 as 5, 6 or 7, and larger counts move by at most 2 (variance 0.56).
    public static let standard = PerturbationTable(
        k: 5,
        rows: [
            [.init(shown: 0, probability: 0.8), .init(shown: 5, probability: 0.2)],
            [.init(shown: 0, probability: 0.6), .init(shown: 5, probability: 0.4)],
            [.init(shown: 0, probability: 0.4), .init(shown: 5, probability: 0.6)],
            [.init(shown: 0, probability: 0.2), .init(shown: 5, probability: 0.8)],
            [.init(shown: 0, probability: 0.04), .init(shown: 5, probability: 0.81), .init(shown: 6, probability: 0.1),
             .init(shown: 7, probability: 0.05)],
            [.init(shown: 5, probability: 0.25), .init(shown: 6, probability: 0.5), .init(shown: 7, probability: 0.25)],
        ],
        offsets: [(-2, 0.02), (-1, 0.2), (0, 0.56), (1, 0.2), (2, 0.02)])

    public init(k: Int, rows: [[Outcome]], offsets: [(offset: Int, probability: Double)]) {
        self.k = k; self.rows = rows; self.offsets = offsets
    }

    /// The distribution of the shown value for a true count.
    public func outcomes(_ count: Int) -> [Outcome] {
        if count <= 0 { return [Outcome(shown: 0, probability: 1)] }
        if count <= rows.count { return rows[count - 1] }
        return offsets.map { Outcome(shown: count + $0.offset, probability: $0.probability) }
    }

    /// The shown value of a cell counting `count` records whose keys sum to `key`.
    public func shown(count: Int, key: Int) -> Int {
        let outcomes = outcomes(count)
        let u = (Double(((key % Self.keySpace) + Self.keySpace) % Self.keySpace) + 0.5) / Double(Self.keySpace)
        var cumulative = 0.0
        for outcome in outcomes {
            cumulative += outcome.probability
            if u < cumulative { return outcome.shown }
        }
        return outcomes.last!.shown
    }

    /// The largest move of a count above the explicit rows (the published maximum perturbation).
    public var maximum: Int { offsets.map { abs($0.offset) }.max() ?? 0 }

    /// The variance of the move of a count above the explicit rows.
    public var variance: Double { offsets.reduce(0) { $0 + Double($1.offset * $1.offset) * $1.probability } }

    /// Mean absolute move of a count above the explicit rows.
    public var meanAbsolute: Double { offsets.reduce(0) { $0 + Double(abs($1.offset)) * $1.probability } }

    /// Every true count that can show as `shown` (what a reader may conclude from one cell).
    public func preimage(of shown: Int) -> ClosedRange<Int> {
        var low = Int.max, high = Int.min
        let largest = rows.count + 1
        for count in 0...largest {
            if outcomes(count).contains(where: { $0.shown == shown && $0.probability > 0 }) { low = min(low, count); high = max(high, count) }
        }
        // Counts above the explicit rows: shown − offset.
        for (offset, probability) in offsets where probability > 0 && shown - offset > rows.count {
            low = min(low, shown - offset); high = max(high, shown - offset)
        }
        return low <= high ? low...high : shown...shown
    }

    /// Parses the `perturbation` section: `rows` (true count → {shown: probability}) for
    /// counts 1…r, and `offsets` ({move: probability}) for every larger count. Checked: each
    /// row sums to 1, keeps its count's mean, and never shows 1…k−1.
    init(node: PolicyNode, k: Int) throws(CoreError) {
        let top = try node.mapping(allowed: ["rows", "offsets"])
        let rowsNode = try top.required("rows", in: node)
        var rows: [[Outcome]] = []
        for (index, entry) in try rowsNode.entries().enumerated() {
            guard let count = Int(entry.key), count == index + 1 else {
                throw entry.keyNode.error("rows are the counts 1, 2, 3, … in order; expected \(index + 1)")
            }
            var outcomes: [Outcome] = []
            for item in try entry.value.entries() {
                guard let shown = Int(item.key), shown >= 0 else { throw item.keyNode.error("expected a shown count (a whole number ≥ 0)") }
                guard shown == 0 || shown >= k else { throw item.keyNode.error("a count from 1 to \(k - 1) is never shown") }
                guard let p = Double(try item.value.string()), p > 0, p <= 1 else { throw item.value.error("expected a probability above 0, at most 1") }
                outcomes.append(Outcome(shown: shown, probability: p))
            }
            try Self.check(outcomes.map { ($0.shown - count, $0.probability) }, at: entry.value)
            rows.append(outcomes)
        }
        guard rows.count >= k - 1 else { throw rowsNode.error("the rows must cover every count from 1 to \(k - 1)") }
        let offsetsNode = try top.required("offsets", in: node)
        var offsets: [(offset: Int, probability: Double)] = []
        for item in try offsetsNode.entries() {
            guard let offset = Int(item.key.replacingOccurrences(of: "+", with: "")) else { throw item.keyNode.error("expected a move such as -1, 0 or +1") }
            guard let p = Double(try item.value.string()), p > 0, p <= 1 else { throw item.value.error("expected a probability above 0, at most 1") }
            guard rows.count + 1 + offset >= k else {
                throw item.keyNode.error("count \(rows.count + 1) would show \(rows.count + 1 + offset), below \(k); add rows for the smaller counts")
            }
            offsets.append((offset, p))
        }
        try Self.check(offsets, at: offsetsNode)
        self.init(k: k, rows: rows, offsets: offsets)
    }

    static func check(_ moves: [(Int, Double)], at node: PolicyNode) throws(CoreError) {
        let total = moves.reduce(0) { $0 + $1.1 }
        guard abs(total - 1) < 1e-9 else { throw node.error("the probabilities sum to \(total), not 1") }
        let mean = moves.reduce(0) { $0 + Double($1.0) * $1.1 }
        guard abs(mean) < 1e-9 else { throw node.error("the mean move is \(mean), not 0: the table would bias sums") }
    }
}
