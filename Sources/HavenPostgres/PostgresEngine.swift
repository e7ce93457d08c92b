import Foundation
import HavenStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The server engine: a store is Haven's tables in an existing PostgreSQL database, named by a
/// `postgres://user@host:port/database` URL (see ``PostgresLocation``).
///
/// `create` makes the tables in a database that has none of Haven's; `open` checks the schema
/// version and migrates an older one forward; `remove` drops Haven's tables. The database itself
/// is the operator's: Haven never creates or drops one. `create` and `open` block their caller
/// while they connect and migrate, as the embedded engine's do.
public struct PostgresEngine: StoreEngine {
    let environment: [String: String]
    let poolSize: Int
    let logger: Logger
    /// The logger handed to postgres-nio: the same, at `notice` or above.
    let driverLogger: Logger

    /// The event loop the connections' I/O runs on: one for the process, made for Haven's
    /// PostgreSQL connections only, so that no caller's thread is ever one of its event loops
    /// (a store blocks its own threads on futures of this loop) and it never needs shutting down.
    static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// - Parameters:
    ///   - environment: where `PGPASSWORD` (and `PGUSER`) are read; the process's by default.
    ///   - poolSize: connections, and threads running bodies, per store.
    ///   - logger: for connection and retry events (counts, ids and SQLSTATEs only). The driver
    ///     logs through it at `notice` or above only: its lower levels show row contents.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, poolSize: Int = 4,
                logger: Logger = Logger(label: "haven.postgres")) {
        self.environment = environment
        self.poolSize = max(1, poolSize)
        self.logger = logger
        var quiet = logger
        if quiet.logLevel < .notice { quiet.logLevel = .notice }
        self.driverLogger = quiet
    }

    public func exists(_ location: String) throws(StoreError) -> Bool {
        let runner = try runner(location)
        defer { _ = runner.pool.close() }
        do {
            return try runner.run(.read) { tx in try tx.tableExists(PostgresSchema.versionTable) }
        } catch let error as StoreError {
            // A database that is not there holds no store; every other failure is said as it is.
            if case .notFound = error { return false }
            throw error
        } catch {
            throw StoreError.io(detail: "PostgreSQL: \(type(of: error))")
        }
    }

    public func create(_ location: String) throws(StoreError) -> any Store { try createStore(location) }

    public func open(_ location: String) throws(StoreError) -> any Store { try openStore(location) }

    /// Makes Haven's tables in an existing database; refuses when they are there.
    public func createStore(_ location: String) throws(StoreError) -> PostgresStore {
        let runner = try runner(location)
        do {
            try runner.run(.write) { tx in
                if try tx.tableExists(PostgresSchema.versionTable) || tx.tableExists("cases") {
                    throw StoreError.alreadyExists(path: runner.pool.location.shown)
                }
                try tx.migrate(from: 0)
            }
        } catch {
            _ = runner.pool.close()
            throw Self.storeError(error)
        }
        return makeStore(runner)
    }

    /// Opens the store: a schema newer than this build is refused as corrupt, an older one is
    /// migrated forward (under the write lock, so two processes opening it at once are safe).
    public func openStore(_ location: String) throws(StoreError) -> PostgresStore {
        let runner = try runner(location)
        do {
            try runner.run(.write) { tx in
                guard try tx.tableExists(PostgresSchema.versionTable) else { throw StoreError.notFound(path: runner.pool.location.shown) }
                let applied = try tx.appliedMigrations()
                let known = PostgresSchema.migrations.map(\.identifier)
                guard applied.count <= known.count, applied == Array(known.prefix(applied.count)) else {
                    throw StoreError.corrupt(detail: "the store's schema (version \(applied.count)) is newer than this build of Haven knows "
                                             + "(version \(known.count)); upgrade Haven")
                }
                try tx.migrate(from: applied.count)
            }
        } catch {
            _ = runner.pool.close()
            throw Self.storeError(error)
        }
        return makeStore(runner)
    }

    /// Drops Haven's tables (what a creation that failed half-way left), in one transaction.
    public func remove(_ location: String) {
        guard let runner = try? runner(location) else { return }
        defer { _ = runner.pool.close() }
        _ = try? runner.run(.write) { tx in
            for table in PostgresSchema.tables { try tx.session.execute(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(table) CASCADE")) }
        }
    }

    private func runner(_ location: String) throws(StoreError) -> TransactionRunner {
        let parsed = try PostgresLocation(parsing: location, environment: environment)
        var configuration = try parsed.configuration()
        // SQLite's busy timeout: a writer waits this long for the write lock, then fails as busy.
        configuration.options.additionalStartupParameters.append(("lock_timeout", "30s"))
        let pool = ConnectionPool(location: parsed, configuration: configuration, eventLoop: Self.eventLoopGroup.next(),
                                  logger: logger, driverLogger: driverLogger)
        return TransactionRunner(pool: pool, logger: logger)
    }

    private func makeStore(_ runner: TransactionRunner) -> PostgresStore {
        let threads = NIOThreadPool(numberOfThreads: poolSize)
        threads.start()
        return PostgresStore(runner: runner, threads: threads)
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let failure = error as? PostgresFailure { return failure.error }
        return .io(detail: "PostgreSQL: \(type(of: error))")
    }
}
