import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// Verifies the whole audit chain and its signatures.
    ///
    /// The public key is taken from the key file (the store's copy could be replaced along
    /// with forged entries).
    public func verifyAudit(by actor: Caller) async throws -> AuditLog.Verification {
        try await require(actor, .auditVerify)
        let key = context.keyring.auditVerifyingKey
        let anchor = context.auditAnchor
        let keyring = context.keyring
        do {
            return try await query { tx in
                let verification = try AuditLog.verify(tx, key: key)
                try Self.checkAnchor(anchor, tx: tx, entries: verification.entries)
                try Self.crossCheck(tx)
                try Self.checkSettings(tx, keyring: keyring)
                try Self.checkCaseTags(tx, keyring: keyring)
                return verification
            }
        } catch HavenError.auditBroken(let sequence, let reason) {
            context.logger.critical("audit chain broken", metadata: ["entry": .stringConvertible(sequence), "reason": .string(reason.message(.en))])
            throw HavenError.auditBroken(sequence: sequence, reason: reason)
        }
    }

    /// A database whose chain ends before the anchored head was rolled back; one whose entry
    /// at the anchored sequence differs was rewritten.
    ///
    /// Every anchored head is checked, not only the highest: a database rolled back and then
    /// written past the old sequence again has, at the anchored sequences, entries with other
    /// hashes.
    static func checkAnchor(_ anchor: AuditAnchor?, tx: any StoreReader, entries: Int64) throws {
        guard let anchor else { return }
        let heads = try anchor.heads()
        if let highest = heads.map(\.sequence).max(), highest > entries {
            throw HavenError.auditBroken(sequence: entries + 1, reason: .rolledBack(anchored: highest, found: entries))
        }
        for head in heads {
            guard let entry = try tx.auditEntries(from: head.sequence, limit: 1).first, entry.hash == head.hash else {
                throw HavenError.auditBroken(sequence: head.sequence, reason: .anchorMismatch)
            }
        }
    }

    /// Every case has the audit entry that created it, and every mediation the one that
    /// opened it: a row inserted with sqlite3 (or left behind by a rollback of the log) has
    /// none.
    static func crossCheck(_ tx: any StoreReader) throws {
        var created: Set<String> = []
        var opened: Set<String> = []
        var from: Int64 = 1
        while true {
            let page = try tx.auditEntries(from: from, limit: 5_000)
            for entry in page where entry.outcome == .allowed {
                if entry.action == AuditAction.caseCreate.rawValue, let target = entry.target { created.insert(target) }
                if entry.action == AuditAction.mediationOpen.rawValue, let target = entry.target { opened.insert(target) }
            }
            guard let last = page.last, page.count == 5_000 else { break }
            from = last.sequence + 1
        }
        let stored = Set(try tx.cases(CaseFilter()).map(\.id.rawValue))
        for id in stored.sorted() where !created.contains(id) {
            throw HavenError.auditBroken(sequence: 0, reason: .recordWithoutAudit(kind: "case", id: id))
        }
        // And the other way: a case the log says was created is still there (nothing deletes
        // cases yet; retention will record its own entry when it does).
        for id in created.sorted() where !stored.contains(id) {
            throw HavenError.auditBroken(sequence: 0, reason: .recordMissing(kind: "case", id: id))
        }
        for mediation in try tx.mediations(caseID: nil) where !opened.contains(mediation.caseID.rawValue) {
            throw HavenError.auditBroken(sequence: 0, reason: .recordWithoutAudit(kind: "mediation", id: mediation.id))
        }
    }

    /// Every case's integrity tag matches its columns (one unwrap and one HMAC a case).
    static func checkCaseTags(_ tx: any StoreReader, keyring: Keyring) throws {
        for summary in try tx.cases(CaseFilter()) {
            guard let record = try tx.caseRecord(summary.id) else { continue }
            do {
                let key = try FieldCipher.unwrap(record.wrappedDataKey, caseID: record.id.rawValue, version: record.keyVersion, keyring: keyring)
                try CaseIntegrity.check(record, dataKey: key)
            } catch {
                throw HavenError.auditBroken(sequence: 0, reason: .caseTampered(id: record.id.rawValue))
            }
        }
    }

    /// Agency keys and trusted origins carry Haven's signature; one changed with sqlite3 is named.
    static func checkSettings(_ tx: any StoreReader, keyring: Keyring) throws {
        for key in try tx.agencyKeys()
        where !(try StoreSignature.isValid(.agencyKey, key.agency, value: key.publicKey, tx: tx, keyring: keyring)) {
            throw HavenError.settingTampered(setting: "agency-key \(key.agency)")
        }
        for user in try tx.users() where !(try StoreSignature.userIsValid(user, tx: tx, keyring: keyring)) {
            throw HavenError.settingTampered(setting: "user \(user.id)")
        }
    }

    /// Whether this store's audit anchor exists beside the key file. Without it a rollback of
    /// the log cannot be detected: faces say so beside an intact verification.
    public var auditAnchorPresent: Bool {
        guard let anchor = context.auditAnchor else { return false }
        return FileManager.default.fileExists(atPath: anchor.path)
    }

    /// Audit entries, all or about one case, oldest first; `limit` keeps the newest.
    public func auditEntries(caseID: String? = nil, limit: Int = 200, by actor: Caller) async throws -> [AuditRecord] {
        try await require(actor, .auditLog)
        guard limit > 0 else { throw HavenError.invalidInput(.invalidValue(path: "limit", reason: .notPositive)) }
        let limit = min(limit, 100_000)
        let target = caseID.map { CaseID(parsing: $0)?.rawValue ?? $0 }
        let entries = try await query { tx -> [AuditRecord] in
            if let target { return try tx.auditEntries(target: target) }
            let last = try tx.lastAuditEntry()?.sequence ?? 0
            return try tx.auditEntries(from: max(1, last - Int64(limit) + 1), limit: limit)
        }
        return Array(entries.suffix(limit))
    }
}
