import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Whether a case may be mediated, with every reason it may not.
public struct Eligibility: Sendable, Equatable {
    public let caseID: CaseID
    public let reasons: [PolicyReason]
    public var eligible: Bool { reasons.isEmpty }
}

/// A team with its mediators.
public struct TeamSummary: Sendable, Equatable {
    public let team: MediationTeam
    public let mediators: [MediatorRecord]
}

/// A mediation as shown to its team and the commune's field officers: coded, with the
/// sealed notes and agreement opened.
public struct MediationDetail: Sendable, Equatable {
    public struct Session: Sendable, Equatable {
        public let date: LocalDate
        public let outcome: SessionOutcome
        public let escalation: Escalation
        public let note: String?
        public let agreement: String?
    }
    public struct FollowUp: Sendable, Equatable {
        public let due: LocalDate
        public let done: LocalDate?
        public let recurred: Bool?
        public let escalation: Escalation
        public let note: String?
    }
    public let mediation: MediationRecord
    public let sessions: [Session]
    public let followUps: [FollowUp]
}

extension HavenService {
    var mediationPolicy: MediationPolicy { context.policy.mediation }
    var today: LocalDate { context.regions.localDate(context.clock.now()) }

    // MARK: - Eligibility

    /// Whether a case may go to grassroots mediation, and every reason it may not.
    public func mediationEligibility(_ idText: String, by actor: Caller) async throws -> Eligibility {
        let record = try await load(idText, action: .mediationEligible, by: actor)
        let sealed = try sealedValues(record)
        let policy = context.policy
        // The decision reads sealed fields (the incident date, the names behind the pair
        // index): audited like any sealed read.
        let reasons = try await work(actor) { w in
            try w.audit(.mediationEligible, target: record.id.rawValue)
            return try Self.eligibilityReasons(record, sealed: sealed, policy: policy, tx: w.tx, keyring: w.keyring, now: w.now)
        }
        return Eligibility(caseID: record.id, reasons: reasons)
    }

    static func eligibilityReasons(_ record: CaseRecord, sealed: [SealedField: String], policy: Policy,
                                   tx: any StoreReader, keyring: Keyring, now: Date) throws -> [PolicyReason] {
        var facts = try Router.facts(of: record, sealed: sealed, forceRepeat: false, tx: tx, keyring: keyring, now: now,
                                     regions: policy.regions)
        // Referrals held in the store count too (routing alone sees only today's consent).
        facts.heldReferrals = Set(try tx.referrals(ReferralFilter(caseID: record.id.rawValue)).filter { $0.status == .held }.map(\.agency))
        return policy.mediation.eligibility(facts, decision: policy.route(facts),
                                            blockedByRecurrence: record.mediationBlocked == "recurrence")
    }

    // MARK: - Teams

    /// Creates a mediation team in a commune.
    public func addTeam(commune communeText: String, name: String, by actor: Caller) async throws -> MediationTeam {
        let commune: Commune
        do { commune = try context.regions.resolve(communeText) } catch { throw HavenError.from(error) }
        try await require(actor, .mediationTeamAdd, commune: commune.slug, target: commune.slug)
        let trimmed = try Self.displayName(name)
        let team = MediationTeam(id: Identifier.make(prefix: "T", length: 6, random: context.random), commune: commune.slug,
                                 name: trimmed, createdAt: context.clock.now())
        try await work(actor) { w in
            try w.tx.insertTeam(team)
            try AuditLog.append(w.tx, keyring: w.keyring, at: team.createdAt, actor: actor.id, action: .mediationTeamAdd,
                                target: team.id, outcome: .allowed, detail: "commune=\(team.commune)")
        }
        return team
    }

    /// Adds a mediator (with sex and ethnicity, for the composition rules) to a team.
    public func addMediator(team teamID: String, name: String, sex: Sex, ethnicity: EthnicityGroup, by actor: Caller) async throws -> MediatorRecord {
        guard let team = try await query({ try $0.team(id: teamID.uppercased()) }) else { throw HavenError.teamNotFound(id: teamID) }
        try await require(actor, .mediationTeamAdd, commune: team.commune, target: team.id)
        let trimmed = try Self.displayName(name)
        let mediator = MediatorRecord(id: Identifier.make(prefix: "H", length: 6, random: context.random), teamID: team.id,
                                      name: trimmed, sex: sex, ethnicity: ethnicity, createdAt: context.clock.now())
        try await work(actor) { w in
            try w.tx.insertMediator(mediator)
            try AuditLog.append(w.tx, keyring: w.keyring, at: mediator.createdAt, actor: actor.id, action: .mediationTeamAdd,
                                target: team.id, outcome: .allowed, detail: "member=\(mediator.id) sex=\(sex.rawValue) ethnicity=\(ethnicity.rawValue)")
        }
        return mediator
    }

    /// Teams the actor may see (a field officer: their communes; a mediator: their team).
    public func listTeams(by actor: Caller) async throws -> [TeamSummary] {
        try await require(actor, .mediationTeamList)
        return try await query { tx in
            try tx.teams().filter { team in
                switch actor.role {
                case .fieldOfficer: actor.communes.contains(team.commune)
                case .mediator: actor.team == team.id
                default: true
                }
            }.map { TeamSummary(team: $0, mediators: try tx.mediators(teamID: $0.id)) }
        }
    }

    // MARK: - Opening

    /// Opens mediation of a case by a team. Refused, with every reason, when the case is not
    /// eligible or the team (without conflicted members) does not qualify; a refusal is
    /// recorded for supervisors. Eligibility is checked again inside the transaction, so no
    /// order of commands can open mediation on a case a blocking rule covers.
    public func openMediation(_ idText: String, team teamID: String, conflicted: [String] = [], by actor: Caller) async throws -> MediationRecord {
        let record = try await load(idText, action: .mediationOpen, by: actor)
        guard let team = try await query({ try $0.team(id: teamID.uppercased()) }) else { throw HavenError.teamNotFound(id: teamID) }
        let sealed = try sealedValues(record)
        let policy = context.policy
        let today = self.today
        let conflictedIDs = Set(conflicted.map { $0.uppercased() })
        let outcome: Result<MediationRecord, HavenError> = try await work(actor) { w in
            let current = try w.tx.caseRecord(record.id) ?? record
            if let active = try w.tx.mediations(caseID: record.id).first(where: { $0.status == .open || $0.status == .agreement }) {
                return .failure(.mediationAlreadyOpen(caseID: record.id.rawValue, mediation: active.id))
            }
            let reasons = try Self.eligibilityReasons(current, sealed: sealed, policy: policy, tx: w.tx, keyring: w.keyring, now: w.now)
            if !reasons.isEmpty {
                try w.tx.insertMediationRefusal(MediationRefusal(
                    id: w.newID("X", length: 8), caseID: record.id, commune: record.facts.commune,
                    formerDistrict: record.facts.formerDistrict, at: w.now, reasons: reasons.map(\.rule)))
                try w.audit(.mediationOpen, target: record.id.rawValue, outcome: .denied, detail: "refused=\(reasons.map(\.rule).joined(separator: ","))")
                return .failure(.mediationRefused(caseID: record.id.rawValue, reasons: reasons))
            }
            let members = try w.tx.mediators(teamID: team.id)
            let unknown = conflictedIDs.subtracting(members.map(\.id))
            if !unknown.isEmpty {
                return .failure(.invalidInput(.invalidValue(path: "conflicted", reason: .notTeamMember(members: unknown.sorted().joined(separator: ", "), team: team.id))))
            }
            var teamReasons: [PolicyReason] = []
            if team.commune != record.facts.commune {
                teamReasons.append(PolicyReason(rule: "other-commune", message: LocalizedText(
                    vi: "Tổ hòa giải thuộc xã/phường khác (\(team.commune))", en: "The team belongs to another commune (\(team.commune))")))
            }
            if let commune = policy.regions.commune(record.facts.commune) {
                teamReasons += policy.mediation.teamReasons(members.map { MediatorProfile(id: $0.id, sex: $0.sex, ethnicity: $0.ethnicity) },
                                                            commune: commune, conflicted: conflictedIDs)
            }
            if !teamReasons.isEmpty {
                try w.audit(.mediationOpen, target: record.id.rawValue, outcome: .denied, detail: "team=\(team.id) refused=\(teamReasons.map(\.rule).joined(separator: ","))")
                return .failure(.teamNotQualified(team: team.id, reasons: teamReasons))
            }
            let mediation = MediationRecord(
                id: w.newID("M", length: 8), caseID: record.id, teamID: team.id,
                commune: record.facts.commune, mediators: members.map(\.id).filter { !conflictedIDs.contains($0) },
                conflicted: conflictedIDs.sorted(), status: .open, openedAt: w.now, openedBy: actor.id,
                startDue: today.adding(days: policy.mediation.startWithinDays))
            try w.tx.insertMediation(mediation)
            try w.event(record.id, .mediationOpened, detail: "mediation=\(mediation.id) team=\(team.id)")
            // The conflicted members are written into the (hash-chained, anchored) audit entry
            // too: the mediation row could be edited with sqlite3, the chain cannot unnoticed.
            try w.audit(.mediationOpen, target: record.id.rawValue, detail: "mediation=\(mediation.id) team=\(team.id) conflicted=\(mediation.conflicted.joined(separator: ","))")
            return .success(mediation)
        }
        return try outcome.get()
    }

    // MARK: - Sessions and follow-ups

    /// Records a session. An agreement schedules the follow-ups; no agreement or a party
    /// stopping ends the mediation; an escalation ends it and re-routes the case at once.
    public func recordSession(_ mediationID: String, date: LocalDate, outcome: SessionOutcome, note: String? = nil,
                              agreement: String? = nil, escalate: Escalation = .none, by actor: Caller) async throws -> MediationRecord {
        let (mediation, record) = try await loadMediation(mediationID, action: .mediationSession, by: actor)
        guard mediation.status == .open else { throw HavenError.mediationNotAllowed(id: mediation.id, status: mediation.status, action: .mediationSession) }
        try checkDate(date, notBefore: context.regions.localDate(mediation.openedAt), path: "date")
        if agreement != nil && outcome != .agreement {
            throw HavenError.invalidInput(.invalidValue(path: "agreement", reason: .agreementOnlyWithAgreement))
        }
        let dataKey = try unwrapKey(record)
        let sessionID = Identifier.make(prefix: "S", length: 10, random: context.random)
        let sealedNote = try sealText(note, record: record, field: "mediation:\(sessionID):note", key: dataKey)
        let sealedAgreement = try sealText(agreement, record: record, field: "mediation:\(sessionID):agreement", key: dataKey)
        let sealed = try sealedValues(record)
        let policy = context.policy
        return try await work(actor) { w in
            guard var current = try w.tx.mediation(id: mediation.id), current.status == .open else {
                throw HavenError.mediationNotAllowed(id: mediation.id, status: mediation.status, action: .mediationSession)
            }
            try w.tx.insertSession(MediationSession(id: sessionID, mediationID: current.id, date: date, outcome: outcome, escalation: escalate,
                                                  note: sealedNote, agreement: sealedAgreement, recordedAt: w.now, recordedBy: actor.id))
            if current.firstSession == nil || date < current.firstSession! { current.firstSession = date }
            switch outcome {
            case .agreement:
                current.status = .agreement
                current.agreementDate = date
                for days in policy.mediation.followUpDays {
                    try w.tx.upsertFollowUp(MediationFollowUp(id: w.newID("F", length: 10),
                                                            mediationID: current.id, dueDate: date.adding(days: days)))
                }
            case .noAgreement: Self.end(&current, .noAgreement, status: .closed, at: w.now)
            case .stoppedByParty: Self.end(&current, .stoppedByParty, status: .closed, at: w.now)
            case .adjourned: break
            }
            try w.tx.updateMediation(current)
            try w.tx.appendEvent(CaseEvent(id: w.newID("E", length: 12), caseID: record.id, at: w.now, actor: actor.id,
                                         kind: .mediationSession, detail: "mediation=\(current.id) outcome=\(outcome.rawValue)", sealed: nil))
            try w.audit(.mediationSession, target: current.id, detail: "outcome=\(outcome.rawValue) escalation=\(escalate.rawValue)")
            if escalate != .none {
                try Self.escalate(&current, escalate, record: record, sealed: sealed, w)
            }
            return current
        }
    }

    /// Records the next follow-up after an agreement. Violence recurred: the mediation fails,
    /// the case is re-routed with recurrence as a fact, and mediation is blocked for it from
    /// then on. The last follow-up without recurrence completes the mediation.
    public func recordFollowUp(_ mediationID: String, date: LocalDate, recurred: Bool, note: String? = nil,
                               escalate: Escalation = .none, by actor: Caller) async throws -> MediationRecord {
        let (mediation, record) = try await loadMediation(mediationID, action: .mediationFollowUp, by: actor)
        guard mediation.status == .agreement, let agreed = mediation.agreementDate else {
            throw HavenError.mediationNotAllowed(id: mediation.id, status: mediation.status, action: .mediationFollowUp)
        }
        try checkDate(date, notBefore: agreed, path: "date")
        let dataKey = try unwrapKey(record)
        let followUps = try await query { try $0.followUps(mediationID: mediation.id) }
        guard var next = followUps.first(where: { $0.doneDate == nil }) else {
            throw HavenError.mediationNotAllowed(id: mediation.id, status: mediation.status, action: .mediationFollowUp)
        }
        next.doneDate = date
        next.recurred = recurred
        next.escalation = escalate
        next.note = try sealText(note, record: record, field: "mediation:\(next.id):note", key: dataKey)
        let sealed = try sealedValues(record)
        let followUp = next
        return try await work(actor) { w in
            guard var current = try w.tx.mediation(id: mediation.id), current.status == .agreement else {
                throw HavenError.mediationNotAllowed(id: mediation.id, status: mediation.status, action: .mediationFollowUp)
            }
            // The slot chosen before is still the next open one: two follow-ups recorded at
            // once never write the same slot (the second is refused, to be run again).
            let open = try w.tx.followUps(mediationID: mediation.id).filter { $0.doneDate == nil }
            guard open.first?.id == followUp.id else { throw HavenError.caseChangedMeanwhile(id: record.id.rawValue) }
            let remaining = open.count - 1
            try w.tx.upsertFollowUp(followUp)
            try w.tx.appendEvent(CaseEvent(id: w.newID("E", length: 12), caseID: record.id, at: w.now, actor: actor.id,
                                         kind: .mediationFollowUp, detail: "mediation=\(current.id) recurred=\(recurred ? "yes" : "no")", sealed: nil))
            try w.audit(.mediationFollowUp, target: current.id, detail: "recurred=\(recurred ? "yes" : "no") escalation=\(escalate.rawValue)")
            if recurred {
                try Self.fail(&current, record: record, sealed: sealed, w)
            } else if escalate != .none {
                try Self.escalate(&current, escalate, record: record, sealed: sealed, w)
            } else if remaining == 0 {
                Self.end(&current, .completed, status: .completed, at: w.now)
                try w.tx.updateMediation(current)
            }
            return current
        }
    }

    /// Follow-ups due (within a week) or late, for the actor's teams or communes.
    public func dueFollowUps(by actor: Caller) async throws -> [DueFollowUp] {
        try await require(actor, .mediationDue)
        let today = self.today
        return try await query { tx in
            let active = try tx.mediations(caseID: nil).filter { $0.status == .agreement }
                .filter { actor.role == .mediator ? actor.team == $0.teamID : actor.communes.contains($0.commune) }
            return try active.flatMap { mediation in
                try tx.followUps(mediationID: mediation.id).filter { $0.doneDate == nil && $0.dueDate <= today.adding(days: 7) }
                    .map { DueFollowUp(mediation: mediation.id, caseID: mediation.caseID.rawValue, team: mediation.teamID,
                                       commune: mediation.commune, due: $0.dueDate, late: $0.dueDate < today) }
            }.sorted { ($0.due, $0.mediation) < ($1.due, $1.mediation) }
        }
    }

    /// A mediation with its sessions and follow-ups; opening its sealed notes is audited.
    public func showMediation(_ mediationID: String, by actor: Caller) async throws -> MediationDetail {
        let (mediation, record) = try await loadMediation(mediationID, action: .mediationShow, by: actor)
        let (sessions, followUps) = try await work(actor) { w in
            try w.audit(.mediationShow, target: mediation.id)
            return (try w.tx.sessions(mediationID: mediation.id), try w.tx.followUps(mediationID: mediation.id))
        }
        let key = try unwrapKey(record)
        func text(_ data: Data?, _ field: String) throws -> String? {
            try data.map { try open($0, record: record, field: field, key: key) }
        }
        return MediationDetail(
            mediation: mediation,
            sessions: try sessions.map { .init(date: $0.date, outcome: $0.outcome, escalation: $0.escalation,
                                               note: try text($0.note, "mediation:\($0.id):note"),
                                               agreement: try text($0.agreement, "mediation:\($0.id):agreement")) },
            followUps: try followUps.map { .init(due: $0.dueDate, done: $0.doneDate, recurred: $0.recurred, escalation: $0.escalation,
                                                 note: try text($0.note, "mediation:\($0.id):note")) })
    }

    // MARK: - Shared steps

    func loadMediation(_ id: String, action: AuditAction, by actor: Caller) async throws -> (MediationRecord, CaseRecord) {
        try await require(actor, action, target: id)
        guard let mediation = try await query({ try $0.mediation(id: id.uppercased()) }),
              let record = try await query({ try $0.caseRecord(mediation.caseID) }) else {
            throw HavenError.mediationNotFound(id: id)
        }
        try await require(actor, action, commune: mediation.commune, team: mediation.teamID, target: mediation.id)
        // A mediator excluded by a conflict of interest stays out of that mediation; an
        // account not linked to its mediator record cannot show it is not the excluded one.
        // The conflicted list as the audit chain recorded it at opening, with the stored one.
        let recorded = try await query { tx in
            try tx.auditEntries(target: mediation.caseID.rawValue).filter {
                $0.action == AuditAction.mediationOpen.rawValue && $0.outcome == .allowed && $0.detail.hasPrefix("mediation=\(mediation.id) ")
            }
        }
        let conflicted = Set(mediation.conflicted).union(recorded.flatMap { entry -> [String] in
            guard let part = entry.detail.split(separator: " ").first(where: { $0.hasPrefix("conflicted=") }) else { return [] }
            return part.dropFirst("conflicted=".count).split(separator: ",").map(String.init)
        })
        if actor.role == .mediator && !conflicted.isEmpty
            && (actor.mediator.map { conflicted.contains($0) } ?? true) {
            try await recordDenied(actor, action, target: mediation.id)
            throw HavenError.forbidden(role: actor.role, action: action)
        }
        return (mediation, record)
    }

    func checkDate(_ date: LocalDate, notBefore earliest: LocalDate, path: String) throws {
        if date > today { throw HavenError.invalidInput(.invalidValue(path: path, reason: .inTheFuture)) }
        if date < earliest { throw HavenError.invalidInput(.invalidValue(path: path, reason: .before(earliest.description))) }
    }

    func sealText(_ text: String?, record: CaseRecord, field: String, key: SymmetricKey) throws -> Data? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        // The request's field ("note", "agreement"), not the sealed field's binding.
        let name = field.split(separator: ":").last.map(String.init) ?? field
        guard text.count <= 20_000 else { throw HavenError.invalidInput(.invalidValue(path: name, reason: .longerThan(20_000))) }
        return try FieldCipher.seal(Data(text.precomposedStringWithCanonicalMapping.utf8), caseID: record.id.rawValue, field: field, key: key)
    }

    static func end(_ mediation: inout MediationRecord, _ reason: MediationEnd, status: MediationStatus, at now: Date) {
        mediation.status = status
        mediation.end = reason
        mediation.endedAt = now
    }

    /// Violence recurred: the mediation fails, mediation is blocked for the case for ever,
    /// and the case is re-routed with recurrence (`repeat`) as a fact.
    static func fail(_ mediation: inout MediationRecord, record: CaseRecord, sealed: [SealedField: String], _ w: Work) throws {
        end(&mediation, .recurrence, status: .failed, at: w.now)
        try w.tx.updateMediation(mediation)
        let current = try w.tx.caseRecord(record.id) ?? record
        try w.tx.updateCaseMediationState(record.id, escalation: current.escalation, mediationBlocked: "recurrence", at: w.now)
        try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
        try w.event(record.id, .mediationEnded, detail: "mediation=\(mediation.id) end=recurrence")
        var updated = current
        updated.mediationBlocked = "recurrence"
        _ = try Router.reroute(updated, sealed: sealed, forceRepeat: true, w)
    }

    /// A risk to life or health, or signs of a crime: the mediation stops, the case carries
    /// the escalation as a routing fact, and is re-routed at once (the police, mandatory).
    static func escalate(_ mediation: inout MediationRecord, _ escalation: Escalation, record: CaseRecord, sealed: [SealedField: String],
                         _ w: Work) throws {
        end(&mediation, escalation == .crime ? .escalationCrime : .escalationRisk, status: .closed, at: w.now)
        try w.tx.updateMediation(mediation)
        var current = try w.tx.caseRecord(record.id) ?? record
        current.escalation = current.escalation == .crime ? .crime : escalation
        current.mediationBlocked = current.mediationBlocked ?? "escalation"
        try w.tx.updateCaseMediationState(record.id, escalation: current.escalation, mediationBlocked: current.mediationBlocked, at: w.now)
        try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
        try w.event(record.id, .mediationEnded, detail: "mediation=\(mediation.id) end=\(mediation.end!.rawValue)")
        _ = try Router.reroute(current, sealed: sealed, forceRepeat: false, w)
    }

    /// A new case of the same survivor within the recurrence window of an agreement: each
    /// such mediation fails (called in the new case's intake transaction).
    static func failMediationsOnRecurrence(newCase: CaseID, blindIndex: String?, reportDate: LocalDate, _ w: Work) throws {
        guard let blindIndex else { return }
        for earlier in try w.tx.cases(blindIndex: blindIndex) where earlier.id != newCase {
            for var mediation in try w.tx.mediations(caseID: earlier.id)
            where [.agreement, .completed].contains(mediation.status) {
                guard let agreed = mediation.agreementDate, agreed <= reportDate,
                      agreed.days(to: reportDate) <= w.policy.mediation.recurrenceWindowDays,
                      let record = try w.tx.caseRecord(earlier.id) else { continue }
                let sealed = try Router.sealedValues(record, keyring: w.keyring)
                try fail(&mediation, record: record, sealed: sealed, w)
            }
        }
    }
}
