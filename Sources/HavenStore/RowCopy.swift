import Foundation

/// One cell of a row copied from one engine's store to another's (`haven store migrate`,
/// issue #13). The embedded store's column types map one to one: INTEGER, REAL, TEXT, BLOB.
public enum StoreValue: Sendable, Hashable, Codable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// Haven's tables, each after the tables it refers to, with the primary key the copy walks
/// them by. Every engine has exactly these tables and columns at the same schema version (the
/// contract suite checks it), so a store moves whole from one engine to another by copying rows.
public enum StoreTables {
    public struct Table: Sendable, Equatable {
        public let name: String
        /// The primary key's columns: the order rows are copied in, and where a copy resumes.
        public let key: [String]
        /// The table keeps its rows' insertion order in a `rowid` column (a case's events of
        /// the same instant are listed in that order): copied with the rows, so the order stays.
        public let rowid: Bool
        init(name: String, key: [String], rowid: Bool = false) { self.name = name; self.key = key; self.rowid = rowid }
    }

    /// In an order that satisfies every foreign key; `meta` (the store's id, active policy,
    /// signed settings) last, so a store whose copy stopped half-way is not taken for whole.
    public static let all: [Table] = [
        Table(name: "users", key: ["id"]),
        Table(name: "cases", key: ["id"]),
        Table(name: "case_fields", key: ["case_id", "field"]),
        Table(name: "case_events", key: ["id"], rowid: true),
        Table(name: "case_search", key: ["token", "case_id"]),
        Table(name: "imports", key: ["key"]),
        Table(name: "audit", key: ["seq"]),
        Table(name: "audit_checkpoints", key: ["seq"]),
        Table(name: "policies", key: ["hash"]),
        Table(name: "agency_keys", key: ["agency"]),
        Table(name: "trusted_origins", key: ["store_id"]),
        Table(name: "referrals", key: ["id"]),
        Table(name: "mediation_teams", key: ["id"]),
        Table(name: "mediators", key: ["id"]),
        Table(name: "mediations", key: ["id"]),
        Table(name: "mediation_sessions", key: ["id"]),
        Table(name: "mediation_followups", key: ["id"]),
        Table(name: "mediation_refusals", key: ["id"]),
        Table(name: "privacy_budget", key: ["actor", "year"]),
        Table(name: "drafts", key: ["id"]),
        Table(name: "meta", key: ["key"]),
    ]
}

/// A store whose rows can be read and written table by table, to move a store to another
/// engine. Used only by the migration; every other use goes through ``StoreReader`` and
/// ``StoreWriter``.
public protocol RowCopyStore: Store {
    /// The schema version (the number of migrations applied): a copy needs both stores at the same one.
    func schemaVersion() async throws -> Int
    /// The columns of one of ``StoreTables/all``, in the table's order.
    func columns(of table: StoreTables.Table) async throws -> [String]
    /// How many rows the table holds.
    func count(of table: StoreTables.Table) async throws -> Int
    /// Up to `limit` rows of `table`, in key order, whose key comes after `after` (nil: from the first).
    /// Key order is by the values as stored: integers numerically, text byte by byte (UTF-8).
    func rows(of table: StoreTables.Table, columns: [String], after: [StoreValue]?, limit: Int) async throws -> [[StoreValue]]
    /// Inserts `rows` and sets `meta` in one transaction (a row whose key is taken fails the whole batch).
    func insert(_ rows: [[StoreValue]], into table: StoreTables.Table, columns: [String], meta: [String: String]) async throws
    /// Removes the meta keys `keys` (one transaction).
    func removeMeta(_ keys: [String]) async throws
}
