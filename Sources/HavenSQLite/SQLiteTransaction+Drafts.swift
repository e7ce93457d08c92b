import Foundation
import GRDB
import HavenCore
import HavenStore

extension SQLiteTransaction {
    // MARK: - Case search tokens

    func cases(searchTokens tokens: [String]) throws -> [CaseID] {
        guard !tokens.isEmpty else { return [] }
        let sql = "SELECT case_id FROM case_search WHERE token IN (\(Array(repeating: "?", count: tokens.count).joined(separator: ", ")))"
            + " GROUP BY case_id HAVING COUNT(DISTINCT token) = ? ORDER BY case_id"
        let arguments = StatementArguments(tokens) + [tokens.count]
        return try String.fetchAll(db, sql: sql, arguments: arguments).compactMap(CaseID.init(parsing:))
    }

    func searchTokensPending() throws -> Bool {
        try meta("search.pending") != nil
    }

    func setSearchTokens(_ id: CaseID, _ tokens: [String]) throws {
        try run("DELETE FROM case_search WHERE case_id = ?", [id.rawValue])
        for token in Set(tokens) {
            try run("INSERT INTO case_search (token, case_id) VALUES (?, ?)", [token, id.rawValue])
        }
    }

    func clearSearchTokensPending() throws {
        try run("DELETE FROM meta WHERE key = 'search.pending'", [])
    }

    // MARK: - Intake drafts

    func draft(id: String) throws -> DraftRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM drafts WHERE id = ?"), arguments: [id]).map(Self.draft)
    }

    func drafts(owner: String) throws -> [DraftRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM drafts WHERE owner = ? ORDER BY created_at, id"), arguments: [owner]).map(Self.draft)
    }

    func upsertDraft(_ draft: DraftRecord) throws {
        try run("""
            INSERT OR REPLACE INTO drafts (id, owner, created_at, updated_at, wrapped_key, key_version, sealed, answered)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [draft.id, draft.owner, draft.createdAt.timeIntervalSince1970, draft.updatedAt.timeIntervalSince1970, draft.wrappedKey,
                  draft.keyVersion, draft.sealed, draft.answered])
    }

    func deleteDraft(id: String) throws {
        try run("DELETE FROM drafts WHERE id = ?", [id])
    }

    func deleteDrafts(updatedBefore date: Date) throws -> Int {
        try run("DELETE FROM drafts WHERE updated_at < ?", [date.timeIntervalSince1970])
        return db.changesCount
    }

    static func draft(_ row: Row) -> DraftRecord {
        DraftRecord(id: row["id"], owner: row["owner"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]), wrappedKey: row["wrapped_key"], keyVersion: row["key_version"],
                    sealed: row["sealed"], answered: row["answered"])
    }
}
