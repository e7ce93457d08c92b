import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Binds each case's clear columns to its encrypted record.
///
/// The coded columns (consent flags, commune, acts, status, escalation…) are in clear for
/// routing and statistics, so someone with sqlite3 could edit `consent_police` and have the
/// next `referral release` send the survivor's identity without consent, or delete a sealed
/// row unnoticed. Every case therefore carries a tag: HMAC-SHA256, under a key derived from
/// the case's own data key, over its id, every coded fact, its state, its blind and pair
/// indexes and the names of its sealed fields. Only a holder of the master key can compute it;
/// every read of the case's sealed fields checks it (``HavenError/tampered``, 65), and every
/// write through Haven renews it in the same transaction.
enum CaseIntegrity {
    /// Meta key whose presence (with its audit entry) means every case carries a tag: from then
    /// on a case without one was tampered with.
    static let auditTarget = "integrity"

    static func key(_ dataKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: dataKey, info: Data("haven/case-integrity/v1".utf8), outputByteCount: 32)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    /// The tag of `record` under its data key.
    static func tag(_ record: CaseRecord, dataKey: SymmetricKey) throws -> Data {
        var message = Data("haven/case-integrity/v1|\(record.id.rawValue)|".utf8)
        message += try encoder.encode(record.facts)
        let state = [record.status.rawValue, record.outcome?.rawValue ?? "-", record.escalation.rawValue,
                     record.mediationBlocked ?? "-", record.blindIndex ?? "-", record.pairIndex ?? "-",
                     record.sealed.keys.sorted().joined(separator: ",")]
        message += Data(("|" + state.joined(separator: "|")).utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key(dataKey)))
    }

    /// Recomputes and stores the tag of a case after a write, inside that write's transaction.
    static func renew(_ id: CaseID, tx: any StoreWriter, keyring: Keyring) throws {
        guard let record = try tx.caseRecord(id) else { return }
        let dataKey = try FieldCipher.unwrap(record.wrappedDataKey, caseID: id.rawValue, version: record.keyVersion, keyring: keyring)
        try tx.setCaseSeal(id, try tag(record, dataKey: dataKey))
    }

    /// Refuses a case whose tag is missing or does not match its columns.
    static func check(_ record: CaseRecord, dataKey: SymmetricKey) throws {
        guard let stored = record.seal, stored == (try tag(record, dataKey: dataKey)) else {
            throw HavenError.caseTampered(caseID: record.id.rawValue)
        }
    }

    /// Tags every case that has none, once, when a store made before tags is first opened; the
    /// audit entry it writes says it was done, so a tag removed later is never re-blessed.
    static func backfill(store: any Store, keyring: Keyring, now: Date) async throws {
        let done = try await store.read { tx in
            try !tx.auditEntries(target: auditTarget).isEmpty
                || (try tx.auditEntries(from: 1, limit: 1).first?.detail.contains("integrity=v1") ?? false)
        }
        if done { return }
        try await store.write { tx in
            var count = 0
            for record in try tx.cases(CaseFilter()) where record.seal == nil {
                guard let full = try tx.caseRecord(record.id) else { continue }
                let dataKey = try FieldCipher.unwrap(full.wrappedDataKey, caseID: full.id.rawValue, version: full.keyVersion, keyring: keyring)
                try tx.setCaseSeal(full.id, try tag(full, dataKey: dataKey))
                count += 1
            }
            try StoreSignature.backfill(tx: tx, keyring: keyring)
            try AuditLog.append(tx, keyring: keyring, at: now, actor: "haven", action: .storeInit, target: auditTarget,
                                outcome: .allowed, detail: "case integrity tags; tagged=\(count)")
            try AuditLog.signHead(tx, keyring: keyring)
        }
    }
}
