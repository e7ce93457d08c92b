import Foundation
import GRDB
import HavenStore

/// Row copying for `haven store migrate` (issue #13): the embedded store as the source (and,
/// for tests, as a target). Table and column names come from ``StoreTables`` and the schema
/// itself, never from input.
extension SQLiteStore: RowCopyStore {
    public func schemaVersion() async throws -> Int {
        do {
            return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 }
        } catch { throw Self.convert(error) }
    }

    public func columns(of table: StoreTables.Table) async throws -> [String] {
        do {
            // SQLite's implicit rowid (insertion order) is named when the table relies on it.
            return try await pool.read { db in try db.columns(in: table.name).map(\.name) + (table.rowid ? ["rowid"] : []) }
        } catch { throw Self.convert(error) }
    }

    public func count(of table: StoreTables.Table) async throws -> Int {
        do {
            return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(Self.quoted(table.name))") ?? 0 }
        } catch { throw Self.convert(error) }
    }

    public func rows(of table: StoreTables.Table, columns: [String], after: [StoreValue]?, limit: Int) async throws -> [[StoreValue]] {
        let key = table.key.map(Self.quoted).joined(separator: ", ")
        var sql = "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table.name))"
        var arguments = StatementArguments()
        if let after {
            // Row values compare column by column: text as bytes (BINARY), integers as numbers.
            sql += " WHERE (\(key)) > (\(Array(repeating: "?", count: after.count).joined(separator: ", ")))"
            arguments = StatementArguments(after.map(Self.databaseValue))
        }
        sql += " ORDER BY \(key) LIMIT \(max(1, limit))"
        let query = sql, bound = arguments
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: query, arguments: bound).map { row in
                    (0..<row.count).map { Self.storeValue(row[$0] as DatabaseValue) }
                }
            }
        } catch { throw Self.convert(error) }
    }

    public func insert(_ rows: [[StoreValue]], into table: StoreTables.Table, columns: [String], meta: [String: String]) async throws {
        let sql = "INSERT INTO \(Self.quoted(table.name)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        do {
            try await pool.write { db in
                let statement = try db.makeStatement(sql: sql)
                for row in rows { try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue))) }
                for (key, value) in meta {
                    try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                   arguments: [key, value])
                }
            }
        } catch { throw Self.convert(error) }
    }

    public func removeMeta(_ keys: [String]) async throws {
        do {
            try await pool.write { db in for key in keys { try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key]) } }
        } catch { throw Self.convert(error) }
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func storeValue(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }

    static func databaseValue(_ value: StoreValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let data): data.databaseValue
        }
    }
}
