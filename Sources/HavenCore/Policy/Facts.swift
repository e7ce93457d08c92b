/// The facts a routing condition may test (DESIGN.md §6): the vocabulary of the policy
/// language. An unknown fact in a policy file is an error with its position.
public enum Fact: String, CaseIterable, Sendable {
    case acts, gbvType, context, injury, risk, source
    case survivorAge = "survivor.age", survivorSex = "survivor.sex", survivorFlags = "survivor.flags"
    case survivorEthnicity = "survivor.ethnicity"
    case perpetratorRelationship = "perpetrator.relationship", perpetratorSex = "perpetrator.sex"
    case consentReferral = "consent.referral", consentPolice = "consent.police"
    case consentMediation = "consent.mediation", consentStatistics = "consent.statistics"
    case wishesLegalAid = "wishes.legalAid", wishesShelter = "wishes.shelter", wishesMedical = "wishes.medical"
    case repeatSurvivor = "repeat", childrenPresent, incidentDaysSince = "incident.daysSince"
    case escalation
    case mediationRecurred = "mediation.recurred"
    // Added for the law review (issue #8). Unknown is a value of its own: a rule can test it.
    case perpetratorSeparated = "perpetrator.separated"
    case survivorFinancialHardship = "survivor.financialHardship"
    case wishesProsecution = "wishes.prosecution"
    case repeatSamePerpetrator = "repeat.samePerpetrator"
    case communeExtremelyDisadvantaged = "commune.extremelyDisadvantaged"
    case communeLargeEthnicMinority = "commune.largeEthnicMinority"
    case referralsHeld = "referrals.held"
    /// Whether a child's parent or guardian (not the perpetrator) agreed to the referrals.
    case guardianConsent = "guardian.consent"

    /// What kind of value the fact holds, and so which tests apply.
    public enum Kind: Sendable, Equatable {
        /// One coded value; a test lists values and matches when the fact is one of them.
        case code([String])
        /// A set of coded values; a test matches when the set holds any listed value.
        case codes([String])
        /// A whole number compared with `lt`, `lte`, `gt`, `gte`, `eq` (unknown never matches).
        case number
        /// true or false.
        case flag
        /// true, false or unknown (`unknown` is tested as a value of its own).
        case tristate
        /// A set of agency ids of the policy's `agencies.yaml`.
        case agencies
    }

    public var kind: Kind {
        switch self {
        case .acts: .codes(Act.rawValues)
        case .gbvType: .code(GBVType.rawValues)
        case .context: .codes(CaseContext.rawValues)
        case .injury: .code(Injury.rawValues)
        case .risk: .code(RiskLevel.rawValues)
        case .source: .code(ReportingSource.rawValues)
        case .survivorSex, .perpetratorSex: .code(Sex.rawValues)
        case .survivorEthnicity: .code(EthnicityGroup.rawValues)
        case .escalation: .code(Escalation.rawValues)
        case .survivorFlags: .codes(SurvivorFlag.rawValues)
        case .perpetratorRelationship: .code(Relationship.rawValues)
        case .survivorAge, .incidentDaysSince: .number
        case .consentReferral, .consentPolice, .consentMediation, .consentStatistics,
             .wishesLegalAid, .wishesShelter, .wishesMedical, .repeatSurvivor, .childrenPresent, .mediationRecurred,
             .communeExtremelyDisadvantaged, .communeLargeEthnicMinority: .flag
        case .perpetratorSeparated, .survivorFinancialHardship, .wishesProsecution, .repeatSamePerpetrator, .guardianConsent: .tristate
        case .referralsHeld: .agencies
        }
    }
}

/// Priority groups of the Law on Domestic Violence Prevention and Control 2022, Art. 4.
public enum SurvivorFlag: String, CodedValue {
    case disability, pregnant, childUnder36Months, olderPerson
    /// Cannot defend themself (ill, frail, dependent): Penal Code 2015 Art. 134(1)(c).
    case cannotDefend
    public static let codeNamespace = "flag"
}

/// The facts of one case as routing sees them: the coded facts, plus what the service
/// knows at routing time and does not store in clear.
public struct RoutingFacts: Sendable, Equatable {
    public var facts: CaseFacts
    /// An earlier case of the same survivor within the last 12 months, or a recurrence
    /// after mediation.
    public var repeatSurvivor: Bool
    /// Whole days from the incident to the day of routing (nil when the date is unknown).
    /// The exact incident date is sealed, so this is computed when routing, not stored.
    public var incidentDaysSince: Int?
    /// Set when a mediation session or follow-up noted a risk to life or health, or signs of a crime.
    public var escalation: Escalation
    /// Violence recurred after a mediated agreement on this case.
    public var mediationRecurred: Bool

    /// An earlier case of the same survivor by the same perpetrator within the last 12 months,
    /// for an earlier incident (found through the blind index of the pair, without decrypting
    /// anything). Nil when it cannot be told: the survivor has an earlier case but the
    /// perpetrator is not named, or this incident's date is unknown.
    public var repeatSamePerpetrator: Bool?
    /// The commune's flags from the regions file (set by ``Policy/route(_:)`` from the commune).
    public var communeExtremelyDisadvantaged: Bool
    public var communeLargeEthnicMinority: Bool
    /// Agencies whose referral of this case is held for consent (set by routing and by the
    /// stored referrals when mediation is decided).
    public var heldReferrals: Set<String>
    /// A child's parent or guardian agreed to the referrals (nil: not asked or not known).
    /// For a survivor under 18 the survivor's consent alone does not send a referral; a
    /// guardian's "no" holds it at any age (Law on Children 2016 Art. 33).
    public var guardianConsent: Bool?

    public init(facts: CaseFacts, repeatSurvivor: Bool, incidentDaysSince: Int?, escalation: Escalation = .none,
                mediationRecurred: Bool = false, repeatSamePerpetrator: Bool? = false,
                communeExtremelyDisadvantaged: Bool = false, communeLargeEthnicMinority: Bool = false,
                heldReferrals: Set<String> = []) {
        self.facts = facts
        self.repeatSurvivor = repeatSurvivor
        self.incidentDaysSince = incidentDaysSince
        self.escalation = escalation
        self.mediationRecurred = mediationRecurred
        self.repeatSamePerpetrator = repeatSamePerpetrator
        self.communeExtremelyDisadvantaged = communeExtremelyDisadvantaged
        self.communeLargeEthnicMinority = communeLargeEthnicMinority
        self.heldReferrals = heldReferrals
    }

    /// The value of a fact.
    public enum Value: Equatable, Sendable {
        case codes(Set<String>)
        case number(Int?)
        case flag(Bool)
        /// A flag that may be unknown (nil).
        case tristate(Bool?)
    }

    public func value(_ fact: Fact) -> Value {
        let f = facts
        switch fact {
        case .acts: return .codes(Set(f.acts.map(\.rawValue)))
        case .gbvType: return .codes([f.gbvType.rawValue])
        case .context: return .codes(Set(f.contexts.map(\.rawValue)))
        case .injury: return .codes([f.injury.rawValue])
        case .risk: return .codes([f.risk.rawValue])
        case .source: return .codes([f.source.rawValue])
        case .survivorSex: return .codes([f.survivorSex.rawValue])
        case .perpetratorSex: return .codes([f.perpetratorSex.rawValue])
        case .survivorEthnicity: return .codes([f.ethnicity.rawValue])
        case .perpetratorRelationship: return .codes([f.relationship.rawValue])
        case .survivorFlags:
            var flags: Set<String> = []
            if f.disability { flags.insert(SurvivorFlag.disability.rawValue) }
            if f.pregnant { flags.insert(SurvivorFlag.pregnant.rawValue) }
            if f.childUnder36Months { flags.insert(SurvivorFlag.childUnder36Months.rawValue) }
            if f.olderPerson { flags.insert(SurvivorFlag.olderPerson.rawValue) }
            if f.cannotDefend { flags.insert(SurvivorFlag.cannotDefend.rawValue) }
            return .codes(flags)
        case .survivorAge: return .number(f.survivorAge)
        case .incidentDaysSince: return .number(incidentDaysSince)
        case .consentReferral: return .flag(f.consent.referral)
        case .consentPolice: return .flag(f.consent.police)
        case .consentMediation: return .flag(f.consent.mediation)
        case .consentStatistics: return .flag(f.consent.statistics)
        case .wishesLegalAid: return .flag(f.wishes.legalAid)
        case .wishesShelter: return .flag(f.wishes.shelter)
        case .wishesMedical: return .flag(f.wishes.medical)
        case .repeatSurvivor: return .flag(repeatSurvivor)
        case .childrenPresent: return .flag(f.childrenPresent)
        case .escalation: return .codes([escalation.rawValue])
        case .mediationRecurred: return .flag(mediationRecurred)
        case .perpetratorSeparated: return .tristate(f.separated)
        case .survivorFinancialHardship: return .tristate(f.financialHardship)
        case .wishesProsecution: return .tristate(f.wishes.prosecution)
        case .repeatSamePerpetrator: return .tristate(repeatSamePerpetrator)
        case .communeExtremelyDisadvantaged: return .flag(communeExtremelyDisadvantaged)
        case .communeLargeEthnicMinority: return .flag(communeLargeEthnicMinority)
        case .referralsHeld: return .codes(heldReferrals)
        case .guardianConsent: return .tristate(guardianConsent)
        }
    }
}
