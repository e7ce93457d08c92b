import Foundation
import GRDB

/// Direct access to a store file, bypassing Haven: how tests play the attacker.
public enum RawDatabase {
    /// Executes `sql` on the database at `path`.
    public static func execute(path: String, sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// Executes `sql` with a single blob argument.
    public static func execute(path: String, sql: String, blob: Data) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql, arguments: [blob]) }
    }

    /// The first column of the first row of `sql`, as a string.
    public static func string(path: String, sql: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try String.fetchOne(db, sql: sql) }
    }

    /// The first column of the first row of `sql`, as bytes.
    public static func blob(path: String, sql: String) throws -> Data? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Data.fetchOne(db, sql: sql) }
    }
}
