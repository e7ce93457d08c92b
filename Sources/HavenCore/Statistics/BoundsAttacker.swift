/// The attacker of the disclosure tests and of the annual report's own audit
/// (`ReportAudit`): integer bounds on published quantities, tightened
/// to a fixed point over every additive relation between them (a margin is the sum of its
/// cells along any dimension, a former district the sum of its communes, a year the sum of its
/// quarters and months, one count at most another). This is the audit statistics offices run
/// on published tables (interval propagation with integrality); it shares no code with the
/// disclosure control it attacks (perturbation, `LinkedSuppression`).
public struct BoundsAttacker {
    /// A stand-in for "no upper bound".
    public static let unbounded = 1 << 40

    public private(set) var lower: [Int] = []
    public private(set) var upper: [Int] = []
    var index: [String: Int] = [:]
    public private(set) var names: [String] = []
    var sums: [(parent: Int, children: [Int])] = []
    var orders: [(small: Int, large: Int)] = []
    /// Published quantities seen twice with different values (a consistency failure).
    public private(set) var contradictions: [String] = []
    /// Quantities whose bounds the relations would push past each other.
    public private(set) var infeasible: Set<String> = []

    public init() {}

    /// The quantity named `name` (created unconstrained, ≥ 0, on first use).
    public mutating func variable(_ name: String) -> Int {
        if let i = index[name] { return i }
        index[name] = names.count
        names.append(name); lower.append(0); upper.append(Self.unbounded)
        return names.count - 1
    }

    public func find(_ name: String) -> Int? { index[name] }

    /// What a published figure says: the quantity lies in `range`.
    public mutating func constrain(_ name: String, to range: ClosedRange<Int>) {
        let v = variable(name)
        let low = max(lower[v], range.lowerBound), high = min(upper[v], range.upperBound)
        if low > high { contradictions.append(name) }
        lower[v] = low; upper[v] = high
    }

    /// `parent` is the sum of `children`.
    public mutating func sum(_ parent: String, _ children: [String]) {
        let p = variable(parent)
        let c = children.map { variable($0) }
        sums.append((p, c))
    }

    /// `small` ≤ `large` (agreements ≤ mediations opened, and the like).
    public mutating func atMost(_ small: String, _ large: String) {
        orders.append((variable(small), variable(large)))
    }

    /// Tightens every bound until nothing changes.
    public mutating func run(maximumRounds: Int = 200) {
        for _ in 0..<maximumRounds {
            var changed = false
            // An infeasible system (published figures that no data could give) is recorded and
            // its bounds frozen, so the propagation cannot run away.
            func raise(_ v: Int, _ value: Int) {
                guard value > lower[v] else { return }
                if value > upper[v] { infeasible.insert(names[v]); return }
                lower[v] = value; changed = true
            }
            func lowerUpper(_ v: Int, _ value: Int) {
                guard value < upper[v] else { return }
                if value < lower[v] { infeasible.insert(names[v]); return }
                upper[v] = value; changed = true
            }
            for (parent, children) in sums {
                var lowSum = 0, boundedHigh = 0, open = 0
                for c in children {
                    lowSum += lower[c]
                    if upper[c] >= Self.unbounded { open += 1 } else { boundedHigh += upper[c] }
                }
                raise(parent, lowSum)
                if open == 0 { lowerUpper(parent, boundedHigh) }
                for c in children {
                    let selfOpen = upper[c] >= Self.unbounded
                    if open - (selfOpen ? 1 : 0) == 0 { raise(c, lower[parent] - (boundedHigh - (selfOpen ? 0 : upper[c]))) }
                    if upper[parent] < Self.unbounded { lowerUpper(c, upper[parent] - (lowSum - lower[c])) }
                }
            }
            for (small, large) in orders {
                raise(large, lower[small])
                lowerUpper(small, upper[large])
            }
            if !changed { return }
        }
    }

    public func bounds(_ name: String) -> ClosedRange<Int>? {
        index[name].map { lower[$0]...max(lower[$0], upper[$0]) }
    }
}
