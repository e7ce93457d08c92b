import Foundation
import PostgresNIO

/// A row to write, column by column: each value is named where it is given and becomes a `$n`
/// parameter, never SQL text. Inserts, updates and upserts are made from the same list, so a
/// column's name and its value cannot drift apart.
///
/// Storage classes match the embedded engine's, so that rows copy between engines one to one:
/// instants as float8 seconds, booleans as bigint 0/1, lists as comma-joined text, bytes as bytea.
struct Columns {
    private(set) var names: [String] = []
    private var binds = PostgresBindings()

    mutating func set<V: PostgresThrowingDynamicTypeEncodable>(_ name: String, _ value: V?) throws {
        names.append(name)
        try binds.append(value)
    }

    mutating func set(_ name: String, _ value: Date) throws { try set(name, value.timeIntervalSince1970) }
    mutating func set(_ name: String, _ value: Date?) throws { try set(name, value?.timeIntervalSince1970) }
    mutating func set(_ name: String, _ value: Bool) throws { try set(name, value ? 1 : 0) }
    mutating func set(_ name: String, _ value: Bool?) throws { try set(name, value.map { $0 ? 1 : 0 }) }

    private func placeholder(_ name: String) -> String {
        "$\((names.firstIndex(of: name) ?? 0) + 1)"
    }

    /// `INSERT INTO table (…) VALUES (…)`.
    func insert(into table: String, suffix: String = "") -> PostgresQuery {
        let values = names.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(values))\(suffix)", binds: binds)
    }

    /// An insert that replaces the row holding the same `key` (SQLite's `INSERT OR REPLACE` for a
    /// table that nothing cascades from).
    func upsert(into table: String, key: [String]) -> PostgresQuery {
        let changes = names.filter { !key.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return insert(into: table, suffix: " ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(changes)")
    }

    /// `UPDATE table SET … WHERE key = …`, the key being one of the columns.
    func update(_ table: String, key: String) -> PostgresQuery {
        let changes = names.filter { $0 != key }.map { "\($0) = \(placeholder($0))" }.joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "UPDATE \(table) SET \(changes) WHERE \(key) = \(placeholder(key))", binds: binds)
    }
}

/// A statement whose clauses are chosen at run time: values become `$n` parameters.
struct Statement {
    private(set) var sql: String
    private var binds = PostgresBindings()

    init(_ sql: String) { self.sql = sql }

    /// Binds a value and returns its placeholder, to be written into the SQL (once or more).
    mutating func bind<V: PostgresThrowingDynamicTypeEncodable>(_ value: V) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    mutating func append(_ text: String) { sql += text }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

extension Bool {
    /// 0 or 1, as booleans are stored.
    var stored: Int { self ? 1 : 0 }
}
