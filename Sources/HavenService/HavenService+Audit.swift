import Crypto
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// Verifies the whole audit chain and its signatures.
    ///
    /// The public key is taken from the key file (the store's copy could be replaced along
    /// with forged entries).
    public func verifyAudit(by actor: Actor) async throws -> AuditLog.Verification {
        try await require(actor, .auditVerify)
        let key = context.keyring.auditVerifyingKey
        do {
            return try await query { try AuditLog.verify($0, key: key) }
        } catch HavenError.auditBroken(let sequence, let reason) {
            context.logger.critical("audit chain broken", metadata: ["entry": .stringConvertible(sequence), "reason": .string(reason.message(.en))])
            throw HavenError.auditBroken(sequence: sequence, reason: reason)
        }
    }

    /// Audit entries, all or about one case, oldest first; `limit` keeps the newest.
    public func auditEntries(caseID: String? = nil, limit: Int = 200, by actor: Actor) async throws -> [AuditRecord] {
        try await require(actor, .auditLog)
        let target = caseID.map { CaseID(parsing: $0)?.rawValue ?? $0 }
        let entries = try await query { tx -> [AuditRecord] in
            if let target { return try tx.auditEntries(target: target) }
            let last = try tx.lastAuditEntry()?.sequence ?? 0
            return try tx.auditEntries(from: max(1, last - Int64(limit) + 1), limit: limit)
        }
        return Array(entries.suffix(limit))
    }
}
