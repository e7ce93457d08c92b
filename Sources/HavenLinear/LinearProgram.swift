/// The range each unknown can take in `{ A x = b, x ≥ 0 }`, by linear programming: what an
/// attacker who knows the published figures and every sum between them can conclude.
///
/// A dense two-phase primal simplex with Bland's rule (no cycling on the degenerate systems
/// tables make). Phase 1 finds a feasible basis once; every range is then two optimisations
/// from the last basis, which needs only a few pivots. Coefficients are small integers and
/// the answers are integers, so doubles with a tolerance are exact enough.
public struct LinearSystem: Sendable {
    /// Each equation: coefficient per unknown (sparse), and its right-hand side.
    public private(set) var equations: [(terms: [Int: Double], constant: Double)] = []
    public let unknowns: Int

    public init(unknowns: Int) { self.unknowns = unknowns }

    public mutating func add(_ terms: [Int: Double], equals constant: Double) {
        equations.append((terms.filter { $0.value != 0 }, constant))
    }

    /// The least and greatest value of each unknown asked for (nil upper bound: unbounded);
    /// nil when the system has no non-negative solution.
    public func ranges(of wanted: [Int]) -> [Int: (lower: Int, upper: Int?)]? {
        guard var simplex = Simplex(self) else { return nil }
        var result: [Int: (lower: Int, upper: Int?)] = [:]
        for j in wanted {
            let upper = simplex.optimum(of: j, maximize: true)
            let lower = simplex.optimum(of: j, maximize: false) ?? 0
            result[j] = (max(0, Int((lower - 1e-6).rounded(.up))), upper.map { Int(($0 + 1e-6).rounded(.down)) })
        }
        return result
    }
}

struct Simplex {
    static let epsilon = 1e-9
    var rows: Int
    let columns: Int
    /// rows × (columns + 1), the last column the right-hand side.
    var tableau: [Double]
    var basis: [Int]

    init?(_ system: LinearSystem) {
        let m = system.equations.count, n = system.unknowns
        let width = n + m + 1
        var t = [Double](repeating: 0, count: m * width)
        for (i, equation) in system.equations.enumerated() {
            let sign: Double = equation.constant < 0 ? -1 : 1
            for (j, value) in equation.terms { t[i * width + j] = sign * value }
            t[i * width + n + i] = 1
            t[i * width + width - 1] = sign * equation.constant
        }
        var phase1 = Simplex(rows: m, columns: n + m, tableau: t, basis: (0..<m).map { n + $0 })
        // Phase 1: minimise the artificials' sum.
        var cost = [Double](repeating: 0, count: n + m)
        for j in n..<(n + m) { cost[j] = -1 }
        _ = phase1.run(cost: cost, allowed: n + m)
        for i in 0..<m where phase1.basis[i] >= n && phase1.tableau[i * width + width - 1] > 1e-7 { return nil }
        // Drive basic artificials (at zero) out, or drop their rows when redundant.
        var keep: [Int] = []
        for i in 0..<m {
            if phase1.basis[i] >= n {
                if let j = (0..<n).first(where: { abs(phase1.tableau[i * width + $0]) > 1e-7 }) {
                    phase1.pivot(row: i, column: j)
                    keep.append(i)
                }
            } else {
                keep.append(i)
            }
        }
        // Keep only the real columns.
        let newWidth = n + 1
        var compact = [Double](repeating: 0, count: keep.count * newWidth)
        for (r, i) in keep.enumerated() {
            for j in 0..<n { compact[r * newWidth + j] = phase1.tableau[i * width + j] }
            compact[r * newWidth + n] = phase1.tableau[i * width + width - 1]
        }
        self.init(rows: keep.count, columns: n, tableau: compact, basis: keep.map { phase1.basis[$0] })
    }

    init(rows: Int, columns: Int, tableau: [Double], basis: [Int]) {
        self.rows = rows; self.columns = columns; self.tableau = tableau; self.basis = basis
    }

    /// The best value of unknown `j` (nil: unbounded).
    mutating func optimum(of j: Int, maximize: Bool) -> Double? {
        var cost = [Double](repeating: 0, count: columns)
        cost[j] = maximize ? 1 : -1
        guard run(cost: cost, allowed: columns) else { return nil }
        let width = columns + 1
        if let row = basis.firstIndex(of: j) { return tableau[row * width + columns] }
        return 0
    }

    /// Maximises `cost · x` from the current basis; false when unbounded.
    mutating func run(cost: [Double], allowed: Int) -> Bool {
        let width = columns + 1
        while true {
            // Reduced costs; entering column by Bland's rule (the smallest index that improves).
            var entering = -1
            var basicRow = [Int](repeating: -1, count: columns)
            for (i, b) in basis.enumerated() { basicRow[b] = i }
            for j in 0..<allowed where basicRow[j] < 0 {
                var reduced = cost[j]
                for i in 0..<rows {
                    let c = cost[basis[i]]
                    if c != 0 { reduced -= c * tableau[i * width + j] }
                }
                if reduced > Self.epsilon { entering = j; break }
            }
            if entering < 0 { return true }
            // Ratio test, ties to the smallest basic index.
            var leaving = -1
            var best = Double.infinity
            for i in 0..<rows {
                let a = tableau[i * width + entering]
                guard a > Self.epsilon else { continue }
                let ratio = tableau[i * width + columns] / a
                if ratio < best - Self.epsilon || (abs(ratio - best) <= Self.epsilon && leaving >= 0 && basis[i] < basis[leaving]) {
                    best = ratio; leaving = i
                }
            }
            if leaving < 0 { return false }
            pivot(row: leaving, column: entering)
        }
    }

    mutating func pivot(row r: Int, column c: Int) {
        let width = columns + 1
        let p = tableau[r * width + c]
        for j in 0..<width { tableau[r * width + j] /= p }
        for i in 0..<rows where i != r {
            let factor = tableau[i * width + c]
            guard factor != 0 else { continue }
            for j in 0..<width {
                let v = tableau[r * width + j]
                if v != 0 { tableau[i * width + j] -= factor * v }
            }
            tableau[i * width + c] = 0
        }
        basis[r] = c
    }
}
