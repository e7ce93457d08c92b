/// What routing decided for one agency.
public struct AgencyDecision: Sendable, Equatable {
    public let agency: String
    public let priority: Priority
    public let mandatory: Bool
    /// Legal bases of the mandatory rules that referred the agency.
    public let legalBases: [String]
    /// Ids of every rule that referred the agency (all reasons are kept).
    public let rules: [String]
    /// Whether the survivor's consent covers this referral (irrelevant when mandatory).
    public let consented: Bool

    /// Held: not mandatory and without consent; sent only once consent is recorded.
    public var held: Bool { !mandatory && !consented }

    /// Whether consent covers a referral to `agency`: the survivor's consent to it (the
    /// police's own flag, or the referral flag) and, for a child, their parent's or
    /// guardian's; a guardian's "no" withholds it at any age.
    public static func consentCovers(_ agency: Agency, consent: IntakeForm.Consent, survivorAge: Int?, guardianConsent: Bool?) -> Bool {
        let survivor = agency.consent == .police ? consent.police : consent.referral
        if guardianConsent == false { return false }
        if let age = survivorAge, age < 18, guardianConsent != true { return false }
        return survivor
    }
}

/// How one rule was evaluated.
public struct RuleTrace: Sendable, Equatable {
    public let rule: String
    public let fired: Bool
    /// Each fact test with its outcome and the case's value, e.g. "acts has any of [rape]: no (beating, threats)".
    public let tests: [String]
}

/// The result of routing one case under one policy.
public struct RoutingDecision: Sendable, Equatable {
    public let policyHash: String
    public let referrals: [AgencyDecision]
    /// Rules that fired and block mediation, with their reasons.
    public let mediationBlocks: [(rule: String, reason: LocalizedText)]
    public let traces: [RuleTrace]
    /// The facts as routing saw them: commune flags filled in, held referrals of this decision added.
    public let facts: RoutingFacts

    public static func == (a: RoutingDecision, b: RoutingDecision) -> Bool {
        a.policyHash == b.policyHash && a.referrals == b.referrals && a.traces == b.traces
            && a.mediationBlocks.map(\.rule) == b.mediationBlocks.map(\.rule)
    }

    public var blocksMediation: Bool { !mediationBlocks.isEmpty }
    public func referral(_ agency: String) -> AgencyDecision? { referrals.first { $0.agency == agency } }
}

extension Policy {
    /// Routes a case: every rule is evaluated; one referral per agency, with the highest
    /// priority of the rules that referred it, mandatory when any of them is, all their ids
    /// and legal bases kept; then, if any fired rule raises priority, every referral is
    /// raised one step (capped at urgent).
    public func route(_ given: RoutingFacts) -> RoutingDecision {
        var facts = given
        if let commune = regions.commune(facts.facts.commune) {
            facts.communeExtremelyDisadvantaged = facts.communeExtremelyDisadvantaged || commune.extremelyDisadvantaged
            facts.communeLargeEthnicMinority = facts.communeLargeEthnicMinority || commune.largeEthnicMinorityPopulation
        }
        var traces: [RuleTrace] = []
        var fired: [Rule] = []
        for rule in rules {
            var tests: [String] = []
            let matched = Self.evaluate(rule.when, facts, &tests)
            traces.append(RuleTrace(rule: rule.id, fired: matched, tests: tests))
            if matched { fired.append(rule) }
        }
        let raise = fired.contains(where: \.raisesPriority)
        var order: [String] = []
        var merged: [String: (priority: Priority, mandatory: Bool, bases: [String], rules: [String])] = [:]
        for rule in fired {
            for agency in rule.refer {
                if merged[agency] == nil { order.append(agency); merged[agency] = (rule.priority, false, [], []) }
                var entry = merged[agency]!
                entry.priority = max(entry.priority, rule.priority)
                if rule.mandatory {
                    entry.mandatory = true
                    if let basis = rule.legalBasis, !entry.bases.contains(basis) { entry.bases.append(basis) }
                }
                entry.rules.append(rule.id)
                merged[agency] = entry
            }
        }
        let consent = facts.facts.consent
        let referrals = order.compactMap { id -> AgencyDecision? in
            guard let entry = merged[id], let agency = agency(id) else { return nil }
            let consented = AgencyDecision.consentCovers(agency, consent: consent, survivorAge: facts.facts.survivorAge,
                                                         guardianConsent: facts.guardianConsent)
            return AgencyDecision(agency: id, priority: raise ? entry.priority.raised : entry.priority, mandatory: entry.mandatory,
                                  legalBases: entry.bases, rules: entry.rules, consented: consented)
        }
        facts.heldReferrals.formUnion(referrals.filter(\.held).map(\.agency))
        return RoutingDecision(policyHash: hash, referrals: referrals,
                               mediationBlocks: fired.compactMap { rule in rule.blocksMediation.map { (rule.id, $0) } },
                               traces: traces, facts: facts)
    }

    static func evaluate(_ condition: Condition, _ facts: RoutingFacts, _ tests: inout [String]) -> Bool {
        switch condition {
        case .all(let parts):
            var result = true
            for part in parts where !evaluate(part, facts, &tests) { result = false }
            return result
        case .any(let parts):
            var result = false
            for part in parts where evaluate(part, facts, &tests) { result = true }
            return result
        case .not(let inner):
            var inside: [String] = []
            let value = evaluate(inner, facts, &inside)
            tests.append(contentsOf: inside.map { "not (\($0))" })
            return !value
        case let .test(fact, test):
            let value = facts.value(fact)
            let (matched, description) = Self.check(fact, test, value)
            tests.append("\(description): \(matched ? "yes" : "no")")
            return matched
        }
    }

    static func check(_ fact: Fact, _ test: Condition.Test, _ value: RoutingFacts.Value) -> (Bool, String) {
        switch (test, value) {
        case let (.oneOf(options), .codes(actual)):
            let shown = actual.isEmpty ? "none" : actual.sorted().joined(separator: ", ")
            return (!actual.isDisjoint(with: options), "\(fact.rawValue) is any of [\(options.joined(separator: ", "))] (\(shown))")
        case let (.compare(op, bound), .number(actual)):
            let text = "\(fact.rawValue) \(op.rawValue) \(bound) (\(actual.map(String.init) ?? "unknown"))"
            guard let actual else { return (false, text) }
            let result = switch op {
            case .lt: actual < bound
            case .lte: actual <= bound
            case .gt: actual > bound
            case .gte: actual >= bound
            case .eq: actual == bound
            }
            return (result, text)
        case let (.flag(expected), .flag(actual)):
            return (actual == expected, "\(fact.rawValue) is \(expected) (\(actual))")
        case let (.flag(expected), .tristate(actual)):
            return (actual == expected, "\(fact.rawValue) is \(expected) (\(actual.map(String.init) ?? "unknown"))")
        case let (.unknown, .tristate(actual)):
            return (actual == nil, "\(fact.rawValue) is unknown (\(actual.map(String.init) ?? "unknown"))")
        case let (.unknown, .number(actual)):
            return (actual == nil, "\(fact.rawValue) is unknown (\(actual.map(String.init) ?? "unknown"))")
        default:
            return (false, "\(fact.rawValue): a test of the wrong kind")
        }
    }
}
