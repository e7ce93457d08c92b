import Foundation
import HavenCore


public struct MediationTeam: Sendable, Equatable, Codable {
    public let id: String
    public let commune: String
    public let name: String
    public let createdAt: Date
    public init(id: String, commune: String, name: String, createdAt: Date) {
        self.id = id; self.commune = commune; self.name = name; self.createdAt = createdAt
    }
}

public struct MediatorRecord: Sendable, Equatable, Codable {
    public let id: String
    public let teamID: String
    public let name: String
    public let sex: Sex
    public let ethnicity: EthnicityGroup
    public let createdAt: Date
    public init(id: String, teamID: String, name: String, sex: Sex, ethnicity: EthnicityGroup, createdAt: Date) {
        self.id = id; self.teamID = teamID; self.name = name; self.sex = sex; self.ethnicity = ethnicity; self.createdAt = createdAt
    }
}

/// A mediation of one case by one team.
public struct MediationRecord: Sendable, Equatable {
    public var id: String
    public var caseID: CaseID
    public var teamID: String
    public var commune: String
    /// Mediators assigned (conflicted members excluded).
    public var mediators: [String]
    public var conflicted: [String]
    public var status: MediationStatus
    public var openedAt: Date
    public var openedBy: String
    public var startDue: LocalDate
    public var firstSession: LocalDate?
    public var agreementDate: LocalDate?
    public var endedAt: Date?
    public var end: MediationEnd?

    public init(id: String, caseID: CaseID, teamID: String, commune: String, mediators: [String], conflicted: [String],
                status: MediationStatus, openedAt: Date, openedBy: String, startDue: LocalDate, firstSession: LocalDate? = nil,
                agreementDate: LocalDate? = nil, endedAt: Date? = nil, end: MediationEnd? = nil) {
        self.id = id; self.caseID = caseID; self.teamID = teamID; self.commune = commune; self.mediators = mediators
        self.conflicted = conflicted; self.status = status; self.openedAt = openedAt; self.openedBy = openedBy
        self.startDue = startDue; self.firstSession = firstSession; self.agreementDate = agreementDate
        self.endedAt = endedAt; self.end = end
    }
}

public struct MediationSession: Sendable, Equatable {
    public let id: String
    public let mediationID: String
    public let date: LocalDate
    public let outcome: SessionOutcome
    public let escalation: Escalation
    /// Sealed with the case's data key.
    public let note: Data?
    public let agreement: Data?
    public let recordedAt: Date
    public let recordedBy: String
    public init(id: String, mediationID: String, date: LocalDate, outcome: SessionOutcome, escalation: Escalation,
                note: Data?, agreement: Data?, recordedAt: Date, recordedBy: String) {
        self.id = id; self.mediationID = mediationID; self.date = date; self.outcome = outcome; self.escalation = escalation
        self.note = note; self.agreement = agreement; self.recordedAt = recordedAt; self.recordedBy = recordedBy
    }
}

public struct MediationFollowUp: Sendable, Equatable {
    public var id: String
    public var mediationID: String
    public var dueDate: LocalDate
    public var doneDate: LocalDate?
    public var recurred: Bool?
    public var escalation: Escalation
    public var note: Data?
    public init(id: String, mediationID: String, dueDate: LocalDate, doneDate: LocalDate? = nil, recurred: Bool? = nil,
                escalation: Escalation = .none, note: Data? = nil) {
        self.id = id; self.mediationID = mediationID; self.dueDate = dueDate; self.doneDate = doneDate
        self.recurred = recurred; self.escalation = escalation; self.note = note
    }
}

/// A refused attempt to open mediation, with its coded reasons (for supervisors' counts).
public struct MediationRefusal: Sendable, Equatable {
    public let id: String
    public let caseID: CaseID
    public let commune: String
    public let formerDistrict: String
    public let at: Date
    public let reasons: [String]
    public init(id: String, caseID: CaseID, commune: String, formerDistrict: String, at: Date, reasons: [String]) {
        self.id = id; self.caseID = caseID; self.commune = commune; self.formerDistrict = formerDistrict; self.at = at; self.reasons = reasons
    }
}
