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
    /// The province's time zone (seconds east of UTC): instants are dated in it.
    public let utcOffsetSeconds: Int

    public init(measure: StatMeasure, dimensions: [StatDimension], months: [String], now: Date, utcOffsetSeconds: Int) {
        self.measure = measure; self.dimensions = dimensions; self.months = months; self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}
