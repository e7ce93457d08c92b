import Foundation
import HavenCore

/// A case as stored: coded facts in clear, sealed fields as ciphertext, the wrapped data key.
public struct CaseRecord: Sendable, Equatable {
    public var id: CaseID
    public var facts: CaseFacts
    public var status: CaseStatus
    public var outcome: CaseOutcome?
    /// Id of the user who logged the case.
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Master-key version that wraps `wrappedDataKey`.
    public var keyVersion: Int
    public var wrappedDataKey: Data
    /// Blind index of the survivor (name + birth year), or nil when either is unknown.
    public var blindIndex: String?
    /// Sealed field name → ciphertext. Empty in list results.
    public var sealed: [String: Data]
    /// Set when mediation found a risk or signs of a crime (a routing fact from then on).
    public var escalation: Escalation = .none
    /// Set (with a coded reason) when mediation is refused for ever, after recurrence or escalation.
    public var mediationBlocked: String?
    /// Blind index of the survivor–perpetrator pair (survivor name and birth year, perpetrator
    /// name): finds repeated violence by the same perpetrator without decrypting anything.
    public var pairIndex: String?
    /// The case's integrity tag over its clear columns (see `CaseIntegrity` in HavenService).
    public var seal: Data?
    /// The random record key of cell-key perturbation (0..<65536), drawn at intake; never
    /// changed, so the case adds the same amount to every cell key it is counted in.
    public var recordKey: Int = 0

    public init(id: CaseID, facts: CaseFacts, status: CaseStatus, outcome: CaseOutcome?, createdBy: String,
                createdAt: Date, updatedAt: Date, keyVersion: Int, wrappedDataKey: Data, blindIndex: String?,
                sealed: [String: Data]) {
        self.id = id; self.facts = facts; self.status = status; self.outcome = outcome; self.createdBy = createdBy
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.keyVersion = keyVersion
        self.wrappedDataKey = wrappedDataKey; self.blindIndex = blindIndex; self.sealed = sealed
    }
}

/// Kinds of timeline events (DESIGN.md §4); later issues add referral and mediation kinds.
public enum CaseEventKind: String, Sendable, CaseIterable {
    case created, noteAdded = "note_added", statusChanged = "status_changed", consentChanged = "consent_changed"
    case routed, referralSent = "referral_sent", referralHeld = "referral_held"
    case referralAcknowledged = "referral_acknowledged", referralAccepted = "referral_accepted"
    case referralDeclined = "referral_declined", referralClosed = "referral_closed"
    case mediationOpened = "mediation_opened", mediationSession = "mediation_session"
    case mediationFollowUp = "mediation_followup", mediationEnded = "mediation_ended"
    /// Corrected after intake; the detail names the fields changed, never their values.
    case edited
}

/// One entry of a case's append-only timeline.
public struct CaseEvent: Sendable, Equatable {
    public var id: String
    public var caseID: CaseID
    public var at: Date
    public var actor: String
    public var kind: CaseEventKind
    /// Coded detail only (e.g. `closed:services_provided`); never personal data.
    public var detail: String
    /// A sealed payload (a note), encrypted with the case's data key.
    public var sealed: Data?

    public init(id: String, caseID: CaseID, at: Date, actor: String, kind: CaseEventKind, detail: String, sealed: Data?) {
        self.id = id; self.caseID = caseID; self.at = at; self.actor = actor; self.kind = kind
        self.detail = detail; self.sealed = sealed
    }
}

/// A user of the store. Tokens are stored only as hashes.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    public var agency: String?
    public var communes: [String]
    public var tokenHash: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// For a mediator's account: the mediator record (H-…) it belongs to, so a mediator
    /// excluded from a mediation by a conflict of interest is kept out of it.
    public var mediator: String?
    /// For a mediator's account: their mediation team (T-…), the unit they work in.
    public var team: String?

    public init(id: String, name: String, role: Role, agency: String?, communes: [String], tokenHash: String,
                createdAt: Date, revokedAt: Date? = nil) {
        self.id = id; self.name = name; self.role = role; self.agency = agency; self.communes = communes
        self.tokenHash = tokenHash; self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}

/// Whether an audited action was done or refused.
public enum AuditOutcome: String, Sendable, CaseIterable {
    case allowed, denied
}

/// One link of the audit hash chain.
public struct AuditRecord: Sendable, Equatable {
    public var sequence: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var target: String?
    public var outcome: AuditOutcome
    /// Coded detail only; never personal data.
    public var detail: String
    public var previousHash: Data
    public var hash: Data

    public init(sequence: Int64, at: Date, actor: String, action: String, target: String?, outcome: AuditOutcome,
                detail: String, previousHash: Data, hash: Data) {
        self.sequence = sequence; self.at = at; self.actor = actor; self.action = action; self.target = target
        self.outcome = outcome; self.detail = detail; self.previousHash = previousHash; self.hash = hash
    }

    /// The fields the chain hash covers, in order.
    public var hashedFields: [String] {
        [String(sequence), String(Int64((at.timeIntervalSince1970 * 1000).rounded())), actor, action,
         target ?? "", outcome.rawValue, detail]
    }
}

/// A signed checkpoint of the audit chain.
public struct AuditCheckpoint: Sendable, Equatable {
    public var sequence: Int64
    public var hash: Data
    public var signature: Data
    public var at: Date

    public init(sequence: Int64, hash: Data, signature: Data, at: Date) {
        self.sequence = sequence; self.hash = hash; self.signature = signature; self.at = at
    }
}

/// Which cases a list returns.
public struct CaseFilter: Sendable, Equatable {
    public var status: CaseStatus?
    /// Only these communes; nil means any.
    public var communes: [String]?
    public var reportedSince: LocalDate?
    public var limit: Int?

    public init(status: CaseStatus? = nil, communes: [String]? = nil, reportedSince: LocalDate? = nil, limit: Int? = nil) {
        self.status = status; self.communes = communes; self.reportedSince = reportedSince; self.limit = limit
    }
}

/// An intake interrupted before saving: the answers so far, sealed under a data key of its
/// own wrapped by the store's master key (like a case's fields). Only its owner reads it.
public struct DraftRecord: Sendable, Equatable {
    public let id: String
    public let owner: String
    public let createdAt: Date
    public var updatedAt: Date
    public var wrappedKey: Data
    public var keyVersion: Int
    public var sealed: Data
    /// How many questions are answered (shown in the list without opening the draft).
    public var answered: Int

    public init(id: String, owner: String, createdAt: Date, updatedAt: Date, wrappedKey: Data, keyVersion: Int, sealed: Data, answered: Int) {
        self.id = id; self.owner = owner; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.wrappedKey = wrappedKey; self.keyVersion = keyVersion; self.sealed = sealed; self.answered = answered
    }
}
