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
             .wishesLegalAid, .wishesShelter, .wishesMedical, .repeatSurvivor, .childrenPresent, .mediationRecurred: .flag
        }
    }
}

/// Priority groups of the Law on Domestic Violence Prevention and Control 2022, Art. 4.
public enum SurvivorFlag: String, CodedValue {
    case disability, pregnant, childUnder36Months, olderPerson
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

    public init(facts: CaseFacts, repeatSurvivor: Bool, incidentDaysSince: Int?, escalation: Escalation = .none,
                mediationRecurred: Bool = false) {
        self.facts = facts
        self.repeatSurvivor = repeatSurvivor
        self.incidentDaysSince = incidentDaysSince
        self.escalation = escalation
        self.mediationRecurred = mediationRecurred
    }

    /// The value of a fact.
    public enum Value: Equatable, Sendable {
        case codes(Set<String>)
        case number(Int?)
        case flag(Bool)
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
        }
    }
}
