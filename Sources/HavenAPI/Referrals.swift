import Foundation
import HavenCore

/// A referral as the service hands it out: its summary and its packet, still sealed.
public struct SealedReferral: Sendable, Equatable, Codable {
    public let summary: ReferralSummary
    public let packet: Data

    public init(summary: ReferralSummary, packet: Data) { self.summary = summary; self.packet = packet }
}

/// Overdue referrals per agency and priority (no identity).
public struct OverdueCount: Sendable, Equatable, Codable {
    public let agency: String
    public let priority: Priority
    public let overdue: Int
    public let pending: Int
    /// Held for consent for longer than the agency's deadline: "held, consent not yet asked again".
    public let heldOverdue: Int

    public init(agency: String, priority: Priority, overdue: Int, pending: Int, heldOverdue: Int) {
        self.agency = agency; self.priority = priority; self.overdue = overdue; self.pending = pending; self.heldOverdue = heldOverdue
    }
}

/// A referral held for the survivor's consent, as its field officer sees it (coded only).
public struct HeldReferral: Sendable, Equatable, Codable {
    public let id: String
    public let caseID: String
    public let agency: String
    public let priority: Priority
    public let commune: String
    public let rules: [String]
    public let heldSince: Date
    /// When the agency would have had to acknowledge it had it been sent.
    public let deadline: Date
    /// Held longer than the agency's deadline: ask the survivor's consent again.
    public let pastDeadline: Bool

    public init(id: String, caseID: String, agency: String, priority: Priority, commune: String, rules: [String], heldSince: Date,
                deadline: Date, pastDeadline: Bool) {
        self.id = id; self.caseID = caseID; self.agency = agency; self.priority = priority; self.commune = commune
        self.rules = rules; self.heldSince = heldSince; self.deadline = deadline; self.pastDeadline = pastDeadline
    }
}

/// A referral of one of the field officer's cases, as the officer follows it (coded only).
public struct OfficerReferral: Sendable, Equatable, Codable {
    /// What, if anything, the officer has to do about it.
    public enum Attention: String, Sendable, Codable {
        /// Held for consent: ask the survivor (past the agency's deadline: ask again).
        case held, heldPastDeadline
        /// Declined by the agency: it came back to the officer.
        case declined
        /// Sent and not acknowledged in time: call the agency.
        case overdue
    }
    public let id: String
    public let caseID: String
    public let agency: String
    public let priority: Priority
    public let status: ReferralStatus
    public let commune: String
    public let createdAt: Date
    public let dueBy: Date?
    public let declineReason: DeclineReason?
    public let attention: Attention?

    public init(id: String, caseID: String, agency: String, priority: Priority, status: ReferralStatus, commune: String,
                createdAt: Date, dueBy: Date?, declineReason: DeclineReason?, attention: Attention?) {
        self.id = id; self.caseID = caseID; self.agency = agency; self.priority = priority; self.status = status
        self.commune = commune; self.createdAt = createdAt; self.dueBy = dueBy; self.declineReason = declineReason
        self.attention = attention
    }
}

/// A referral as listed: coded, no identity.
public struct ReferralSummary: Sendable, Equatable, Codable {
    public let id: String
    public let caseID: String
    public let agency: String
    public let priority: Priority
    public let status: ReferralStatus
    public let mandatory: Bool
    public let legalBases: [String]
    public let rules: [String]
    public let policy: String
    public let commune: String
    public let dueBy: Date?
    public let overdue: Bool
    /// False while the agency has no key: the referral is recorded but cannot be read yet.
    public let sealed: Bool
    public let origin: String?

    public init(id: String, caseID: String, agency: String, priority: Priority, status: ReferralStatus, mandatory: Bool,
                legalBases: [String], rules: [String], policy: String, commune: String, dueBy: Date?, overdue: Bool,
                sealed: Bool, origin: String?) {
        self.id = id; self.caseID = caseID; self.agency = agency; self.priority = priority; self.status = status
        self.mandatory = mandatory; self.legalBases = legalBases; self.rules = rules; self.policy = policy
        self.commune = commune; self.dueBy = dueBy; self.overdue = overdue; self.sealed = sealed; self.origin = origin
    }
}

/// What a referral packet holds once opened by its agency: the referral's terms, the
/// case's coded facts, and only the sealed fields the agency's `receives:` lists.
public struct ReferralPacket: Sendable, Equatable, Codable {
    public struct Coded: Sendable, Equatable, Codable {
        public let commune: String
        public let gbvType: String
        public let acts: [String]
        public let contexts: [String]
        public let survivorSex: String
        public let survivorAgeGroup: String
        public let risk: String
        public let injury: String
        public let flags: [String]
        /// How the perpetrator is related to the survivor.
        public let relationship: String
        public let childrenPresent: Bool
        public let ethnicity: String
        /// Whether the survivor asks for prosecution (CPC 2015 Art. 155): true, false, or nil
        /// when not asked.
        public let prosecutionWish: Bool?

        public init(commune: String, gbvType: String, acts: [String], contexts: [String], survivorSex: String,
                    survivorAgeGroup: String, risk: String, injury: String, flags: [String], relationship: String,
                    childrenPresent: Bool, ethnicity: String, prosecutionWish: Bool?) {
            self.commune = commune; self.gbvType = gbvType; self.acts = acts; self.contexts = contexts
            self.survivorSex = survivorSex; self.survivorAgeGroup = survivorAgeGroup; self.risk = risk; self.injury = injury
            self.flags = flags; self.relationship = relationship; self.childrenPresent = childrenPresent
            self.ethnicity = ethnicity; self.prosecutionWish = prosecutionWish
        }
    }

    /// On what footing the referral was sent.
    public enum Basis: String, Sendable, Codable {
        /// The survivor consented to this referral.
        case consent
        /// A mandatory rule sent it without the survivor's consent (over her objection, or
        /// before she was asked): the packet holds only `receivesWithoutConsent`.
        case mandatoryWithoutConsent = "mandatory_without_consent"
    }

    /// A rule that referred the agency, with its description: the ground of the referral
    /// (for legal aid, which ground of Art. 7 applies).
    public struct Ground: Sendable, Equatable, Codable {
        public let rule: String
        public let vi: String
        public let en: String

        public init(rule: String, vi: String, en: String) { self.rule = rule; self.vi = vi; self.en = en }
    }

    public var format = "haven-referral-packet"
    public var version = 2
    public let referral: String
    public let caseID: String
    public let agency: String
    public let priority: Priority
    public let mandatory: Bool
    public let legalBases: [String]
    public let rules: [String]
    public let policy: String
    public let sentAt: Date
    public let dueBy: Date
    public let coded: Coded
    public let basis: Basis
    public let grounds: [Ground]
    /// Sealed field name → clear value, only for fields in the agency's `receives:` (or
    /// `receivesWithoutConsent:`), plus the safe-contact fields.
    public let fields: [String: String]

    public init(referral: String, caseID: String, agency: String, priority: Priority, mandatory: Bool, legalBases: [String],
                rules: [String], policy: String, sentAt: Date, dueBy: Date, coded: Coded, basis: Basis, grounds: [Ground],
                fields: [String: String]) {
        self.referral = referral; self.caseID = caseID; self.agency = agency; self.priority = priority
        self.mandatory = mandatory; self.legalBases = legalBases; self.rules = rules; self.policy = policy
        self.sentAt = sentAt; self.dueBy = dueBy; self.coded = coded; self.basis = basis; self.grounds = grounds
        self.fields = fields
    }

    /// The sealed fields a packet to `agency` holds: its `receives:` list, or only its
    /// `receivesWithoutConsent:` list for a mandatory referral the survivor did not consent
    /// to; the safe-contact fields always, so nobody calls a survivor the wrong way.
    public static func fields(for agency: Agency, withoutConsent: Bool) -> [SealedField] {
        let listed = withoutConsent ? agency.receivesWithoutConsent : agency.receives
        return listed + SealedField.safeContact.filter { !listed.contains($0) }
    }
}

/// The coded terms an agency's inbox is indexed by (who, how urgent, on what grounds, when due),
/// taken from an opened packet. An offline bundle (format 3) carries, for each packet, the
/// origin's signature over these terms and the hash of the packet's plaintext: the receiving
/// office's caller opens the packets with its own key and sends only these terms, and the
/// service checks them against the origin's signature without ever holding the key. The hash
/// of the plaintext (names, narrative) makes the signature useless for guessing the terms of a
/// bundle found on a lost stick.
public struct ReferralIndex: Sendable, Equatable, Codable {
    public let caseID: String
    public let agency: String
    public let priority: Priority
    public let mandatory: Bool
    public let legalBases: [String]
    public let rules: [String]
    public let policy: String
    public let commune: String
    public let sentAt: Date
    public let dueBy: Date

    public init(packet: ReferralPacket) {
        caseID = packet.caseID; agency = packet.agency; priority = packet.priority; mandatory = packet.mandatory
        legalBases = packet.legalBases; rules = packet.rules; policy = packet.policy; commune = packet.coded.commune
        sentAt = packet.sentAt; dueBy = packet.dueBy
    }

    /// The bytes the origin signs: every term, and every element of a list with the list's
    /// count, length-prefixed (no separator inside a legal basis can move a boundary); times in
    /// whole seconds (as every wire form carries them); the packet's ciphertext hash and the
    /// plaintext's, so the terms belong to that one packet.
    public func signedBytes(referralID: String, packetHash: Data, contentHash: Data) -> Data {
        func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }
        func term(_ text: String) -> String { "|\(text.utf8.count):\(text)" }
        func list(_ items: [String]) -> String { "|#\(items.count)" + items.map(term).joined() }
        var text = "haven/referral-index/v2" + term(referralID) + term(caseID) + term(agency) + term(priority.rawValue)
        text += term(mandatory ? "1" : "0") + list(legalBases) + list(rules) + term(policy) + term(commune)
        text += term(String(Self.seconds(sentAt))) + term(String(Self.seconds(dueBy))) + term(hex(packetHash)) + term(hex(contentHash))
        return Data(text.utf8)
    }

    /// Whole seconds since 1970 (0 for a time that is not a finite number).
    public static func seconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970.rounded(.down)
        return value.isFinite && abs(value) < 1e15 ? Int64(value) : 0
    }
}

/// One packet of a bundle as opened on the receiving office's side: its index terms and the
/// SHA-256 of its plaintext, to be checked by the service against the origin's signature.
public struct OpenedBundleEntry: Sendable, Equatable, Codable {
    public let referral: String
    public let index: ReferralIndex
    public let contentHash: Data
    public init(referral: String, index: ReferralIndex, contentHash: Data) {
        self.referral = referral; self.index = index; self.contentHash = contentHash
    }
}
