/// Exact rational linear algebra for tests that play the attacker: what can a reader work
/// out from the numbers published? Independent of the production code's modular arithmetic.
public struct Fraction: Equatable, Sendable {
    public var n: Int
    public var d: Int
    public init(_ n: Int, _ d: Int = 1) {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let g = max(1, gcd(n, d)) * (d < 0 ? -1 : 1)
        self.n = n / g; self.d = d / g
    }
    public static func - (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d - b.n * a.d, a.d * b.d) }
    public static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.n, a.d * b.d) }
    public static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d, a.d * b.n) }
    public var isZero: Bool { n == 0 }
}

/// A set of known linear equations over unknowns 0..<count (their right-hand sides do not
/// matter: only whether a quantity is determined).
public struct RationalSystem {
    public let count: Int
    var rows: [[Fraction]] = []

    public init(unknowns count: Int) { self.count = count }

    /// Adds a known quantity: Σ coefficient × unknown.
    public mutating func add(_ coefficients: [Int: Int]) {
        var row = Array(repeating: Fraction(0), count: count)
        for (i, c) in coefficients { row[i] = row[i] - Fraction(-c) }
        if row.contains(where: { !$0.isZero }) { rows.append(row) }
    }

    /// The equations in reduced row echelon form, with their pivot columns.
    func reduced() -> [(pivot: Int, row: [Fraction])] {
        var m = rows
        var result: [(Int, [Fraction])] = []
        var rank = 0
        for column in 0..<count where rank < m.count {
            guard let r = (rank..<m.count).first(where: { !m[$0][column].isZero }) else { continue }
            m.swapAt(rank, r)
            let p = m[rank][column]
            m[rank] = m[rank].map { $0 / p }
            for other in m.indices where other != rank && !m[other][column].isZero {
                let factor = m[other][column]
                m[other] = zip(m[other], m[rank]).map { $0 - factor * $1 }
            }
            result.append((column, m[rank]))
            rank += 1
        }
        return result
    }

    /// A checker that answers many questions against one reduction.
    public func solver() -> Solver { Solver(count: count, basis: reduced()) }

    public struct Solver {
        let count: Int
        let basis: [(pivot: Int, row: [Fraction])]

        /// Whether Σ coefficient × unknown is a linear combination of the known equations.
        public func determines(_ coefficients: [Int: Int]) -> Bool {
            var row = Array(repeating: Fraction(0), count: count)
            for (i, c) in coefficients { row[i] = Fraction(c) }
            for (pivot, basisRow) in basis where !row[pivot].isZero {
                let factor = row[pivot]
                row = zip(row, basisRow).map { $0 - factor * $1 }
            }
            return row.allSatisfy(\.isZero)
        }
    }

    /// Whether Σ coefficient × unknown is a linear combination of the known equations.
    public func determines(_ coefficients: [Int: Int]) -> Bool { solver().determines(coefficients) }
}
