/// Why mediation was escalated: a risk to life or health, or signs of a crime.
public enum Escalation: String, CodedValue {
    case none, risk, crime
    public static let codeNamespace = "escalation"
}

/// A mediator as the composition rules see them.
public struct MediatorProfile: Sendable, Equatable {
    public let id: String
    public let sex: Sex
    public let ethnicity: EthnicityGroup
    public init(id: String, sex: Sex, ethnicity: EthnicityGroup) { self.id = id; self.sex = sex; self.ethnicity = ethnicity }
}

/// One reason, with the rule that gave it.
public struct PolicyReason: Sendable, Equatable, Codable {
    public let rule: String
    public let message: LocalizedText
    public init(rule: String, message: LocalizedText) { self.rule = rule; self.message = message }
}

/// The mediation policy of `mediation.yaml`: eligibility, team composition, schedule.
public struct MediationPolicy: Sendable, Equatable {
    /// A refusal rule: when its condition holds, mediation is refused with its reason.
    public struct Refusal: Sendable, Equatable {
        public let id: String
        public let when: Condition
        public let reason: LocalizedText
    }

    public let refusals: [Refusal]
    /// The reason given when a routing rule that blocks mediation fired (its own reason follows).
    public let routingBlockReason: LocalizedText
    /// The reason given once violence recurred after mediation.
    public let recurrenceReason: LocalizedText
    public let minimumMembers: Int
    public let minimumWomen: Int
    public let minorityMediatorInFlaggedCommunes: Bool
    public let startWithinDays: Int
    public let followUpDays: [Int]
    public let recurrenceWindowDays: Int

    /// Whether a case may go to grassroots mediation, with every reason it may not.
    ///
    /// The refusals read the facts as routing saw them (commune flags, held referrals), plus
    /// any referral `facts` says is held in the store.
    public func eligibility(_ given: RoutingFacts, decision: RoutingDecision, blockedByRecurrence: Bool) -> [PolicyReason] {
        var facts = decision.facts
        facts.heldReferrals.formUnion(given.heldReferrals)
        var reasons: [PolicyReason] = []
        if blockedByRecurrence { reasons.append(PolicyReason(rule: "recurrence", message: recurrenceReason)) }
        for block in decision.mediationBlocks {
            reasons.append(PolicyReason(rule: block.rule, message: LocalizedText(
                vi: "\(routingBlockReason.vi): \(block.reason.vi)", en: "\(routingBlockReason.en): \(block.reason.en)")))
        }
        for refusal in refusals {
            var ignored: [String] = []
            if Policy.evaluate(refusal.when, facts, &ignored) { reasons.append(PolicyReason(rule: refusal.id, message: refusal.reason)) }
        }
        return reasons
    }

    /// Whether a team may take a case in `commune`, after removing conflicted members.
    public func teamReasons(_ members: [MediatorProfile], commune: Commune, conflicted: Set<String>) -> [PolicyReason] {
        let available = members.filter { !conflicted.contains($0.id) }
        var reasons: [PolicyReason] = []
        if available.count < minimumMembers {
            reasons.append(PolicyReason(rule: "too-few-mediators", message: LocalizedText(
                vi: "Tổ hòa giải cần ít nhất \(minimumMembers) hòa giải viên không có xung đột lợi ích (hiện có \(available.count))",
                en: "The team needs at least \(minimumMembers) mediators without a conflict of interest (it has \(available.count))")))
        }
        if available.filter({ $0.sex == .female }).count < minimumWomen {
            reasons.append(PolicyReason(rule: "no-woman-mediator", message: LocalizedText(
                vi: "Tổ hòa giải cần ít nhất \(minimumWomen) hòa giải viên nữ", en: "The team needs at least \(minimumWomen) woman mediator")))
        }
        if minorityMediatorInFlaggedCommunes && commune.largeEthnicMinorityPopulation && !available.contains(where: { $0.ethnicity.isMinority }) {
            reasons.append(PolicyReason(rule: "no-minority-mediator", message: LocalizedText(
                vi: "Tại \(commune.name), tổ hòa giải cần ít nhất một hòa giải viên người dân tộc thiểu số",
                en: "In \(commune.name), the team needs at least one ethnic-minority mediator")))
        }
        return reasons
    }

    /// Parses `mediation.yaml`.
    public init(yaml text: String, agencies: [String] = []) throws(CoreError) {
        let root = try PolicyNode.parse(text, file: "mediation.yaml")
        let top = try root.mapping(allowed: ["eligibility", "team", "schedule"])
        let eligibilityNode = try top.required("eligibility", in: root)
        let eligibility = try eligibilityNode.mapping(allowed: ["routingBlockReason", "recurrenceReason", "refuseWhen"])
        var refusals: [Refusal] = []
        for item in try eligibility.required("refuseWhen", in: eligibilityNode).sequence() {
            let m = try item.mapping(allowed: ["id", "when", "reason"])
            let idNode = try m.required("id", in: item)
            let id = try idNode.string()
            guard !refusals.contains(where: { $0.id == id }) else { throw idNode.error("the refusal id '\(id)' appears twice") }
            refusals.append(Refusal(id: id, when: try Policy.condition(try m.required("when", in: item), agencies: agencies),
                                    reason: try Policy.localized(try m.required("reason", in: item))))
        }
        let teamNode = try top.required("team", in: root)
        let team = try teamNode.mapping(allowed: ["minimumMembers", "minimumWomen", "minorityMediatorInFlaggedCommunes"])
        let scheduleNode = try top.required("schedule", in: root)
        let schedule = try scheduleNode.mapping(allowed: ["startWithinDays", "followUpDays", "recurrenceWindowDays"])
        var followUps: [Int] = []
        for item in try schedule.required("followUpDays", in: scheduleNode).sequence() {
            let days = try item.int()
            guard days > 0, days > (followUps.last ?? 0) else { throw item.error("follow-up days are positive and increasing") }
            followUps.append(days)
        }
        let minimum = try team.required("minimumMembers", in: teamNode)
        guard try minimum.int() >= 1 else { throw minimum.error("a team has at least one member") }
        self.init(refusals: refusals,
                  routingBlockReason: try Policy.localized(try eligibility.required("routingBlockReason", in: eligibilityNode)),
                  recurrenceReason: try Policy.localized(try eligibility.required("recurrenceReason", in: eligibilityNode)),
                  minimumMembers: try minimum.int(), minimumWomen: try team.required("minimumWomen", in: teamNode).int(),
                  minorityMediatorInFlaggedCommunes: try team["minorityMediatorInFlaggedCommunes"]?.bool() ?? true,
                  startWithinDays: try schedule.required("startWithinDays", in: scheduleNode).int(), followUpDays: followUps,
                  recurrenceWindowDays: try schedule["recurrenceWindowDays"]?.int() ?? 365)
    }

    public init(refusals: [Refusal], routingBlockReason: LocalizedText, recurrenceReason: LocalizedText, minimumMembers: Int,
                minimumWomen: Int, minorityMediatorInFlaggedCommunes: Bool, startWithinDays: Int, followUpDays: [Int],
                recurrenceWindowDays: Int) {
        self.refusals = refusals; self.routingBlockReason = routingBlockReason; self.recurrenceReason = recurrenceReason
        self.minimumMembers = minimumMembers; self.minimumWomen = minimumWomen
        self.minorityMediatorInFlaggedCommunes = minorityMediatorInFlaggedCommunes; self.startWithinDays = startWithinDays
        self.followUpDays = followUpDays; self.recurrenceWindowDays = recurrenceWindowDays
    }
}
