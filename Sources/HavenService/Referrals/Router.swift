import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Routing inside a write transaction: facts at routing time, referrals made or raised,
/// packets sealed when a referral is sent.
enum Router {
    /// How long an earlier case of the same survivor makes this one a repeat.
    static let repeatWindow: TimeInterval = 365 * 86_400

    /// The routing facts of a case at `now`.
    static func facts(_ facts: CaseFacts, caseID: CaseID, blindIndex: String?, pairIndex: String?, incidentDate: LocalDate?,
                      forceRepeat: Bool, escalation: Escalation = .none, mediationRecurred: Bool = false,
                      guardianConsent: Bool? = nil, tx: any StoreReader, now: Date, regions: RegionCatalog) throws -> RoutingFacts {
        func earlier(_ cases: [(id: CaseID, reportedAt: Date)]) -> Bool {
            cases.contains { earlier in
                earlier.id != caseID && earlier.reportedAt <= facts.reportedAt
                    && facts.reportedAt.timeIntervalSince(earlier.reportedAt) <= repeatWindow
            }
        }
        var repeatSurvivor = forceRepeat
        let survivorRepeat = try blindIndex.map { earlier(try tx.cases(blindIndex: $0)) } ?? false
        if !repeatSurvivor { repeatSurvivor = survivorRepeat }
        // The same pair again counts only for a distinct, earlier incident: the earlier case
        // was reported before this incident happened (a second report of one incident is no
        // repeat). Unknown when that cannot be told.
        let samePerpetrator: Bool?
        if let pairIndex {
            let pairs = try tx.cases(pairIndex: pairIndex).filter { $0.id != caseID && $0.reportedAt <= facts.reportedAt
                && facts.reportedAt.timeIntervalSince($0.reportedAt) <= repeatWindow }
            if pairs.isEmpty {
                samePerpetrator = false
            } else if let incidentDate {
                let incidentStart = incidentDate.startInstant(utcOffsetSeconds: regions.utcOffsetSeconds)
                samePerpetrator = pairs.contains { $0.reportedAt < incidentStart } ? true : nil
            } else {
                samePerpetrator = nil
            }
        } else {
            samePerpetrator = survivorRepeat ? nil : false
        }
        let today = regions.localDate(now)
        var routing = RoutingFacts(facts: facts, repeatSurvivor: repeatSurvivor,
                                   incidentDaysSince: incidentDate.map { max(0, $0.days(to: today)) }, escalation: escalation,
                                   mediationRecurred: mediationRecurred, repeatSamePerpetrator: samePerpetrator)
        routing.guardianConsent = guardianConsent
        return routing
    }

    /// The pair index of a stored case: its own, or computed from its sealed values (cases
    /// logged before pair indexes existed) and recorded when `tx` can write.
    static func pairIndex(of record: CaseRecord, sealed: [SealedField: String], keyring: Keyring) -> String? {
        record.pairIndex ?? BlindIndex.pair(survivorName: sealed[.survivorName], birthYear: sealed[.survivorBirthYear].flatMap { Int($0) },
                                            perpetratorName: sealed[.perpetratorName], key: keyring.blindIndexKey)
    }

    /// The routing facts of a stored case (its escalation included).
    static func facts(of record: CaseRecord, sealed: [SealedField: String], forceRepeat: Bool, tx: any StoreReader,
                      keyring: Keyring, now: Date, regions: RegionCatalog) throws -> RoutingFacts {
        try facts(record.facts, caseID: record.id, blindIndex: record.blindIndex,
                  pairIndex: pairIndex(of: record, sealed: sealed, keyring: keyring),
                  incidentDate: sealed[.incidentDate].flatMap(LocalDate.init(iso:)), forceRepeat: forceRepeat,
                  escalation: record.escalation, mediationRecurred: record.mediationBlocked == "recurrence",
                  guardianConsent: guardianConsent(sealed), tx: tx, now: now, regions: regions)
    }

    /// A child's guardian's consent from the sealed `carer.consent` ("yes"/"no"; nil otherwise).
    static func guardianConsent(_ sealed: [SealedField: String]) -> Bool? {
        switch sealed[.carerConsent] { case "yes": true; case "no": false; default: nil }
    }

    /// Re-routes a stored case inside the caller's transaction, with its timeline entry and audit.
    static func reroute(_ record: CaseRecord, sealed: [SealedField: String], forceRepeat: Bool, _ w: Work) throws -> RouteResult {
        if record.pairIndex == nil, let pair = pairIndex(of: record, sealed: sealed, keyring: w.keyring) {
            try w.tx.setPairIndex(record.id, pair)
            try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
        }
        let facts = try facts(of: record, sealed: sealed, forceRepeat: forceRepeat, tx: w.tx, keyring: w.keyring, now: w.now,
                                regions: w.policy.regions)
        let decision = w.policy.route(facts)
        let existing = try w.tx.referrals(ReferralFilter(caseID: record.id.rawValue))
        let changes = try apply(decision, caseID: record.id, facts: record.facts, sealed: sealed, existing: existing, w)
        try w.event(record.id, .routed, detail: "policy=\(w.policy.hash.prefix(19))\(forceRepeat ? " repeat" : "")\(record.escalation != .none ? " escalation=\(record.escalation.rawValue)" : "")")
        try w.audit(.caseRoute, target: record.id.rawValue, detail: auditDetail(changes, policy: w.policy.hash))
        return RouteResult(policyHash: w.policy.hash, added: changes.added.map { ReferralSummary($0, now: w.now) },
                           raised: changes.raised.map { ReferralSummary($0.to, now: w.now) },
                           unchanged: changes.unchanged.map { ReferralSummary($0, now: w.now) },
                           notReferred: changes.notReferred.map { ReferralSummary($0, now: w.now) },
                           blocksMediation: decision.blocksMediation)
    }

    /// The clear values of a case's sealed fields, inside a transaction.
    static func sealedValues(_ record: CaseRecord, keyring: Keyring) throws -> [SealedField: String] {
        let key: SymmetricKey
        do {
            key = try FieldCipher.unwrap(record.wrappedDataKey, caseID: record.id.rawValue, version: record.keyVersion, keyring: keyring)
        } catch {
            throw HavenError.tampered(caseID: record.id.rawValue, field: "data key")
        }
        try CaseIntegrity.check(record, dataKey: key)
        var values: [SealedField: String] = [:]
        for (name, ciphertext) in record.sealed {
            guard let field = SealedField(rawValue: name) else { continue }
            guard let data = try? FieldCipher.open(ciphertext, caseID: record.id.rawValue, field: name, key: key),
                  let text = String(data: data, encoding: .utf8) else {
                throw HavenError.tampered(caseID: record.id.rawValue, field: name)
            }
            values[field] = text
        }
        return values
    }

    /// What applying a decision changed.
    struct Changes: Sendable {
        var added: [ReferralRecord] = []
        var raised: [(from: Priority, to: ReferralRecord)] = []
        var unchanged: [ReferralRecord] = []
        /// Referrals the policy no longer makes; they are kept (nothing is ever unsent).
        var notReferred: [ReferralRecord] = []
    }

    /// Applies `decision` to a case: one referral per agency. A new agency gets a new
    /// referral (sent, or held without consent); an open referral whose priority rose is
    /// raised; nothing is withdrawn.
    static func apply(_ decision: RoutingDecision, caseID: CaseID, facts: CaseFacts, sealed: [SealedField: String],
                      existing: [ReferralRecord], _ w: Work) throws -> Changes {
        var changes = Changes()
        for wanted in decision.referrals {
            guard let agency = w.policy.agency(wanted.agency) else { continue }
            if var current = existing.first(where: { $0.agency == wanted.agency }) {
                let open = [.held, .pending, .acknowledged, .accepted].contains(current.status)
                let upgraded = (wanted.mandatory && !current.mandatory) || wanted.priority > current.priority
                if open && upgraded {
                    let from = current.priority
                    current.priority = max(current.priority, wanted.priority)
                    current.mandatory = current.mandatory || wanted.mandatory
                    current.legalBases = Array(Set(current.legalBases + wanted.legalBases)).sorted()
                    current.rules = current.rules + wanted.rules.filter { !current.rules.contains($0) }
                    current.policyHash = decision.policyHash
                    if current.status == .held && current.mandatory {
                        try send(&current, agency: agency, facts: facts, sealed: sealed, policy: w.policy, tx: w.tx, keyring: w.keyring, now: w.now)
                    } else if current.status == .pending, let sent = current.sentAt {
                        current.dueBy = sent.addingTimeInterval(TimeInterval(agency.deadlines[current.priority] ?? 0))
                        try seal(&current, agency: agency, facts: facts, sealed: sealed, policy: w.policy, tx: w.tx, keyring: w.keyring)
                    }
                    try w.tx.updateReferral(current)
                    changes.raised.append((from, current))
                } else {
                    changes.unchanged.append(current)
                }
                continue
            }
            var referral = ReferralRecord(
                id: w.newID("R", length: 8), caseID: caseID.rawValue, agency: wanted.agency,
                priority: wanted.priority, status: .held, mandatory: wanted.mandatory, legalBases: wanted.legalBases,
                rules: wanted.rules, policyHash: decision.policyHash, commune: facts.commune, createdAt: w.now)
            if !wanted.held {
                try send(&referral, agency: agency, facts: facts, sealed: sealed, policy: w.policy, tx: w.tx, keyring: w.keyring, now: w.now)
            }
            try w.tx.insertReferral(referral)
            try w.event(caseID, referral.status == .held ? .referralHeld : .referralSent, detail: "referral=\(referral.id) agency=\(referral.agency) priority=\(referral.priority.rawValue)\(referral.mandatory ? " mandatory" : "")")
            changes.added.append(referral)
        }
        changes.notReferred = existing.filter { old in !decision.referrals.contains { $0.agency == old.agency } }
        return changes
    }

    /// Marks a referral sent now, with its due time, and seals its packet.
    static func send(_ referral: inout ReferralRecord, agency: Agency, facts: CaseFacts, sealed: [SealedField: String],
                     policy: Policy?, tx: any StoreReader, keyring: Keyring, now: Date) throws {
        referral.status = .pending
        referral.sentAt = now
        referral.dueBy = now.addingTimeInterval(TimeInterval(agency.deadlines[referral.priority] ?? 0))
        try seal(&referral, agency: agency, facts: facts, sealed: sealed, policy: policy, tx: tx, keyring: keyring)
    }

    /// Seals the packet to the agency's public key and signs it; leaves it unsealed (to be
    /// sealed by `agency keygen`) while the agency has no key.
    static func seal(_ referral: inout ReferralRecord, agency: Agency, facts: CaseFacts, sealed: [SealedField: String],
                     policy: Policy?, tx: any StoreReader, keyring: Keyring) throws {
        // A key swapped in with sqlite3 would let its holder read every later packet: such a key
        // is no key. The referral stays unsealed (the case itself is kept), and `audit verify`
        // reports the setting until `agency keygen --replace` makes a signed one.
        guard let raw = try tx.agencyKey(agency.id),
              try StoreSignature.isValid(.agencyKey, agency.id, value: raw, tx: tx, keyring: keyring) else {
            referral.packet = nil
            referral.signature = nil
            referral.indexSignature = nil
            return
        }
        let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw)
        let value = ReferralPacket.make(referral: referral, facts: facts, sealed: sealed, agency: agency, policy: policy)
        let content = try ReferralPacket.encoder.encode(value)
        let packet = try ReferralSeal.seal(content, to: recipient, referralID: referral.id, agency: agency.id)
        referral.packet = packet
        referral.signature = try ReferralSeal.sign(packet, referralID: referral.id, agency: agency.id, keyring: keyring)
        // The terms as the agency will read them from the plaintext: strings exactly, times in
        // the whole seconds that survive the packet's encoding (a test decodes and compares).
        let bytes = ReferralIndex(packet: value).signedBytes(referralID: referral.id, packetHash: Data(SHA256.hash(data: packet)),
                                                             contentHash: Data(SHA256.hash(data: content)))
        referral.indexSignature = try keyring.auditSigningKey.signature(for: bytes)
    }

    /// A one-line coded summary of changes, for the audit entry.
    static func auditDetail(_ changes: Changes, policy: String) -> String {
        let added = changes.added.map { "\($0.agency):\($0.priority.rawValue):\($0.status.rawValue)" }
        let raised = changes.raised.map { "\($0.to.agency):\($0.from.rawValue)>\($0.to.priority.rawValue)" }
        return "policy=\(policy) added=\(added.joined(separator: ",")) raised=\(raised.joined(separator: ","))"
    }
}
