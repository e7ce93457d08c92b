import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// The difference re-routing made.
public struct RouteResult: Sendable, Equatable {
    public let policyHash: String
    public let added: [ReferralSummary]
    public let raised: [ReferralSummary]
    public let unchanged: [ReferralSummary]
    /// Referrals the active policy would not make; they are kept.
    public let notReferred: [ReferralSummary]
    public let blocksMediation: Bool
}

/// Why routing decides what it decides, and what each agency would receive.
public struct Explanation: Sendable, Equatable {
    public let decision: RoutingDecision
    /// Agency → the sealed fields its packet would hold.
    public let receives: [String: [String]]
    /// Why grassroots mediation would be refused (empty: it may be opened).
    public let mediation: [PolicyReason]
}

extension HavenService {
    /// Re-routes a case under the active policy (or with recurrence as a fact), adding what
    /// is new and raising what rose, in one transaction.
    public func reroute(_ idText: String, forceRepeat: Bool = false, by actor: Caller) async throws -> RouteResult {
        let record = try await load(idText, action: .caseRoute, by: actor)
        return try await reroute(record, forceRepeat: forceRepeat, actor: actor)
    }

    /// Re-routes a loaded case in its own transaction.
    func reroute(_ record: CaseRecord, forceRepeat: Bool, actor: Caller) async throws -> RouteResult {
        let sealed = try sealedValues(record)
        return try await work(actor) { w in try Router.reroute(record, sealed: sealed, forceRepeat: forceRepeat, w) }
    }

    /// Explains routing for a stored case (read-only; the read of its incident date is audited).
    public func explain(caseID idText: String, by actor: Caller) async throws -> Explanation {
        let record = try await load(idText, action: .policyExplainCase, by: actor)
        let sealed = try sealedValues(record)
        let policy = context.policy
        let (facts, held) = try await work(actor) { w in
            try w.audit(.policyExplainCase, target: record.id.rawValue)
            let facts = try Router.facts(of: record, sealed: sealed, forceRepeat: false, tx: w.tx, keyring: w.keyring, now: w.now,
                                         regions: w.policy.regions)
            let held = Set(try w.tx.referrals(ReferralFilter(caseID: record.id.rawValue)).filter { $0.status == .held }.map(\.agency))
            return (facts, held)
        }
        var withHeld = facts
        withHeld.heldReferrals = held
        return explanation(policy: policy, facts: withHeld, blockedByRecurrence: record.mediationBlocked == "recurrence")
    }

    /// Explains routing for an intake form that is not stored (nothing is written).
    public func explain(form: IntakeForm, by actor: Caller) async throws -> Explanation {
        try await require(actor, .policyExplain)
        let prepared = try prepare(form)
        let now = context.clock.now()
        var facts = RoutingFacts(facts: prepared.facts, repeatSurvivor: false,
                                 incidentDaysSince: form.incident.date.map { max(0, $0.days(to: context.regions.localDate(now))) })
        facts.guardianConsent = form.carer.consented
        return explanation(policy: context.policy, facts: facts)
    }

    /// A form explained without the store: repeats (by survivor, or by the same perpetrator)
    /// are not looked up, so `--from` cannot be used to ask whether a person has a case.
    func explanation(policy: Policy, facts: RoutingFacts, blockedByRecurrence: Bool = false) -> Explanation {
        let decision = policy.route(facts)
        var receives: [String: [String]] = [:]
        for referral in decision.referrals {
            guard let agency = policy.agency(referral.agency) else { continue }
            receives[referral.agency] = ReferralPacket.fields(for: agency, withoutConsent: referral.mandatory && !referral.consented).map(\.rawValue)
        }
        let mediation = policy.mediation.eligibility(facts, decision: decision, blockedByRecurrence: blockedByRecurrence)
        return Explanation(decision: decision, receives: receives, mediation: mediation)
    }

    /// Validates and tests a policy, stores it as a new version and makes it active. Cases
    /// keep the hash they were routed under; `haven route` re-routes one under the new one.
    public func activatePolicy(files: [String: String], tests: [String: String], by actor: Caller) async throws -> Policy {
        try await require(actor, .policyActivate)
        let previous = context.live.policy.hash
        let policy = try PolicyLoader.load(files)
        let failed = try PolicyLoader.runTests(tests, policy: policy).filter { !$0.passed }
        guard failed.isEmpty else { throw HavenError.policyTestsFailed(count: failed.count) }
        try await work(actor) { w in
            try w.tx.insertPolicyVersion(PolicyVersion(hash: policy.hash, files: policy.files, activatedAt: w.now, activatedBy: actor.id))
            try w.tx.setMeta(StoreSetup.metaActivePolicy, policy.hash)
            try StoreSignature.sign(.activePolicy, "active", value: Data(policy.hash.utf8), tx: w.tx, keyring: w.keyring)
            try w.audit(.policyActivate, target: policy.hash, detail: "rules=\(policy.rules.count) agencies=\(policy.agencies.count)")
        }
        _ = context.live.replace(policy: policy, ifStillAt: previous)
        context.logger.notice("policy activated", metadata: ["policy": .string(policy.hash), "actor": .string(actor.id)])
        return policy
    }

    /// Every stored policy version, oldest first.
    public func policyVersions(by actor: Caller) async throws -> [PolicyVersion] {
        try await require(actor, .policyActivate)
        return try await query { try $0.policyVersions() }
    }
}
