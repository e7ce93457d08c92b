import Foundation
import HavenCore
import HavenStore
import PostgresNIO

extension PostgresTransaction {
    // MARK: - Case search tokens

    func cases(searchTokens tokens: [String]) throws -> [CaseID] {
        guard !tokens.isEmpty else { return [] }
        return try session.rows("""
            SELECT case_id FROM case_search WHERE token = ANY(\(tokens))
            GROUP BY case_id HAVING count(DISTINCT token) = \(tokens.count) ORDER BY case_id
            """, table: "case_search").compactMap { CaseID(parsing: try $0("case_id", as: String.self)) }
    }

    func searchTokensPending() throws -> Bool {
        try meta("search.pending") != nil
    }

    func setSearchTokens(_ id: CaseID, _ tokens: [String]) throws {
        try session.execute("DELETE FROM case_search WHERE case_id = \(id.rawValue)")
        for token in Set(tokens).sorted() {
            try session.execute("INSERT INTO case_search (token, case_id) VALUES (\(token), \(id.rawValue))")
        }
    }

    func clearSearchTokensPending() throws {
        try session.execute("DELETE FROM meta WHERE key = 'search.pending'")
    }

    // MARK: - Intake drafts

    func draft(id: String) throws -> DraftRecord? {
        try session.row("SELECT * FROM drafts WHERE id = \(id)", table: "drafts").map(Self.draft)
    }

    func drafts(owner: String) throws -> [DraftRecord] {
        try session.rows("SELECT * FROM drafts WHERE owner = \(owner) ORDER BY created_at, id", table: "drafts").map(Self.draft)
    }

    func upsertDraft(_ draft: DraftRecord) throws {
        try session.execute("""
            INSERT INTO drafts (id, owner, created_at, updated_at, wrapped_key, key_version, sealed, answered)
            VALUES (\(draft.id), \(draft.owner), \(draft.createdAt.timeIntervalSince1970), \(draft.updatedAt.timeIntervalSince1970),
                    \(draft.wrappedKey), \(draft.keyVersion), \(draft.sealed), \(draft.answered))
            ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                wrapped_key = EXCLUDED.wrapped_key, key_version = EXCLUDED.key_version, sealed = EXCLUDED.sealed,
                answered = EXCLUDED.answered
            """)
    }

    func deleteDraft(id: String) throws {
        try session.execute("DELETE FROM drafts WHERE id = \(id)")
    }

    func deleteDrafts(updatedBefore date: Date) throws -> Int {
        try session.execute("DELETE FROM drafts WHERE updated_at < \(date.timeIntervalSince1970)")
    }

    static func draft(_ row: Cells) throws -> DraftRecord {
        DraftRecord(id: try row("id"), owner: try row("owner"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
                    wrappedKey: try row("wrapped_key"), keyVersion: try row("key_version"), sealed: try row("sealed"),
                    answered: try row("answered"))
    }
}
