import HavenAPI
import HavenCore
import HavenStore

/// Who may do what (DESIGN.md §2). Checked here, in the service layer, never in a face.
///
/// A supervisor never sees an identity; an administrator manages users, keys, policies and
/// the audit log but does not read case content; a field officer works the cases of their
/// own communes; a caseworker works only their own agency's referrals.
enum Authorization {
    /// - Parameters:
    ///   - commune: the commune of the case acted on, when known.
    ///   - agency: the agency of the referral acted on, when known.
    ///   - team: the mediation team acted on, when known (a mediator's unit is their team).
    static func allows(_ actor: Caller, _ action: AuditAction, commune: String? = nil, agency: String? = nil,
                       team: String? = nil) -> Bool {
        func ownCommune() -> Bool {
            guard actor.role == .fieldOfficer else { return false }
            guard let commune else { return true }
            return actor.communes.contains(commune)
        }
        func ownAgency() -> Bool {
            guard actor.role == .caseworker, let own = actor.agency else { return false }
            guard let agency else { return true }
            return own == agency
        }
        func ownTeam() -> Bool {
            guard actor.role == .mediator, let own = actor.team else { return false }
            guard let team else { return true }
            return own == team
        }
        switch action {
        case .storeInit, .login:
            return true
        case .userAdd, .userList, .userRevoke, .agencyKeygen, .policyActivate, .storeBackup, .storeMigrate, .keysRotate, .keysRetire:
            return actor.role == .admin
        case .caseCreate, .caseShow, .caseEdit, .casePrint, .referralSlip, .caseNote, .caseClose, .caseConsent, .caseRoute, .referralRelease:
            return ownCommune()
        case .caseList, .caseFind, .referralHeld, .referralMine, .draftSave, .draftResume, .draftDiscard:
            return actor.role == .fieldOfficer
        case .auditVerify, .referralOverdue, .userCounts:
            return actor.role == .admin || actor.role == .supervisor
        case .auditLog:
            // Entries pair case ids with coded details: per-case data, not statistics.
            return actor.role == .admin
        case .referralList, .referralShow, .referralAck, .referralAccept, .referralDecline, .referralClose:
            return ownAgency()
        case .referralExport, .referralImport:
            return actor.role == .admin || ownAgency()
        case .agencyList:
            return [.admin, .supervisor, .caseworker, .fieldOfficer].contains(actor.role)
        case .policyExplain:
            return actor.role == .admin || actor.role == .supervisor || ownCommune()
        case .policyExplainCase:
            return ownCommune()
        case .mediationEligible, .mediationOpen:
            return ownCommune()
        case .mediationTeamAdd:
            return actor.role == .admin || ownCommune()
        case .mediationTeamList:
            return [.admin, .supervisor, .fieldOfficer, .mediator].contains(actor.role)
        case .mediationShow, .mediationSession, .mediationFollowUp, .mediationDue:
            return ownCommune() || ownTeam()
        case .mediationLogbook:
            return actor.role == .admin || actor.role == .supervisor || ownCommune() || ownTeam()
        case .mediationStats, .statsQuery, .reportAnnual:
            return actor.role == .admin || actor.role == .supervisor
        case .exportData:
            // Per-case rows, even k-anonymous, go only to a data-sharing partner's account,
            // which an administrator creates for that partner (audited); supervisors get tables.
            return actor.role == .dataPartner
        }
    }
}

extension HavenService {
    /// Throws ``HavenError/forbidden`` after recording the denied attempt in the audit log.
    func require(_ actor: Caller, _ action: AuditAction, commune: String? = nil, agency: String? = nil,
                 team: String? = nil, target: String? = nil, refresh: Bool = true) async throws {
        if refresh { try await refreshState() }
        guard !Authorization.allows(actor, action, commune: commune, agency: agency, team: team) else { return }
        try await recordDenied(actor, action, target: target)
        throw HavenError.forbidden(role: actor.role, action: action)
    }

    /// Records an allowed action that writes nothing else (a read of sealed data, a report)
    /// in its own transaction.
    func recordAllowed(_ actor: Caller, _ action: AuditAction, target: String?, detail: String = "") async throws {
        try await auditedRead(actor, action, target: target, detail: detail) { _ in }
    }

    /// Records a refused attempt in its own transaction (the refusal is itself the write).
    func recordDenied(_ actor: Caller, _ action: AuditAction, target: String?) async throws {
        let keyring = context.keyring
        let now = context.clock.now()
        try await run(checkingState: false, auditOnly: true) { tx in
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: action, target: target,
                                outcome: .denied, detail: "role=\(actor.role.rawValue)")
        }
    }
}
