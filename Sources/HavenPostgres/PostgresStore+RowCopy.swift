import Foundation
import HavenStore
import NIOCore
import PostgresNIO

/// Row copying for `haven store migrate` (issue #13): PostgreSQL as the target of an office's
/// move (and as a source). Table and column names come from ``StoreTables`` and the catalog,
/// never from input; values are bound, never spliced.
extension PostgresStore: RowCopyStore {
    public func schemaVersion() async throws -> Int {
        try await read { tx in try Self.transaction(tx).appliedMigrations().count }
    }

    public func columns(of table: StoreTables.Table) async throws -> [String] {
        try await read { tx in try Self.columnTypes(Self.transaction(tx), table.name).map(\.name) }
    }

    public func count(of table: StoreTables.Table) async throws -> Int {
        try await read { tx in
            try Self.transaction(tx).session.row(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(Self.quoted(table.name))"), table: table.name)
                .map { try $0("n", as: Int.self) } ?? 0
        }
    }

    public func rows(of table: StoreTables.Table, columns: [String], after: [StoreValue]?, limit: Int) async throws -> [[StoreValue]] {
        let key = table.key.map(Self.quoted).joined(separator: ", ")
        var sql = "SELECT \(columns.map(Self.quoted).joined(separator: ", ")) FROM \(Self.quoted(table.name))"
        var binds = PostgresBindings()
        if let after {
            // Row values compare column by column; text in the "C" collation (bytes), as SQLite.
            sql += " WHERE (\(key)) > (\((1...after.count).map { "$\($0)" }.joined(separator: ", ")))"
            for value in after { Self.bind(value, into: &binds) }
        }
        sql += " ORDER BY \(key) LIMIT \(max(1, limit))"
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        let width = columns.count
        return try await read { tx in
            try Self.transaction(tx).session.run(query).rows.map { row in
                let cells = row.makeRandomAccess()
                return try (0..<width).map { try Self.value(cells[$0], table: table.name) }
            }
        }
    }

    public func insert(_ rows: [[StoreValue]], into table: StoreTables.Table, columns: [String], meta: [String: String]) async throws {
        try await write { tx in
            let tx = try Self.transaction(tx)
            let types = Dictionary(uniqueKeysWithValues: try Self.columnTypes(tx, table.name).map { ($0.name, $0.type) })
            let targetTypes = try columns.map { column throws -> String in
                guard let type = types[column] else { throw StoreError.corrupt(detail: "\(table.name).\(column) is missing") }
                return type
            }
            // Many rows per statement, within PostgreSQL's limit on parameters.
            let perStatement = max(1, 30_000 / max(1, columns.count))
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + perStatement)]
                var binds = PostgresBindings()
                var tuples: [String] = []
                var parameter = 0
                for row in chunk {
                    guard row.count == columns.count else { throw StoreError.corrupt(detail: "\(table.name): a row of the wrong width") }
                    var placeholders: [String] = []
                    for (value, type) in zip(row, targetTypes) {
                        parameter += 1
                        placeholders.append("$\(parameter)")
                        Self.bind(try Self.coerce(value, to: type, table.name), into: &binds)
                    }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                try tx.session.execute(PostgresQuery(unsafeSQL: "INSERT INTO \(Self.quoted(table.name)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))", binds: binds))
                start += chunk.count
            }
            if table.rowid {
                // Rows inserted later by Haven continue after the copied ones.
                try tx.session.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table.name)', 'rowid'), (SELECT COALESCE(MAX(rowid), 0) + 1 FROM \(Self.quoted(table.name))), false)
                    """))
            }
            for (key, value) in meta { try tx.setMeta(key, value) }
        }
    }

    public func removeMeta(_ keys: [String]) async throws {
        try await write { tx in
            let tx = try Self.transaction(tx)
            for key in keys { try tx.session.execute("DELETE FROM meta WHERE key = \(key)") }
        }
    }

    // MARK: - Helpers

    private static func transaction(_ tx: any StoreReader) throws -> PostgresTransaction {
        guard let tx = tx as? PostgresTransaction else { throw StoreError.io(detail: "not a PostgreSQL transaction") }
        return tx
    }

    /// The table's columns and their types, in the table's order.
    private static func columnTypes(_ tx: PostgresTransaction, _ table: String) throws -> [(name: String, type: String)] {
        try tx.session.rows("""
            SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
            """, table: table).map { (try $0("name", as: String.self), try $0("type", as: String.self)) }
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func bind(_ value: StoreValue, into binds: inout PostgresBindings) {
        switch value {
        case .null: binds.appendNull()
        case .integer(let number): binds.append(number)
        case .real(let number): binds.append(number)
        case .text(let text): binds.append(text)
        case .blob(let data): binds.append(ByteBuffer(bytes: data))
        }
    }

    /// A value as the target column stores it: the embedded store keeps instants as REAL and
    /// booleans as INTEGER, as this schema does; only a value SQLite's affinity kept in another
    /// class (an integral REAL, say) is converted, and one that cannot be is refused.
    private static func coerce(_ value: StoreValue, to type: String, _ table: String) throws -> StoreValue {
        switch (value, type) {
        case (.null, _), (.integer, "bigint"), (.integer, "integer"), (.real, "double precision"), (.text, "text"), (.blob, "bytea"):
            return value
        case (.integer(let number), "double precision"):
            return .real(Double(number))
        case (.real(let number), "bigint"), (.real(let number), "integer"):
            guard number.rounded() == number, let exact = Int64(exactly: number) else { break }
            return .integer(exact)
        case (.text(let text), "bytea"):
            return .blob(Data(text.utf8))
        default:
            break
        }
        throw StoreError.corrupt(detail: "\(table): a value that does not fit its \(type) column")
    }

    /// A cell as a copied value, by its PostgreSQL type.
    private static func value(_ cell: PostgresCell, table: String) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
            case .float8, .float4: return .real(try cell.decode(Double.self))
            case .text, .varchar, .name: return .text(try cell.decode(String.self))
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                return .blob(Data(buffer.readBytes(length: buffer.readableBytes) ?? []))
            default:
                throw StoreError.corrupt(detail: "\(table).\(cell.columnName): a column of an unexpected type")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corrupt(detail: "\(table).\(cell.columnName): a stored value of the wrong type")
        }
    }
}
