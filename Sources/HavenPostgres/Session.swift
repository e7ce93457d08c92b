import Foundation
import HavenCore
import HavenStore
import Logging
import NIOCore
import PostgresNIO

/// One connection lent to one transaction body, used only on the thread that runs the body.
///
/// Each call sends one statement and blocks this thread until the answer arrives (the store's
/// own thread, never an event loop or Swift's cooperative pool). PostgreSQL aborts a transaction
/// at its first error, so the first failure is kept: a later statement fails at once with it,
/// and the runner can tell a failure worth retrying from the body's own errors.
final class Session {
    let connection: PooledConnection
    let logger: Logger
    let driverLogger: Logger
    let location: PostgresLocation
    /// The first driver failure in this transaction.
    private(set) var failure: PostgresFailure?

    init(connection: PooledConnection, logger: Logger, driverLogger: Logger, location: PostgresLocation) {
        self.connection = connection
        self.logger = logger
        self.driverLogger = driverLogger
        self.location = location
    }

    /// Runs one statement and returns its rows and command tag.
    func run(_ query: PostgresQuery) throws(StoreError) -> PostgresQueryResult {
        if let failure { throw failure.error }
        do {
            return try connection.query(query, logger: driverLogger)
        } catch {
            let failure = PostgresFailure(error, location: location)
            self.failure = failure
            if failure.kind != .final {
                logger.debug("PostgreSQL statement failed", metadata: ["failure": "\(failure.kind)", "error": "\(failure.error)"])
            }
            throw failure.error
        }
    }

    /// The rows of a query, each readable by column name.
    func rows(_ query: PostgresQuery, table: String) throws(StoreError) -> [Cells] {
        try run(query).rows.map { Cells(row: $0.makeRandomAccess(), table: table) }
    }

    /// The first row of a query, if any.
    func row(_ query: PostgresQuery, table: String) throws(StoreError) -> Cells? {
        try run(query).rows.first.map { Cells(row: $0.makeRandomAccess(), table: table) }
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws(StoreError) -> Int {
        try run(query).metadata.rows ?? 0
    }
}

/// One row's cells, decoded by column name: a missing column, a NULL where a value is due or a
/// value of the wrong type is corruption (``StoreError/corrupt``), never a crash.
struct Cells {
    let row: PostgresRandomAccessRow
    let table: String

    func callAsFunction<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(StoreError) -> T {
        guard row.contains(column) else { throw .corrupt(detail: "\(table).\(column) is missing") }
        do {
            return try row[column].decode(T.self)
        } catch {
            throw .corrupt(detail: "\(table).\(column): a stored value of the wrong type")
        }
    }

    /// An instant stored as seconds since 1970 (float8), as the embedded engine stores it.
    func date(_ column: String) throws(StoreError) -> Date { Date(timeIntervalSince1970: try self(column, as: Double.self)) }

    func optionalDate(_ column: String) throws(StoreError) -> Date? {
        try self(column, as: Double?.self).map(Date.init(timeIntervalSince1970:))
    }

    /// A boolean stored as 0/1 (bigint), as the embedded engine stores it.
    func bool(_ column: String) throws(StoreError) -> Bool { try self(column, as: Int.self) != 0 }

    func optionalBool(_ column: String) throws(StoreError) -> Bool? { try self(column, as: Int?.self).map { $0 != 0 } }

    /// A day stored as `YYYY-MM-DD`.
    func day(_ column: String) throws(StoreError) -> LocalDate {
        let text = try self(column, as: String.self)
        guard let day = LocalDate(iso: text) else { throw .corrupt(detail: "\(table).\(column) is not a date") }
        return day
    }

    func optionalDay(_ column: String) throws(StoreError) -> LocalDate? {
        guard let text = try self(column, as: String?.self) else { return nil }
        guard let day = LocalDate(iso: text) else { throw .corrupt(detail: "\(table).\(column) is not a date") }
        return day
    }

    /// A coded value; one this build does not know is corruption, never dropped.
    func coded<V: RawRepresentable>(_ column: String, _ type: V.Type = V.self) throws(StoreError) -> V where V.RawValue == String {
        guard let value = V(rawValue: try self(column, as: String.self)) else { throw .corrupt(detail: "\(table).\(column)") }
        return value
    }

    func optionalCoded<V: RawRepresentable>(_ column: String, _ type: V.Type = V.self) throws(StoreError) -> V? where V.RawValue == String {
        guard let text = try self(column, as: String?.self) else { return nil }
        guard let value = V(rawValue: text) else { throw .corrupt(detail: "\(table).\(column)") }
        return value
    }

    /// A comma-joined list of coded values.
    func codedList<V: RawRepresentable>(_ column: String, _ type: V.Type = V.self) throws(StoreError) -> [V] where V.RawValue == String {
        try self(column, as: String.self).split(separator: ",").map { (part) throws(StoreError) -> V in
            guard let value = V(rawValue: String(part)) else { throw .corrupt(detail: "\(table).\(column)") }
            return value
        }
    }

    /// A comma-joined list of names.
    func list(_ column: String) throws(StoreError) -> [String] {
        try self(column, as: String.self).split(separator: ",").map(String.init)
    }
}
