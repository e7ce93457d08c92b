import Foundation
import HavenCore
import HavenStore

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

    /// The sealed fields a packet to `agency` holds: its `receives:` list, or only its
    /// `receivesWithoutConsent:` list for a mandatory referral the survivor did not consent
    /// to; the safe-contact fields always, so nobody calls a survivor the wrong way.
    public static func fields(for agency: Agency, withoutConsent: Bool) -> [SealedField] {
        let listed = withoutConsent ? agency.receivesWithoutConsent : agency.receives
        return listed + SealedField.safeContact.filter { !listed.contains($0) }
    }

    /// The packet for `referral`, holding only what `agency` may receive.
    static func make(referral: ReferralRecord, facts: CaseFacts, sealed: [SealedField: String], agency: Agency,
                     policy: Policy?) -> ReferralPacket {
        let consented = AgencyDecision.consentCovers(agency, consent: facts.consent, survivorAge: facts.survivorAge,
                                                     guardianConsent: Router.guardianConsent(sealed))
        let withoutConsent = referral.mandatory && !consented
        var fields: [String: String] = [:]
        for field in Self.fields(for: agency, withoutConsent: withoutConsent) { fields[field.rawValue] = sealed[field] }
        let grounds = referral.rules.map { id in
            let rule = policy?.rules.first { $0.id == id }
            return Ground(rule: id, vi: rule?.description.vi ?? "", en: rule?.description.en ?? "")
        }
        var flags: [String] = []
        if facts.disability { flags.append(SurvivorFlag.disability.rawValue) }
        if facts.pregnant { flags.append(SurvivorFlag.pregnant.rawValue) }
        if facts.childUnder36Months { flags.append(SurvivorFlag.childUnder36Months.rawValue) }
        if facts.olderPerson { flags.append(SurvivorFlag.olderPerson.rawValue) }
        if facts.cannotDefend { flags.append(SurvivorFlag.cannotDefend.rawValue) }
        return ReferralPacket(
            referral: referral.id, caseID: referral.caseID, agency: referral.agency, priority: referral.priority,
            mandatory: referral.mandatory, legalBases: referral.legalBases, rules: referral.rules, policy: referral.policyHash,
            sentAt: referral.sentAt ?? referral.createdAt, dueBy: referral.dueBy ?? referral.createdAt,
            coded: Coded(commune: facts.commune, gbvType: facts.gbvType.rawValue, acts: facts.acts.map(\.rawValue),
                         contexts: facts.contexts.map(\.rawValue), survivorSex: facts.survivorSex.rawValue,
                         survivorAgeGroup: facts.survivorAgeGroup.rawValue, risk: facts.risk.rawValue,
                         injury: facts.injury.rawValue, flags: flags, relationship: facts.relationship.rawValue,
                         childrenPresent: facts.childrenPresent, ethnicity: facts.ethnicity.rawValue,
                         prosecutionWish: facts.wishes.prosecution),
            basis: withoutConsent ? .mandatoryWithoutConsent : .consent, grounds: grounds,
            fields: fields)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static func decode(_ data: Data) -> ReferralPacket? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(ReferralPacket.self, from: data)
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

    init(_ r: ReferralRecord, now: Date) {
        id = r.id; caseID = r.caseID; agency = r.agency; priority = r.priority; status = r.status
        mandatory = r.mandatory; legalBases = r.legalBases; rules = r.rules; policy = r.policyHash; commune = r.commune
        dueBy = r.dueBy; overdue = r.isOverdue(at: now); sealed = r.packet != nil; origin = r.origin
    }
}
