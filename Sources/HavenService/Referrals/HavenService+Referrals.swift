import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// A referral opened with its agency's private key.
public struct OpenedReferral: Sendable, Equatable {
    public let summary: ReferralSummary
    public let packet: ReferralPacket
}

extension HavenService {
    // MARK: - Inbox

    /// The referrals sent to the caseworker's agency, most urgent and soonest due first.
    ///
    /// Held referrals are not in any inbox: they were not sent, and the agency must not learn
    /// of a case the survivor did not agree to refer.
    public func listReferrals(agency: String, status: ReferralStatus? = nil, overdueOnly: Bool = false,
                              by actor: Caller) async throws -> [ReferralSummary] {
        try await require(actor, .referralList, agency: agency, target: agency)
        let now = context.clock.now()
        // Within the reuse window (a server), the inbox read by an earlier request, if this process
        // wrote nothing since: permission is still decided above for every request, and overdue
        // marks below are computed at `now`. (An overdue-only list read a moment ago can lack a
        // referral that fell due in that moment: it is as if the request had come then.)
        let key = LiveState.InboxKey(agency: agency, status: status, overdueOnly: overdueOnly)
        let records: [ReferralRecord]
        if let remembered = context.live.inbox(key, within: context.reuseWindow) {
            records = remembered
        } else {
            let epoch = context.live.writeEpoch
            let filter = ReferralFilter(agency: agency, status: status, overdueAt: overdueOnly ? now : nil, packets: false)
            // Bounded by one agency's referrals, on the (agency, status, due) index; one statement.
            records = try await briefStatement { try $0.referrals(filter) }
            context.live.remember(inbox: key, records, readIn: epoch, for: context.reuseWindow)
        }
        return records
            .filter { $0.status != .held }
            .map { ReferralSummary($0, now: now) }
            .filter { !overdueOnly || $0.overdue }
            .sorted { a, b in
                a.priority != b.priority ? a.priority > b.priority
                    : (a.dueBy ?? .distantFuture, a.id) < (b.dueBy ?? .distantFuture, b.id)
            }
    }

    /// A referral's sealed packet, for its agency's caseworker to open with the agency's key
    /// on their side (``ReferralOpener``): the service never receives a private key. Handing
    /// out the sealed packet is what is audited.
    public func fetchReferral(_ id: String, by actor: Caller) async throws -> SealedReferral {
        let referral = try await loadReferral(id, action: .referralShow, by: actor)
        guard let packet = referral.packet else {
            throw referral.status == .held ? HavenError.referralNotAllowed(id: id, status: .held, action: .referralShow)
                                            : HavenError.agencyHasNoKey(agency: referral.agency)
        }
        try await recordAllowed(actor, .referralShow, target: referral.id, detail: "agency=\(referral.agency)")
        return SealedReferral(summary: ReferralSummary(referral, now: context.clock.now()), packet: packet)
    }

    /// `pending → acknowledged`.
    public func acknowledgeReferral(_ id: String, by actor: Caller) async throws -> ReferralSummary {
        try await transition(id, action: .referralAck, from: [.pending], by: actor) { referral, now in
            referral.status = .acknowledged
            referral.acknowledgedAt = now
            return ""
        }
    }

    /// `pending | acknowledged → accepted`.
    public func acceptReferral(_ id: String, by actor: Caller) async throws -> ReferralSummary {
        try await transition(id, action: .referralAccept, from: [.pending, .acknowledged], by: actor) { referral, now in
            if referral.acknowledgedAt == nil { referral.acknowledgedAt = now }
            referral.status = .accepted
            referral.acceptedAt = now
            return ""
        }
    }

    /// `pending | acknowledged → declined`, with a coded reason; the case's timeline shows it
    /// to the field officer, and supervisors count it.
    public func declineReferral(_ id: String, reason: DeclineReason, by actor: Caller) async throws -> ReferralSummary {
        try await transition(id, action: .referralDecline, from: [.pending, .acknowledged], by: actor) { referral, now in
            if referral.acknowledgedAt == nil { referral.acknowledgedAt = now }
            referral.status = .declined
            referral.declinedAt = now
            referral.declineReason = reason
            return "reason=\(reason.rawValue)"
        }
    }

    /// `accepted → closed`, with an outcome and the actions taken.
    public func closeReferral(_ id: String, outcome: CaseOutcome, actions: [ReferralAction], by actor: Caller) async throws -> ReferralSummary {
        try await transition(id, action: .referralClose, from: [.accepted], by: actor) { referral, now in
            referral.status = .closed
            referral.closedAt = now
            referral.outcome = outcome
            referral.actions = actions
            return "outcome=\(outcome.rawValue) actions=\(actions.map(\.rawValue).joined(separator: ","))"
        }
    }

    /// Applies one lifecycle step in one transaction, with its timeline entry and audit.
    func transition(_ id: String, action: AuditAction, from allowed: [ReferralStatus], by actor: Caller,
                    _ change: @escaping @Sendable (inout ReferralRecord, Date) -> String) async throws -> ReferralSummary {
        _ = try await loadReferral(id, action: action, by: actor)
        return try await work(actor) { w in
            guard var referral = try w.tx.referral(id: id.uppercased()) else { throw HavenError.referralNotFound(id: id) }
            guard allowed.contains(referral.status) else {
                throw HavenError.referralNotAllowed(id: id, status: referral.status, action: action)
            }
            let detail = change(&referral, w.now)
            try w.tx.updateReferral(referral)
            if referral.origin == nil, let caseID = CaseID(parsing: referral.caseID), try w.tx.caseExists(caseID) {
                let kind: CaseEventKind = switch referral.status {
                case .acknowledged: .referralAcknowledged
                case .accepted: .referralAccepted
                case .declined: .referralDeclined
                default: .referralClosed
                }
                try w.event(caseID, kind, detail: "referral=\(referral.id) agency=\(referral.agency) \(detail)")
            }
            try w.audit(action, target: referral.id, detail: "agency=\(referral.agency) status=\(referral.status.rawValue) \(detail)")
            return ReferralSummary(referral, now: w.now)
        }
    }

    /// Loads a referral the actor may act on as its agency's caseworker. A held referral
    /// does not exist for the agency.
    func loadReferral(_ id: String, action: AuditAction, by actor: Caller) async throws -> ReferralRecord {
        try await require(actor, action, target: id)
        guard let referral = try await query({ try $0.referral(id: id.uppercased()) }), referral.status != .held else {
            throw HavenError.referralNotFound(id: id)
        }
        try await require(actor, action, agency: referral.agency, target: referral.id)
        return referral
    }

    /// The held referrals of the field officer's communes, longest held first. A held
    /// referral has a clock too: past its agency's deadline the survivor should be asked again.
    public func heldReferrals(pastDeadlineOnly: Bool = false, by actor: Caller) async throws -> [HeldReferral] {
        try await require(actor, .referralHeld)
        let now = context.clock.now()
        let policy = context.policy
        let communes = Set(actor.communes)
        return try await query { try $0.referrals(ReferralFilter(status: .held)) }
            .filter { $0.origin == nil && communes.contains($0.commune) }
            .map { HeldReferral($0, agency: policy.agency($0.agency), now: now) }
            .filter { !pastDeadlineOnly || $0.pastDeadline }
            .sorted { ($0.heldSince, $0.id) < ($1.heldSince, $1.id) }
    }

    /// The referrals of the field officer's cases (their communes'): those needing the
    /// officer first (held past deadline, declined, overdue, held), then the rest by date;
    /// closed ones only with `includeClosed`. Coded fields only; the listing is audited.
    public func officerReferrals(includeClosed: Bool = false, by actor: Caller) async throws -> [OfficerReferral] {
        try await require(actor, .referralMine)
        let now = context.clock.now()
        let policy = context.policy
        let communes = Set(actor.communes)
        let records = try await work(actor) { w in
            try w.audit(.referralMine, target: nil)
            return try w.tx.referrals(ReferralFilter())
        }
        func rank(_ r: OfficerReferral) -> Int {
            switch r.attention {
            case .heldPastDeadline: 0
            case .declined: 1
            case .overdue: 2
            case .held: 3
            case nil: 4
            }
        }
        return records
            .filter { $0.origin == nil && communes.contains($0.commune) && (includeClosed || $0.status != .closed) }
            .map { OfficerReferral($0, agency: policy.agency($0.agency), now: now) }
            .sorted { (rank($0), $0.createdAt, $0.id) < (rank($1), $1.createdAt, $1.id) }
    }

    // MARK: - Supervisors

    /// Overdue and pending counts per agency and priority, from the injected clock.
    public func overdueReferrals(by actor: Caller) async throws -> [OverdueCount] {
        try await require(actor, .referralOverdue)
        let now = context.clock.now()
        let (pending, held) = try await query { tx in
            (try tx.referrals(ReferralFilter(status: .pending)), try tx.referrals(ReferralFilter(status: .held)))
        }
        let policy = context.policy
        var counts: [String: (pending: Int, overdue: Int, heldOverdue: Int)] = [:]
        for referral in pending {
            let key = "\(referral.agency)|\(referral.priority.rawValue)"
            var entry = counts[key] ?? (0, 0, 0)
            entry.pending += 1
            if referral.isOverdue(at: now) { entry.overdue += 1 }
            counts[key] = entry
        }
        for referral in held where referral.origin == nil && HeldReferral(referral, agency: policy.agency(referral.agency), now: now).pastDeadline {
            let key = "\(referral.agency)|\(referral.priority.rawValue)"
            var entry = counts[key] ?? (0, 0, 0)
            entry.heldOverdue += 1
            counts[key] = entry
        }
        return policy.agencies.flatMap { agency in
            Priority.allCases.reversed().compactMap { priority in
                counts["\(agency.id)|\(priority.rawValue)"].map {
                    OverdueCount(agency: agency.id, priority: priority, overdue: $0.overdue, pending: $0.pending, heldOverdue: $0.heldOverdue)
                }
            }
        }
    }

    // MARK: - Consent and release

    /// Records the survivor's consent (each flag given replaces the old one), and in the same
    /// transaction sends the held referrals that consent now covers: the officer does not have
    /// to remember a second command while the survivor waits. Withdrawing consent never
    /// unsends what was sent. Returns the referrals released.
    @discardableResult
    public func recordConsent(_ idText: String, referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?,
                              by actor: Caller) async throws -> [ReferralSummary] {
        let record = try await load(idText, action: .caseConsent, by: actor)
        let given: [(String, Bool)] = [("referral", referral), ("police", police), ("mediation", mediation), ("statistics", statistics)]
            .compactMap { name, value in value.map { (name, $0) } }
        guard !given.isEmpty else {
            throw HavenError.invalidInput(.invalidValue(path: "consent", reason: .consentFlagsMissing))
        }
        let detail = given.map { "\($0.0)=\($0.1 ? "yes" : "no")" }.joined(separator: " ")
        return try await work(actor) { w in
            // The flags given are applied to the case as it is now (another officer may have
            // recorded other flags since it was loaded), after checking it was not edited
            // outside Haven: renewing the tag must never bless such an edit.
            guard let current = try w.tx.caseRecord(record.id) else { throw HavenError.caseNotFound(id: record.id.rawValue) }
            let sealed = try Router.sealedValues(current, keyring: w.keyring)
            var updated = current
            if let referral { updated.facts.consent.referral = referral }
            if let police { updated.facts.consent.police = police }
            if let mediation { updated.facts.consent.mediation = mediation }
            if let statistics { updated.facts.consent.statistics = statistics }
            try w.tx.updateCaseConsent(record.id, consent: updated.facts.consent, at: w.now)
            try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
            try w.event(record.id, .consentChanged, detail: detail)
            try w.audit(.caseConsent, target: record.id.rawValue, detail: detail)
            // Consent to mediation withdrawn: an open mediation stops.
            _ = try Self.stopIneligibleMediations(updated, sealed: sealed, w, action: .caseConsent)
            guard updated.facts.consent.referral || updated.facts.consent.police else { return [] }
            return try Self.releaseConsented(updated, sealed: sealed, w)
        }
    }

    /// Sends a held referral once the survivor's consent for its agency is recorded.
    public func releaseReferral(_ id: String, by actor: Caller) async throws -> ReferralSummary {
        try await require(actor, .referralRelease, target: id)
        guard let referral = try await query({ try $0.referral(id: id.uppercased()) }), referral.origin == nil,
              let caseID = CaseID(parsing: referral.caseID) else {
            throw HavenError.referralNotFound(id: id)
        }
        _ = try await load(caseID.rawValue, action: .referralRelease, by: actor)
        guard referral.status == .held else { throw HavenError.referralNotAllowed(id: referral.id, status: referral.status, action: .referralRelease) }
        guard let agency = context.policy.agency(referral.agency) else { throw HavenError.agencyUnknown(id: referral.agency) }
        let policy = context.policy
        return try await work(actor) { w in
            guard var current = try w.tx.referral(id: referral.id), current.status == .held else {
                throw HavenError.referralNotAllowed(id: referral.id, status: referral.status, action: .referralRelease)
            }
            // Consent as it is now, from the case read (and integrity-checked) in this
            // transaction: a consent withdrawn a moment ago is not overridden by a stale copy.
            guard let record = try w.tx.caseRecord(caseID) else { throw HavenError.caseNotFound(id: caseID.rawValue) }
            let sealed = try Router.sealedValues(record, keyring: w.keyring)
            let consented = AgencyDecision.consentCovers(agency, consent: record.facts.consent, survivorAge: record.facts.survivorAge,
                                                         guardianConsent: Router.guardianConsent(sealed))
            // Without consent, only a rule of the policy makes a referral mandatory: decided now
            // from the case's (integrity-checked) facts, never from the stored flag, which
            // sqlite3 could set.
            let facts = try Router.facts(of: record, sealed: sealed, forceRepeat: false, tx: w.tx, keyring: w.keyring, now: w.now,
                                         regions: w.policy.regions)
            let mandatoryNow = policy.route(facts).referral(current.agency)?.mandatory ?? false
            guard consented || mandatoryNow else { throw HavenError.consentMissing(referral: current.id, consent: agency.consent) }
            try Router.send(&current, agency: agency, facts: record.facts, sealed: sealed, policy: policy, tx: w.tx, keyring: w.keyring, now: w.now)
            try w.tx.updateReferral(current)
            try w.event(caseID, .referralSent, detail: "referral=\(current.id) agency=\(current.agency) released")
            try w.audit(.referralRelease, target: current.id, detail: "agency=\(current.agency)")
            return ReferralSummary(current, now: w.now)
        }
    }

    /// The clear values of a case's sealed fields (for building packets; never logged).
    func sealedValues(_ record: CaseRecord) throws -> [SealedField: String] {
        try Router.sealedValues(record, keyring: context.keyring)
    }

    /// The referrals of a case, for its field officer.
    func referrals(of caseID: CaseID) async throws -> [ReferralSummary] {
        let now = context.clock.now()
        return try await query { try $0.referrals(ReferralFilter(caseID: caseID.rawValue)) }.map { ReferralSummary($0, now: now) }
    }
}
