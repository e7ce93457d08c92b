import Foundation
import HavenCore
import HavenStore
import PostgresNIO

/// ``StoreWriter`` over one PostgreSQL connection inside a transaction: the embedded engine's
/// statements (HavenSQLite's `SQLiteTransaction`), written for PostgreSQL, with the same orders.
struct PostgresTransaction: StoreWriter {
    let session: Session

    // MARK: - Schema

    func tableExists(_ name: String) throws -> Bool {
        try session.row("SELECT to_regclass(\(name)) IS NOT NULL AS present", table: name).map { try $0("present", as: Bool.self) } ?? false
    }

    /// The identifiers of the migrations applied, in order.
    func appliedMigrations() throws -> [String] {
        try session.rows(PostgresQuery(unsafeSQL: "SELECT identifier FROM \(PostgresSchema.versionTable) ORDER BY version"),
                         table: PostgresSchema.versionTable).map { try $0("identifier", as: String.self) }
    }

    /// Applies the migrations after the first `applied`, in this transaction.
    func migrate(from applied: Int) throws {
        if applied == 0 {
            try session.execute(PostgresQuery(unsafeSQL: """
                CREATE TABLE \(PostgresSchema.versionTable) (
                    version bigint PRIMARY KEY, identifier text COLLATE "C" NOT NULL UNIQUE, applied_at double precision NOT NULL)
                """))
        }
        let now = Date().timeIntervalSince1970
        for (index, migration) in PostgresSchema.migrations.enumerated().dropFirst(applied) {
            for statement in migration.statements { try session.execute(PostgresQuery(unsafeSQL: statement)) }
            try session.execute(PostgresQuery(
                unsafeSQL: "INSERT INTO \(PostgresSchema.versionTable) (version, identifier, applied_at) VALUES ($1, $2, $3)",
                binds: bindings(index + 1, migration.identifier, now)))
        }
    }

    private func bindings(_ version: Int, _ identifier: String, _ at: Double) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(version); binds.append(identifier); binds.append(at)
        return binds
    }

    // MARK: - Meta

    func meta(_ key: String) throws -> String? {
        try session.row("SELECT value FROM meta WHERE key = \(key)", table: "meta").map { try $0("value", as: String.self) }
    }

    func setMeta(_ key: String, _ value: String) throws {
        try session.execute("INSERT INTO meta (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
    }

    // MARK: - Cases

    func insertCase(_ record: CaseRecord) throws {
        try session.execute(try CaseRow.columns(record).insert(into: "cases"))
        try insertSealed(record)
    }

    func replaceCase(_ record: CaseRecord) throws {
        guard try session.execute(try CaseRow.columns(record).update("cases", key: "id")) > 0 else {
            throw StoreError.corrupt(detail: "cases: no row to replace")
        }
        try session.execute("DELETE FROM case_fields WHERE case_id = \(record.id.rawValue)")
        try insertSealed(record)
    }

    private func insertSealed(_ record: CaseRecord) throws {
        for (field, ciphertext) in record.sealed.sorted(by: { $0.key < $1.key }) {
            try session.execute("INSERT INTO case_fields (case_id, field, ciphertext) VALUES (\(record.id.rawValue), \(field), \(ciphertext))")
        }
    }

    func caseRecord(_ id: CaseID) throws -> CaseRecord? {
        guard let row = try session.row("SELECT * FROM cases WHERE id = \(id.rawValue)", table: "cases") else { return nil }
        var record = try CaseRow.record(row)
        for field in try session.rows("SELECT field, ciphertext FROM case_fields WHERE case_id = \(id.rawValue)", table: "case_fields") {
            record.sealed[try field("field", as: String.self)] = try field("ciphertext", as: Data.self)
        }
        return record
    }

    func cases(_ filter: CaseFilter) throws -> [CaseRecord] {
        var statement = Statement("SELECT * FROM cases")
        var clauses: [String] = []
        if let status = filter.status { clauses.append("status = \(try statement.bind(status.rawValue))") }
        if let communes = filter.communes {
            if communes.isEmpty { return [] }
            clauses.append("commune = ANY(\(try statement.bind(communes)))")
        }
        if let since = filter.reportedSince { clauses.append("report_date >= \(try statement.bind(since.description))") }
        if !clauses.isEmpty { statement.append(" WHERE " + clauses.joined(separator: " AND ")) }
        statement.append(" ORDER BY reported_at DESC, id")
        if let limit = filter.limit { statement.append(" LIMIT \(max(0, limit))") }
        return try session.rows(statement.query, table: "cases").map(CaseRow.record)
    }

    func caseExists(_ id: CaseID) throws -> Bool {
        try session.row("SELECT EXISTS (SELECT 1 FROM cases WHERE id = \(id.rawValue)) AS present", table: "cases").map { try $0("present", as: Bool.self) } ?? false
    }

    func cases(notWrappedWith version: Int, limit: Int) throws -> [CaseID] {
        try session.rows("SELECT id FROM cases WHERE key_version <> \(version) ORDER BY id LIMIT \(limit)", table: "cases")
            .compactMap { CaseID(parsing: try $0("id", as: String.self)) }
    }

    func rewrapCaseKey(_ id: CaseID, wrapped: Data, version: Int) throws {
        try session.execute("UPDATE cases SET wrapped_key = \(wrapped), key_version = \(version) WHERE id = \(id.rawValue)")
    }

    func caseCount() throws -> Int {
        try session.row("SELECT count(*) AS n FROM cases", table: "cases").map { try $0("n", as: Int.self) } ?? 0
    }

    func cases(blindIndex: String) throws -> [(id: CaseID, reportedAt: Date)] {
        try reported(session.rows("SELECT id, reported_at FROM cases WHERE blind_index = \(blindIndex) ORDER BY reported_at, id", table: "cases"))
    }

    func cases(pairIndex: String) throws -> [(id: CaseID, reportedAt: Date)] {
        try reported(session.rows("SELECT id, reported_at FROM cases WHERE pair_index = \(pairIndex) ORDER BY reported_at, id", table: "cases"))
    }

    private func reported(_ rows: [Cells]) throws -> [(id: CaseID, reportedAt: Date)] {
        try rows.compactMap { row in
            guard let id = CaseID(parsing: try row("id", as: String.self)) else { return nil }
            return (id, try row.date("reported_at"))
        }
    }

    func importedCase(key: String) throws -> CaseID? {
        try session.row("SELECT case_id FROM imports WHERE key = \(key)", table: "imports")
            .flatMap { CaseID(parsing: try $0("case_id", as: String.self)) }
    }

    func recordImport(key: String, caseID: CaseID, at: Date) throws {
        try session.execute("INSERT INTO imports (key, case_id, at) VALUES (\(key), \(caseID.rawValue), \(at.timeIntervalSince1970))")
    }

    func setCaseSeal(_ id: CaseID, _ seal: Data) throws {
        try session.execute("UPDATE cases SET seal = \(seal) WHERE id = \(id.rawValue)")
    }

    func setPairIndex(_ id: CaseID, _ pairIndex: String) throws {
        try session.execute("UPDATE cases SET pair_index = \(pairIndex) WHERE id = \(id.rawValue)")
    }

    func updateCaseStatus(_ id: CaseID, status: CaseStatus, outcome: CaseOutcome?, at: Date) throws {
        try session.execute("""
            UPDATE cases SET status = \(status.rawValue), outcome = \(outcome?.rawValue), updated_at = \(at.timeIntervalSince1970)
            WHERE id = \(id.rawValue)
            """)
    }

    // MARK: - Events

    func appendEvent(_ event: CaseEvent) throws {
        try session.execute("""
            INSERT INTO case_events (id, case_id, at, actor, kind, detail, sealed)
            VALUES (\(event.id), \(event.caseID.rawValue), \(event.at.timeIntervalSince1970), \(event.actor), \(event.kind.rawValue),
                    \(event.detail), \(event.sealed))
            """)
    }

    /// In time order; events of the same instant in the order they were appended (`rowid`).
    func events(caseID: CaseID) throws -> [CaseEvent] {
        try session.rows("SELECT * FROM case_events WHERE case_id = \(caseID.rawValue) ORDER BY at, rowid", table: "case_events").map { row in
            CaseEvent(id: try row("id"), caseID: caseID, at: try row.date("at"), actor: try row("actor"), kind: try row.coded("kind"),
                      detail: try row("detail"), sealed: try row("sealed"))
        }
    }

    // MARK: - Users

    func insertUser(_ user: UserRecord) throws {
        try session.execute(try UserRow.columns(user).insert(into: "users"))
    }

    func revokeUser(id: String, at: Date) throws {
        try session.execute("UPDATE users SET revoked_at = \(at.timeIntervalSince1970) WHERE id = \(id) AND revoked_at IS NULL")
    }

    func user(id: String) throws -> UserRecord? {
        try session.row("SELECT * FROM users WHERE id = \(id)", table: "users").map(UserRow.record)
    }

    func user(tokenHash: String) throws -> UserRecord? {
        try session.row("SELECT * FROM users WHERE token_hash = \(tokenHash)", table: "users").map(UserRow.record)
    }

    func users() throws -> [UserRecord] {
        try session.rows("SELECT * FROM users ORDER BY created_at, id", table: "users").map(UserRow.record)
    }

    // MARK: - Audit

    func appendAudit(_ entry: AuditRecord) throws {
        try session.execute("""
            INSERT INTO audit (seq, at, actor, action, target, outcome, detail, prev_hash, hash)
            VALUES (\(entry.sequence), \(entry.at.timeIntervalSince1970), \(entry.actor), \(entry.action), \(entry.target),
                    \(entry.outcome.rawValue), \(entry.detail), \(entry.previousHash), \(entry.hash))
            """)
    }

    func auditEntries(from: Int64, limit: Int) throws -> [AuditRecord] {
        try session.rows("SELECT * FROM audit WHERE seq >= \(from) ORDER BY seq LIMIT \(limit)", table: "audit").map(Self.audit)
    }

    func auditEntries(target: String) throws -> [AuditRecord] {
        try session.rows("SELECT * FROM audit WHERE target = \(target) ORDER BY seq", table: "audit").map(Self.audit)
    }

    func lastAuditEntry() throws -> AuditRecord? {
        try session.row("SELECT * FROM audit ORDER BY seq DESC LIMIT 1", table: "audit").map(Self.audit)
    }

    func insertCheckpoint(_ checkpoint: AuditCheckpoint) throws {
        try session.execute("""
            INSERT INTO audit_checkpoints (seq, hash, signature, at)
            VALUES (\(checkpoint.sequence), \(checkpoint.hash), \(checkpoint.signature), \(checkpoint.at.timeIntervalSince1970))
            ON CONFLICT (seq) DO UPDATE SET hash = EXCLUDED.hash, signature = EXCLUDED.signature, at = EXCLUDED.at
            """)
    }

    func auditCheckpoints() throws -> [AuditCheckpoint] {
        try session.rows("SELECT * FROM audit_checkpoints ORDER BY seq", table: "audit_checkpoints").map { row in
            AuditCheckpoint(sequence: try row("seq"), hash: try row("hash"), signature: try row("signature"), at: try row.date("at"))
        }
    }

    static func audit(_ row: Cells) throws -> AuditRecord {
        AuditRecord(sequence: try row("seq"), at: try row.date("at"), actor: try row("actor"), action: try row("action"),
                    target: try row("target"), outcome: try row.coded("outcome"), detail: try row("detail"),
                    previousHash: try row("prev_hash"), hash: try row("hash"))
    }
}
