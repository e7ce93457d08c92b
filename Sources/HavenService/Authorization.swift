import HavenCore
import HavenStore

/// Who may do what (DESIGN.md §2). Checked here, in the service layer, never in a face.
///
/// A supervisor never sees an identity; an administrator manages users and the audit log
/// but does not read case content; a field officer sees the cases of their own communes.
enum Authorization {
    static func allows(_ actor: Actor, _ action: AuditAction, commune: String? = nil) -> Bool {
        switch action {
        case .storeInit, .login:
            return true
        case .userAdd, .userList, .userRevoke:
            return actor.role == .admin
        case .caseCreate, .caseShow, .caseNote, .caseClose:
            guard actor.role == .fieldOfficer else { return false }
            guard let commune else { return true }
            return actor.communes.contains(commune)
        case .caseList:
            return actor.role == .fieldOfficer
        case .auditVerify, .auditLog:
            return actor.role == .admin || actor.role == .supervisor
        }
    }
}

extension HavenService {
    /// Throws ``HavenError/forbidden`` after recording the denied attempt in the audit log.
    func require(_ actor: Actor, _ action: AuditAction, commune: String? = nil, target: String? = nil) async throws {
        guard !Authorization.allows(actor, action, commune: commune) else { return }
        try await recordDenied(actor, action, target: target)
        throw HavenError.forbidden(role: actor.role, action: action)
    }

    /// Records a refused attempt in its own transaction (the refusal is itself the write).
    func recordDenied(_ actor: Actor, _ action: AuditAction, target: String?) async throws {
        let keyring = context.keyring
        let now = context.clock.now()
        try await run { tx in
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: action, target: target,
                                outcome: .denied, detail: "role=\(actor.role.rawValue)")
        }
    }
}
