import Foundation
import GRDB
import HavenCore
import HavenStore

/// ``StoreWriter`` over one GRDB connection inside a transaction.
struct SQLiteTransaction: StoreWriter {
    let db: Database

    /// Runs a write statement through GRDB's statement cache (compiled once per connection).
    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    // MARK: - Meta

    func meta(_ key: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = ?"), arguments: [key])
    }

    func setMeta(_ key: String, _ value: String) throws {
        try run("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
    }

    // MARK: - Cases

    func insertCase(_ record: CaseRecord) throws {
        do { try CaseRow(record).insert(db) } catch { throw SQLiteStore.convert(error) }
        try insertSealed(record)
    }

    func replaceCase(_ record: CaseRecord) throws {
        do {
            try CaseRow(record).update(db)
        } catch is RecordError {
            throw StoreError.corrupt(detail: "cases: no row to replace")
        } catch {
            throw SQLiteStore.convert(error)
        }
        try run("DELETE FROM case_fields WHERE case_id = ?", [record.id.rawValue])
        try insertSealed(record)
    }

    private func insertSealed(_ record: CaseRecord) throws {
        for (field, ciphertext) in record.sealed.sorted(by: { $0.key < $1.key }) {
            try run("INSERT INTO case_fields (case_id, field, ciphertext) VALUES (?, ?, ?)", [record.id.rawValue, field, ciphertext])
        }
    }

    func caseRecord(_ id: CaseID) throws -> CaseRecord? {
        guard let row = try CaseRow.fetchOne(db, sql: "SELECT \(CaseRow.columnList) FROM cases WHERE id = ?", arguments: [id.rawValue]) else {
            return nil
        }
        var record = try row.record()
        for field in try Row.fetchAll(db, sql: "SELECT field, ciphertext FROM case_fields WHERE case_id = ?", arguments: [id.rawValue]) {
            record.sealed[field["field"]] = field["ciphertext"]
        }
        return record
    }

    func cases(_ filter: CaseFilter) throws -> [CaseRecord] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let status = filter.status { clauses.append("status = ?"); arguments += [status.rawValue] }
        if let communes = filter.communes {
            if communes.isEmpty { return [] }
            clauses.append("commune IN (\(Array(repeating: "?", count: communes.count).joined(separator: ",")))")
            arguments += StatementArguments(communes)
        }
        if let since = filter.reportedSince { clauses.append("report_date >= ?"); arguments += [since.description] }
        var sql = "SELECT \(CaseRow.columnList) FROM cases"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY reported_at DESC, id"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return try CaseRow.fetchAll(db, sql: sql, arguments: arguments).map { try $0.record() }
    }

    func caseExists(_ id: CaseID) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?)"), arguments: [id.rawValue]) ?? false
    }

    func cases(notWrappedWith version: Int, limit: Int) throws -> [CaseID] {
        try String.fetchAll(db, sql: "SELECT id FROM cases WHERE key_version <> ? ORDER BY id LIMIT ?", arguments: [version, limit])
            .compactMap(CaseID.init(parsing:))
    }

    func rewrapCaseKey(_ id: CaseID, wrapped: Data, version: Int) throws {
        try run("UPDATE cases SET wrapped_key = ?, key_version = ? WHERE id = ?", [wrapped, version, id.rawValue])
    }

    func caseCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0
    }

    func cases(blindIndex: String) throws -> [(id: CaseID, reportedAt: Date)] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, reported_at FROM cases WHERE blind_index = ? ORDER BY reported_at"),
                         arguments: [blindIndex]).compactMap { row in
            guard let id = CaseID(parsing: row["id"]) else { return nil }
            return (id, Date(timeIntervalSince1970: row["reported_at"]))
        }
    }

    func cases(pairIndex: String) throws -> [(id: CaseID, reportedAt: Date)] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, reported_at FROM cases WHERE pair_index = ? ORDER BY reported_at"),
                         arguments: [pairIndex]).compactMap { row in
            guard let id = CaseID(parsing: row["id"]) else { return nil }
            return (id, Date(timeIntervalSince1970: row["reported_at"]))
        }
    }

    func importedCase(key: String) throws -> CaseID? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT case_id FROM imports WHERE key = ?"), arguments: [key])
            .flatMap(CaseID.init(parsing:))
    }

    func recordImport(key: String, caseID: CaseID, at: Date) throws {
        try run("INSERT INTO imports (key, case_id, at) VALUES (?, ?, ?)", [key, caseID.rawValue, at.timeIntervalSince1970])
    }

    func setCaseSeal(_ id: CaseID, _ seal: Data) throws {
        try run("UPDATE cases SET seal = ? WHERE id = ?", [seal, id.rawValue])
    }

    func setPairIndex(_ id: CaseID, _ pairIndex: String) throws {
        try run("UPDATE cases SET pair_index = ? WHERE id = ?", [pairIndex, id.rawValue])
    }

    func updateCaseStatus(_ id: CaseID, status: CaseStatus, outcome: CaseOutcome?, at: Date) throws {
        try db.execute(sql: "UPDATE cases SET status = ?, outcome = ?, updated_at = ? WHERE id = ?",
                       arguments: [status.rawValue, outcome?.rawValue, at.timeIntervalSince1970, id.rawValue])
    }

    // MARK: - Events

    func appendEvent(_ event: CaseEvent) throws {
        try run("INSERT INTO case_events (id, case_id, at, actor, kind, detail, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [event.id, event.caseID.rawValue, event.at.timeIntervalSince1970, event.actor,
                                   event.kind.rawValue, event.detail, event.sealed])
    }

    func events(caseID: CaseID) throws -> [CaseEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM case_events WHERE case_id = ? ORDER BY at, rowid", arguments: [caseID.rawValue]).map { row in
            guard let kind = CaseEventKind(rawValue: row["kind"]) else { throw StoreError.corrupt(detail: "case_events.kind") }
            return CaseEvent(id: row["id"], caseID: caseID, at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                             kind: kind, detail: row["detail"], sealed: row["sealed"])
        }
    }

    // MARK: - Users

    func insertUser(_ user: UserRecord) throws {
        do { try UserRow(user).insert(db) } catch { throw SQLiteStore.convert(error) }
    }

    func revokeUser(id: String, at: Date) throws {
        try db.execute(sql: "UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                       arguments: [at.timeIntervalSince1970, id])
    }

    func user(id: String) throws -> UserRecord? {
        try UserRow.fetchOne(db, sql: "SELECT \(UserRow.columnList) FROM users WHERE id = ?", arguments: [id])?.record()
    }

    func user(tokenHash: String) throws -> UserRecord? {
        try UserRow.fetchOne(db, sql: "SELECT \(UserRow.columnList) FROM users WHERE token_hash = ?", arguments: [tokenHash])?.record()
    }

    func users() throws -> [UserRecord] {
        try UserRow.fetchAll(db, sql: "SELECT \(UserRow.columnList) FROM users ORDER BY created_at, id").map { try $0.record() }
    }

    // MARK: - Audit

    func appendAudit(_ entry: AuditRecord) throws {
        try run("""
            INSERT INTO audit (seq, at, actor, action, target, outcome, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [entry.sequence, entry.at.timeIntervalSince1970, entry.actor, entry.action, entry.target,
                             entry.outcome.rawValue, entry.detail, entry.previousHash, entry.hash])
    }

    func auditEntries(from: Int64, limit: Int) throws -> [AuditRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [from, limit]).map(Self.audit)
    }

    func auditEntries(target: String) throws -> [AuditRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit WHERE target = ? ORDER BY seq", arguments: [target]).map(Self.audit)
    }

    func lastAuditEntry() throws -> AuditRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM audit ORDER BY seq DESC LIMIT 1")).map(Self.audit)
    }

    func insertCheckpoint(_ checkpoint: AuditCheckpoint) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO audit_checkpoints (seq, hash, signature, at) VALUES (?, ?, ?, ?)",
                       arguments: [checkpoint.sequence, checkpoint.hash, checkpoint.signature, checkpoint.at.timeIntervalSince1970])
    }

    func auditCheckpoints() throws -> [AuditCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_checkpoints ORDER BY seq").map { row in
            AuditCheckpoint(sequence: row["seq"], hash: row["hash"], signature: row["signature"],
                            at: Date(timeIntervalSince1970: row["at"]))
        }
    }

    static func audit(_ row: Row) throws -> AuditRecord {
        guard let outcome = AuditOutcome(rawValue: row["outcome"]) else { throw StoreError.corrupt(detail: "audit.outcome") }
        return AuditRecord(sequence: row["seq"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
                           action: row["action"], target: row["target"], outcome: outcome, detail: row["detail"],
                           previousHash: row["prev_hash"], hash: row["hash"])
    }
}
