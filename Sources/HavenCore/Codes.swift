/// A coded value: a closed set of strings that routing and statistics may read in clear.
///
/// Every coded value has a label in each language in the ``Catalogue`` under
/// `"<namespace>.<rawValue>"`; a test fails when one is missing.
public protocol CodedValue: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String, AllCases: Collection {
    /// The catalogue namespace and the name used in error messages, e.g. `act`.
    static var codeNamespace: String { get }
}

extension CodedValue {
    /// The catalogue key of this value's label.
    public var labelKey: String { "\(Self.codeNamespace).\(rawValue)" }

    /// This value's label in `language`.
    public func label(_ language: Language) -> String { Catalogue.text(labelKey, language) }

    /// Every raw value, in declaration order.
    public static var rawValues: [String] { allCases.map(\.rawValue) }

    /// Parses a raw value, or throws ``CoreError/unknownValue`` naming the closest values.
    public init(parsing text: String, at path: String) throws(CoreError) {
        guard let value = Self(rawValue: text) else {
            throw .unknownValue(path: path, value: text, kind: Self.codeNamespace,
                                suggestions: Suggest.closest(to: text, in: Self.rawValues), known: Self.rawValues)
        }
        self = value
    }
}

/// Sex as recorded for survivors and perpetrators (GBVIMS: female, male).
public enum Sex: String, CodedValue {
    case female, male, unknown
    public static let codeNamespace = "sex"
}

/// Age groups of DESIGN.md §4 (GBVIMS): 0–11, 12–17, 18–25, 26–40, 41–60, 61+.
public enum AgeGroup: String, CodedValue {
    case age0to11 = "0-11", age12to17 = "12-17", age18to25 = "18-25"
    case age26to40 = "26-40", age41to60 = "41-60", age61plus = "61+", unknown
    public static let codeNamespace = "ageGroup"

    /// The group of a person aged `years` (whole years, never negative).
    public init(years: Int) {
        switch years {
        case ..<12: self = .age0to11
        case 12...17: self = .age12to17
        case 18...25: self = .age18to25
        case 26...40: self = .age26to40
        case 41...60: self = .age41to60
        default: self = .age61plus
        }
    }
}

/// Time from incident to report, in the GBVIMS buckets.
public enum ReportingDelay: String, CodedValue {
    case days0to3 = "0-3d", days4to5 = "4-5d", days6to14 = "6-14d"
    case twoWeeksToOneMonth = "2w-1m", overOneMonth = "over-1m", unknown
    public static let codeNamespace = "delay"

    /// The bucket for a report made `days` calendar days after the incident (`days >= 0`).
    ///
    /// "2 weeks to 1 month" is 15 to 30 days; 31 days or more is over a month.
    public init(days: Int) {
        switch days {
        case ...3: self = .days0to3
        case 4...5: self = .days4to5
        case 6...14: self = .days6to14
        case 15...30: self = .twoWeeksToOneMonth
        default: self = .overOneMonth
        }
    }
}

/// The acts an officer records; the GBVIMS type is derived from them by elimination.
public enum Act: String, CodedValue {
    case rape, attemptedRape = "attempted_rape", sexualTouching = "sexual_touching"
    case forcedSexualAct = "forced_sexual_act"
    case beating, strangulation, weapon, burning, confinement
    case forcedMarriage = "forced_marriage", childMarriage = "child_marriage"
    case withholdingMoney = "withholding_money", preventingWork = "preventing_work"
    case denialOfServices = "denial_of_services"
    case insults, threats, threatsToKill = "threats_to_kill", isolation, stalking
    case forcedToWitness = "forced_to_witness"
    case trafficking
    public static let codeNamespace = "act"

    /// The GBVIMS type this act indicates, or nil for a context (trafficking).
    public var gbvType: GBVType? {
        switch self {
        case .rape: .rape
        case .attemptedRape, .sexualTouching, .forcedSexualAct: .sexualAssault
        case .beating, .strangulation, .weapon, .burning, .confinement: .physicalAssault
        case .forcedMarriage, .childMarriage: .forcedMarriage
        case .withholdingMoney, .preventingWork, .denialOfServices: .denialOfResources
        case .insults, .threats, .threatsToKill, .isolation, .stalking, .forcedToWitness:
            .psychologicalAbuse
        case .trafficking: nil
        }
    }

    /// Acts of a sexual nature (rape, attempted rape, sexual touching, forced sexual act).
    public var isSexual: Bool { gbvType == .rape || gbvType == .sexualAssault }
}

/// GBVIMS incident types, in elimination order (first yes wins).
public enum GBVType: String, CodedValue {
    case rape, sexualAssault = "sexual_assault", physicalAssault = "physical_assault"
    case forcedMarriage = "forced_marriage", denialOfResources = "denial_of_resources"
    case psychologicalAbuse = "psychological_abuse", nonGBV = "non_gbv"
    public static let codeNamespace = "gbvType"

    /// Classifies by elimination: the first type in declaration order that any act indicates.
    ///
    /// Acts with no type (trafficking) never decide; with none left the incident is non-GBV.
    public static func classify<S: Sequence>(_ acts: S) -> GBVType where S.Element == Act {
        let indicated = Set(acts.compactMap(\.gbvType))
        return allCases.first(where: indicated.contains) ?? .nonGBV
    }
}

/// Case contexts derived from acts, relationship and age.
public enum CaseContext: String, CodedValue {
    case intimatePartnerViolence = "intimate_partner_violence"
    case domesticViolence = "domestic_violence"
    case childSexualAbuse = "child_sexual_abuse"
    case earlyMarriage = "early_marriage"
    case trafficking
    public static let codeNamespace = "context"
}

/// How the perpetrator is related to the survivor.
public enum Relationship: String, CodedValue {
    case spouse, formerSpouse = "former_spouse"
    /// A couple living together as husband and wife without registering the marriage
    /// (DV Law 2022 Art. 3(2)).
    case cohabiting
    /// A partner whose living arrangement is not recorded (cases logged before `cohabiting`
    /// and `dating` existed). Routed as family, but never mediated: the law's cover is not established.
    case intimatePartner = "intimate_partner"
    /// A former partner who lived with the survivor as husband and wife (DV Law 2022 Art. 3(2)).
    case formerPartner = "former_partner"
    /// A boyfriend or girlfriend, current or former, who never lived with the survivor: not
    /// domestic violence under the DV law.
    case dating
    case parent, child
    /// The perpetrator is the survivor's grandchild (the survivor is their grandparent).
    case grandchild
    case sibling, inLaw = "in_law"
    case otherFamily = "other_family", acquaintance, employer, stranger, unknown
    public static let codeNamespace = "relationship"

    /// A current or former spouse or partner, dating partners included (GBVIMS intimate-partner violence).
    public var isIntimatePartner: Bool {
        [.spouse, .formerSpouse, .cohabiting, .intimatePartner, .formerPartner, .dating].contains(self)
    }

    /// Family under the Law on Domestic Violence Prevention and Control 2022, Art. 3 (which also
    /// covers former spouses and couples who live or lived together), and partners recorded
    /// before the living arrangement was asked. A dating partner is not family.
    public var isFamilyOrPartner: Bool {
        (isIntimatePartner && self != .dating) || [.parent, .child, .grandchild, .sibling, .inLaw, .otherFamily].contains(self)
    }
}

/// Who reported the case.
public enum ReportingSource: String, CodedValue {
    case communeCommittee = "commune-committee", communePolice = "commune-police", school
    case villageHead = "village-head", front, womensUnion = "womens-union", hotline, health
    case selfReport = "self", other
    public static let codeNamespace = "source"
}

/// Injury level.
public enum Injury: String, CodedValue {
    case none, minor, serious, unknown
    public static let codeNamespace = "injury"
}

/// Ethnicity groups used in An Giang's statistics.
public enum EthnicityGroup: String, CodedValue {
    case kinh, khmer, hoa, cham, other, unknown
    public static let codeNamespace = "ethnicity"

    /// True for every group but Kinh (the majority) and unknown.
    public var isMinority: Bool { ![.kinh, .unknown].contains(self) }
}

/// Risk level from the screening.
public enum RiskLevel: String, CodedValue {
    case high, standard, unknown
    public static let codeNamespace = "risk"
}

/// Case status.
public enum CaseStatus: String, CodedValue {
    case open, closed
    public static let codeNamespace = "status"
}

/// How a case was closed.
public enum CaseOutcome: String, CodedValue {
    case servicesProvided = "services_provided", referredElsewhere = "referred_elsewhere"
    case survivorDeclined = "survivor_declined", lostContact = "lost_contact"
    case relocated, other
    public static let codeNamespace = "outcome"
}

/// What a user is allowed to do (DESIGN.md §2).
public enum Role: String, CodedValue {
    case fieldOfficer = "field-officer", caseworker, mediator, supervisor, admin
    /// A data-sharing partner (an international agency's analyst): may only export the
    /// k-anonymous Incident Recorder file. An administrator grants it per partner.
    case dataPartner = "data-partner"
    public static let codeNamespace = "role"
}

/// Unit kinds of the regions file.
public enum CommuneKind: String, CodedValue {
    case xa, phuong, dacKhu = "dac-khu"
    public static let codeNamespace = "communeKind"
}

/// How a survivor may safely be contacted.
public enum ContactChannel: String, CodedValue {
    case phone, sms, inPerson = "in_person", safePerson = "safe_person", noContact = "no_contact"
    public static let codeNamespace = "contactChannel"
}

/// Where a referral is in its life: `held → pending → acknowledged → accepted | declined → closed`.
public enum ReferralStatus: String, CodedValue {
    /// Not sent: waiting for the survivor's consent.
    case held
    /// Sent; waiting for the agency to acknowledge.
    case pending
    case acknowledged, accepted, declined, closed
    public static let codeNamespace = "referralStatus"
}

/// Where a mediation is: open until a session ends it; after an agreement, follow-ups run
/// until completed or violence recurs.
public enum MediationStatus: String, CodedValue {
    case open, agreement, completed
    /// Violence recurred after an agreement.
    case failed
    /// Ended without agreement, by a party, or by escalation.
    case closed
    public static let codeNamespace = "mediationStatus"
}

/// Why an agency declined a referral (coded, so supervisors can count them).
public enum DeclineReason: String, CodedValue {
    case notCompetent = "not_competent", survivorUnreachable = "survivor_unreachable"
    case survivorDeclined = "survivor_declined", duplicate, insufficientInformation = "insufficient_information"
    case noCapacity = "no_capacity", other
    public static let codeNamespace = "declineReason"
}

/// What an agency did for the survivor.
public enum ReferralAction: String, CodedValue {
    case counselling, legalAdvice = "legal_advice", legalRepresentation = "legal_representation"
    case medicalCare = "medical_care", forensicExam = "forensic_exam", shelter, protectionOrder = "protection_order"
    case noContactOrder = "no_contact_order", investigation, prosecution, financialSupport = "financial_support", other
    public static let codeNamespace = "referralAction"
}

/// The outcome of one session, as the mediation logbook records it.
public enum SessionOutcome: String, CodedValue {
    case agreement, noAgreement = "no-agreement", adjourned, stoppedByParty = "stopped-by-party"
    public static let codeNamespace = "sessionOutcome"
}

/// Why a mediation ended.
public enum MediationEnd: String, CodedValue {
    case noAgreement = "no_agreement", stoppedByParty = "stopped_by_party", recurrence
    case escalationRisk = "escalation_risk", escalationCrime = "escalation_crime", completed
    /// The case was corrected after intake and the law no longer allows mediating it.
    case notEligible = "not_eligible"
    public static let codeNamespace = "mediationEnd"
}
