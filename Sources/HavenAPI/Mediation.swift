import Foundation
import HavenCore

/// A follow-up that is due or late.
public struct DueFollowUp: Sendable, Equatable, Codable {
    public let mediation: String
    public let caseID: String
    public let team: String
    public let commune: String
    public let due: LocalDate
    public let late: Bool

    public init(mediation: String, caseID: String, team: String, commune: String, due: LocalDate, late: Bool) {
        self.mediation = mediation; self.caseID = caseID; self.team = team; self.commune = commune; self.due = due; self.late = late
    }
}

/// One mediation in the logbook the law asks for: coded fields only, no names, no notes.
public struct LogbookEntry: Sendable, Equatable, Codable {
    public struct Session: Sendable, Equatable, Codable {
        public let date: LocalDate
        public let outcome: String
        public init(date: LocalDate, outcome: String) { self.date = date; self.outcome = outcome }
    }
    public struct FollowUp: Sendable, Equatable, Codable {
        public let due: LocalDate
        public let done: LocalDate?
        public let recurred: Bool?
        public init(due: LocalDate, done: LocalDate?, recurred: Bool?) { self.due = due; self.done = done; self.recurred = recurred }
    }
    public let mediation: String
    public let team: String
    public let commune: String
    public let opened: LocalDate
    public let startDue: LocalDate
    public let survivorSex: String
    public let survivorAgeGroup: String
    public let perpetratorSex: String
    public let perpetratorAgeGroup: String
    public let relationship: String
    public let sessions: [Session]
    public let followUps: [FollowUp]
    public let status: String
    public let end: String?

    public init(mediation: String, team: String, commune: String, opened: LocalDate, startDue: LocalDate, survivorSex: String,
                survivorAgeGroup: String, perpetratorSex: String, perpetratorAgeGroup: String, relationship: String,
                sessions: [Session], followUps: [FollowUp], status: String, end: String?) {
        self.mediation = mediation; self.team = team; self.commune = commune; self.opened = opened; self.startDue = startDue
        self.survivorSex = survivorSex; self.survivorAgeGroup = survivorAgeGroup; self.perpetratorSex = perpetratorSex
        self.perpetratorAgeGroup = perpetratorAgeGroup; self.relationship = relationship; self.sessions = sessions
        self.followUps = followUps; self.status = status; self.end = end
    }
}

/// A published count of the mediation statistics: always perturbed (cell-key perturbation),
/// so no count from 1 to k−1 is ever shown and no count is hidden.
public struct Cell: Sendable, Equatable, Codable {
    public let count: Int?
    public let suppressed: Bool

    /// The perturbed count of the cases whose record keys are `keys`.
    public init(keys: [Int], table: PerturbationTable) {
        let key = keys.reduce(0) { ($0 + $1) % PerturbationTable.keySpace }
        count = keys.isEmpty ? 0 : table.shown(count: keys.count, key: key)
        suppressed = false
    }
}

/// Effectiveness of mediation for supervisors, per group.
public struct MediationStatsRow: Sendable, Equatable, Codable {
    public let group: String
    public let opened: Cell
    /// Refusals by reason (routing rule or refusal rule id).
    public let refused: [String: Cell]
    public let agreements: Cell
    /// Agreements ÷ mediations opened, only when both are shown.
    public let agreementRate: Double?
    public let recurrenceWithin6Months: Cell
    public let recurrenceWithin12Months: Cell
    /// Median days from assignment to first session, only over 5 or more mediations.
    public let medianDaysToFirstSession: Double?

    public init(group: String, opened: Cell, refused: [String: Cell], agreements: Cell, agreementRate: Double?,
                recurrenceWithin6Months: Cell, recurrenceWithin12Months: Cell, medianDaysToFirstSession: Double?) {
        self.group = group; self.opened = opened; self.refused = refused; self.agreements = agreements
        self.agreementRate = agreementRate; self.recurrenceWithin6Months = recurrenceWithin6Months
        self.recurrenceWithin12Months = recurrenceWithin12Months; self.medianDaysToFirstSession = medianDaysToFirstSession
    }
}

/// How the mediation statistics are grouped.
public enum MediationStatsGrouping: String, Sendable, CaseIterable, Codable {
    case total, commune, formerDistrict = "former-district"
}
