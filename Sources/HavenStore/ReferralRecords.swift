import Foundation
import HavenCore

/// A referral of a case to one agency.
public struct ReferralRecord: Sendable, Equatable {
    public var id: String
    /// The case id (at the origin store, for an imported referral).
    public var caseID: String
    public var agency: String
    public var priority: Priority
    public var status: ReferralStatus
    public var mandatory: Bool
    public var legalBases: [String]
    public var rules: [String]
    public var policyHash: String
    /// The case's commune (coded), for overdue counts and inbox filtering.
    public var commune: String
    public var createdAt: Date
    public var sentAt: Date?
    public var dueBy: Date?
    public var acknowledgedAt: Date?
    public var acceptedAt: Date?
    public var declinedAt: Date?
    public var declineReason: DeclineReason?
    public var closedAt: Date?
    public var outcome: CaseOutcome?
    public var actions: [ReferralAction]
    /// The HPKE packet sealed to the agency, and the store's signature over it. Nil while held,
    /// or while the agency has no key yet.
    public var packet: Data?
    public var signature: Data?
    /// The store's signature over the packet's index terms and plaintext hash
    /// (`ReferralIndex.signedBytes`), made when sealing, carried in offline bundles.
    public var indexSignature: Data?
    /// The store id a referral was imported from (nil for referrals made here).
    public var origin: String?

    public init(id: String, caseID: String, agency: String, priority: Priority, status: ReferralStatus, mandatory: Bool,
                legalBases: [String], rules: [String], policyHash: String, commune: String, createdAt: Date,
                sentAt: Date? = nil, dueBy: Date? = nil, acknowledgedAt: Date? = nil, acceptedAt: Date? = nil,
                declinedAt: Date? = nil, declineReason: DeclineReason? = nil, closedAt: Date? = nil,
                outcome: CaseOutcome? = nil, actions: [ReferralAction] = [], packet: Data? = nil, signature: Data? = nil,
                origin: String? = nil, indexSignature: Data? = nil) {
        self.id = id; self.caseID = caseID; self.agency = agency; self.priority = priority; self.status = status
        self.mandatory = mandatory; self.legalBases = legalBases; self.rules = rules; self.policyHash = policyHash
        self.commune = commune; self.createdAt = createdAt; self.sentAt = sentAt; self.dueBy = dueBy
        self.acknowledgedAt = acknowledgedAt; self.acceptedAt = acceptedAt; self.declinedAt = declinedAt
        self.declineReason = declineReason; self.closedAt = closedAt; self.outcome = outcome; self.actions = actions
        self.packet = packet; self.signature = signature; self.origin = origin; self.indexSignature = indexSignature
    }

    /// Sent, not yet acknowledged, and past its due time.
    public func isOverdue(at now: Date) -> Bool {
        status == .pending && (dueBy.map { now > $0 } ?? false)
    }
}

/// Which referrals a list returns.
public struct ReferralFilter: Sendable, Equatable {
    public var agency: String?
    public var caseID: String?
    public var status: ReferralStatus?
    /// Only referrals overdue at this time (pending and past their due time, as
    /// ``ReferralRecord/isOverdue(at:)``).
    public var overdueAt: Date?
    /// False for a listing: a stored packet comes back as empty `Data` (that it exists), its
    /// signatures as nil — an inbox need not read every packet's bytes.
    public var packets: Bool
    public init(agency: String? = nil, caseID: String? = nil, status: ReferralStatus? = nil, overdueAt: Date? = nil, packets: Bool = true) {
        self.agency = agency; self.caseID = caseID; self.status = status; self.overdueAt = overdueAt; self.packets = packets
    }
}

/// One stored policy version.
public struct PolicyVersion: Sendable, Equatable {
    public let hash: String
    public let files: [String: String]
    public let activatedAt: Date
    public let activatedBy: String

    public init(hash: String, files: [String: String], activatedAt: Date, activatedBy: String) {
        self.hash = hash; self.files = files; self.activatedAt = activatedAt; self.activatedBy = activatedBy
    }
}
