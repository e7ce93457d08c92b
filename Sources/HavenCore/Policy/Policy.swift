/// Referral priority. Order matters: urgent is the highest.
public enum Priority: String, CodedValue, Comparable {
    case normal, high, urgent
    public static let codeNamespace = "priority"

    /// One step higher, capped at urgent.
    public var raised: Priority { self == .normal ? .high : .urgent }

    public static func < (a: Priority, b: Priority) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Text in both languages, as policy files give it.
public struct LocalizedText: Sendable, Equatable, Codable {
    public let vi: String
    public let en: String
    public init(vi: String, en: String) { self.vi = vi; self.en = en }
    public func text(_ language: Language) -> String { language == .vi ? vi : en }
}

/// Which consent lets a non-mandatory referral to an agency be sent.
public enum ConsentKind: String, CodedValue {
    /// `consent.referral`: referral to services.
    case referral
    /// `consent.police`: referral to the police.
    case police
    public static let codeNamespace = "consentKind"
}

/// An agency of `agencies.yaml`.
public struct Agency: Sendable, Equatable {
    public let id: String
    public let name: LocalizedText
    public let kind: String
    public let consent: ConsentKind
    /// Seconds allowed from sending to acknowledgement, per priority.
    public let deadlines: [Priority: Int]
    /// The sealed fields a packet to this agency may hold (data minimisation).
    public let receives: [SealedField]
    /// What a mandatory referral sent without the survivor's consent may hold: only what the
    /// agency needs to act. Safe-contact fields are in every packet.
    public var receivesWithoutConsent: [SealedField] = []
}

/// A condition over named facts.
public indirect enum Condition: Sendable, Equatable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(Fact, Test)

    /// A test of one fact.
    public enum Test: Sendable, Equatable {
        /// The fact is (or, for a set, holds) one of these codes.
        case oneOf([String])
        /// A number compared with a bound.
        case compare(Comparison, Int)
        /// A flag equals this value (an unknown tri-state flag never equals true or false).
        case flag(Bool)
        /// The fact is unknown: a number or tri-state flag that was not recorded.
        case unknown
    }

    public enum Comparison: String, Sendable, CaseIterable { case lt, lte, gt, gte, eq }
}

/// A routing rule of `routing.yaml`.
public struct Rule: Sendable, Equatable {
    public let id: String
    public let description: LocalizedText
    public let when: Condition
    public let refer: [String]
    public let priority: Priority
    public let mandatory: Bool
    public let legalBasis: String?
    /// Set when the rule forbids grassroots mediation, with the reason.
    public let blocksMediation: LocalizedText?
    public let raisesPriority: Bool
}

/// The risk screen of `risk.yaml`: how answers give a level.
public struct RiskPolicy: Sendable, Equatable {
    public let questionCount: Int
    /// High when any of these questions (1-based) is answered yes…
    public let anyYesOf: [Int]
    /// …or when at least `count` of `of` are.
    public let atLeast: (count: Int, of: [Int])

    public static func == (a: RiskPolicy, b: RiskPolicy) -> Bool {
        a.questionCount == b.questionCount && a.anyYesOf == b.anyYesOf && a.atLeast.count == b.atLeast.count && a.atLeast.of == b.atLeast.of
    }

    /// The Lethality Assessment Program screen: any of 1–3, or 4 of 4–11.
    public static let lap = RiskPolicy(questionCount: 11, anyYesOf: [1, 2, 3], atLeast: (4, Array(4...11)))
    /// The short danger screen for violence by someone other than a partner: any yes.
    public static let danger = RiskPolicy(questionCount: 4, anyYesOf: [1, 2, 3, 4], atLeast: (1, []))

    public init(questionCount: Int, anyYesOf: [Int], atLeast: (count: Int, of: [Int])) {
        self.questionCount = questionCount; self.anyYesOf = anyYesOf; self.atLeast = atLeast
    }

    /// The level of a screen's answers. High as soon as the answers given make it high;
    /// standard only when the unanswered questions could not make it high; otherwise the
    /// screen is incomplete and the level is unknown (an unasked lethality question must not
    /// read as "no").
    public func level(_ answers: [Bool?]) -> RiskLevel {
        guard answers.contains(where: { $0 != nil }) else { return .unknown }
        func yes(_ n: Int) -> Bool { n >= 1 && n <= answers.count && answers[n - 1] == true }
        func unanswered(_ n: Int) -> Bool { n < 1 || n > answers.count || answers[n - 1] == nil }
        if anyYesOf.contains(where: yes) { return .high }
        let yesCount = atLeast.of.filter(yes).count
        if yesCount >= atLeast.count { return .high }
        if anyYesOf.contains(where: unanswered) { return .unknown }
        if yesCount + atLeast.of.filter(unanswered).count >= atLeast.count { return .unknown }
        return .standard
    }
}

/// A complete, validated policy: the files of `Policies/<province>/` as typed values, with
/// the content hash that every decision records.
public struct Policy: Sendable {
    public let hash: String
    public let regions: RegionCatalog
    public let agencies: [Agency]
    public let rules: [Rule]
    public let risk: RiskPolicy
    /// The screen for violence by someone other than a partner (`others:` in risk.yaml).
    public var dangerRisk: RiskPolicy = .danger
    public let mediation: MediationPolicy
    public let disclosure: DisclosurePolicy
    /// The policy's files (name → text), as stored and hashed.
    public let files: [String: String]

    public init(hash: String, regions: RegionCatalog, agencies: [Agency], rules: [Rule], risk: RiskPolicy,
                mediation: MediationPolicy, disclosure: DisclosurePolicy, files: [String: String]) {
        self.hash = hash; self.regions = regions; self.agencies = agencies; self.rules = rules; self.risk = risk
        self.mediation = mediation; self.disclosure = disclosure; self.files = files
    }

    public func agency(_ id: String) -> Agency? { agencies.first { $0.id == id } }

    /// The files every policy must have.
    /// `disclosure.yaml` may be absent (stores made before it existed): k = 5 then.
    public static let requiredFiles = ["agencies.yaml", "routing.yaml", "risk.yaml", "regions.yaml", "mediation.yaml"]
}
