import Foundation

// A statistics query and its published result: pure values, shared by the service that
// computes them (`StatTabulation`), the faces that show them and the wire (HavenAPI).

/// A statistics query.
public struct StatQuery: Sendable, Equatable, Codable {
    public var measure: StatMeasure
    public var by: [StatDimension]
    public var period: StatPeriod
    public var filters: [StatDimension: String]
    /// Nil: the method `disclosure.yaml` names (perturbation unless it says otherwise). Any
    /// other method than that one is refused: one store publishes with one method.
    public var method: DisclosureMethod?
    /// Replace each dimension by the coarser one `disclosure.yaml` names for it (a commune by
    /// its former district, a month by its quarter).
    public var coarsen: Bool

    public init(measure: StatMeasure = .cases, by: [StatDimension], period: StatPeriod, filters: [StatDimension: String] = [:],
                method: DisclosureMethod? = nil, coarsen: Bool = false) {
        self.measure = measure; self.by = by; self.period = period; self.filters = filters; self.method = method; self.coarsen = coarsen
    }
}

/// One published cell: a value per requested dimension (`*` for a total over it).
public struct StatCell: Sendable, Equatable, Codable {
    public let values: [StatDimension: String]
    /// The count shown (perturbed under perturbation); nil when hidden (suppression).
    public let count: Int?
    public let suppressed: Bool
    /// Referrals only: the median over at least k acknowledged referrals of a cell shown as k or more.
    public let medianHoursToAcknowledge: Double?
    /// Referrals only: overdue ÷ referrals, from the two counts as published.
    public let shareOverdue: Double?

    public init(values: [StatDimension: String], count: Int?, suppressed: Bool, medianHoursToAcknowledge: Double?,
                shareOverdue: Double?) {
        self.values = values; self.count = count; self.suppressed = suppressed
        self.medianHoursToAcknowledge = medianHoursToAcknowledge; self.shareOverdue = shareOverdue
    }
}

/// The answer to a statistics query.
public struct StatResult: Sendable, Equatable, Codable {
    public let query: StatQuery
    public let k: Int
    public let method: DisclosureMethod
    /// The largest move of a perturbed count above the table's smallest rows.
    public let maximumPerturbation: Int
    public let cells: [StatCell]
    /// Every unit of the year, those without consent to statistics included: shown only for
    /// a whole-year query without filters, and always perturbed (a cell of its own).
    public let populationTotal: Int?
    /// Share of the slice's people not in its shown interior cells, from the published figures
    /// alone: (total − shown cells) ÷ total, or 1 when the total is hidden (suppression; 0
    /// under perturbation).
    public let hiddenShare: Double

    public init(query: StatQuery, k: Int, method: DisclosureMethod, maximumPerturbation: Int, cells: [StatCell],
                populationTotal: Int?, hiddenShare: Double) {
        self.query = query; self.k = k; self.method = method; self.maximumPerturbation = maximumPerturbation
        self.cells = cells; self.populationTotal = populationTotal; self.hiddenShare = hiddenShare
    }
    /// The share of the table's people it loses: hidden (suppression), or — under
    /// perturbation, from the published figures alone — the part of the shown total that is
    /// not in cells shown above k (cells shown as 0 or k, where counts from 1 to k−1 land).
    public var sparseShare: Double = 0
    /// Dimensions `--coarsen` replaced (fine → coarse).
    public var coarsened: [StatDimension: StatDimension] = [:]
    /// Coarser dimensions offered because the table loses more than `disclosure.yaml` allows.
    public var coarserOffered: [StatDimension: StatDimension] = [:]

    /// The slice's total (the margin over every requested dimension).
    public var total: Int? { cell([:])?.count }

    /// The cell with these values (missing dimensions mean `*`).
    public func cell(_ values: [StatDimension: String]) -> StatCell? {
        let wanted = Dictionary(uniqueKeysWithValues: query.by.map { ($0, values[$0] ?? ContingencyTable.all) })
        return cells.first { $0.values == wanted }
    }
}
