import Foundation
import HavenCore

/// What statistics read from a store: coded fields only.
public struct StatSource: Sendable, Equatable {
    public let measure: StatMeasure
    public let dimensions: [StatDimension]
    /// `YYYY-MM` months the units are dated in (cases: report date; referrals: sent or
    /// created; mediations: opened).
    public let months: [String]
    /// The time overdue is judged at.
    public let now: Date

    public init(measure: StatMeasure, dimensions: [StatDimension], months: [String], now: Date) {
        self.measure = measure; self.dimensions = dimensions; self.months = months; self.now = now
    }
}

/// Grouped units, with the referral measures kept per group.
public struct StatGroups: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public let row: StatRow
        /// Hours from sending to acknowledgement of each acknowledged referral in the group.
        public let hoursToAcknowledge: [Double]
        /// Referrals in the group that are overdue now.
        public let overdue: Int
        /// The sum of the overdue referrals' record keys.
        public let overdueKey: Int
        public init(row: StatRow, hoursToAcknowledge: [Double] = [], overdue: Int = 0, overdueKey: Int = 0) {
            self.row = row; self.hoursToAcknowledge = hoursToAcknowledge; self.overdue = overdue; self.overdueKey = overdueKey
        }
    }
    public let groups: [Group]
    /// Distinct units (a case under several contexts counts once), consented or not.
    public let distinctUnits: Int
    public init(groups: [Group], distinctUnits: Int) { self.groups = groups; self.distinctUnits = distinctUnits }
}
