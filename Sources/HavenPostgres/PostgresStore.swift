import Foundation
import HavenCore
import HavenStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// A Haven store in a PostgreSQL database (Deploy/transactions.md, option 1).
///
/// Bodies stay synchronous: each runs on one of the store's own threads (a `NIOThreadPool` as
/// large as the connection pool), and every `tx.…` call sends its statement on the body's
/// connection and blocks that thread for the answer. No event loop and no thread of Swift's
/// cooperative pool ever waits.
///
/// Write transactions take a transaction-scoped advisory lock first, so that writers are
/// serialised across connections, processes and servers, as SQLite's IMMEDIATE transactions are:
/// a body may read the audit chain's head and append to it without a race. Read transactions
/// see one snapshot (REPEATABLE READ, READ ONLY). A serialization failure, a deadlock, or a
/// connection lost before COMMIT runs the whole body again, a bounded number of times.
public final class PostgresStore: Store {
    /// Where the store is (without a password).
    public let location: PostgresLocation
    let runner: TransactionRunner
    private let threads: NIOThreadPool

    init(runner: TransactionRunner, threads: NIOThreadPool) {
        self.location = runner.pool.location
        self.runner = runner
        self.threads = threads
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        let runner = self.runner
        return try await onStoreThread { try runner.run(.read) { try body($0) } }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        let runner = self.runner
        return try await onStoreThread { try runner.run(.write) { try body($0) } }
    }

    private func onStoreThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await threads.runIfActive(work)
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw StoreError.io(detail: "the PostgreSQL store is shut down")
        } catch is CancellationError where !Task.isCancelled {
            // A thread pool that was shut down cancels the work given to it afterwards.
            throw StoreError.io(detail: "the PostgreSQL store is shut down")
        }
    }

    /// Closes the connections and stops the store's threads, after the transactions under way.
    /// The store refuses every call afterwards.
    public func shutdown() async {
        try? await threads.shutdownGracefully()
        try? await runner.pool.close().get()
    }

    deinit {
        // A store dropped without shutdown() (a test's, a failed command's) still frees its
        // threads and connections; neither call blocks.
        threads.shutdownGracefully { _ in }
        runner.pool.close().whenComplete { _ in }
    }
}

/// Runs transaction bodies on a connection from the pool: BEGIN, the body, COMMIT, or
/// ROLLBACK and, for a failure worth it, the whole body again.
final class TransactionRunner: Sendable {
    enum Mode { case read, write }

    let pool: ConnectionPool
    let logger: Logger
    /// How many times a body is run at most when the server gives up its transaction.
    static let maxAttempts = 5
    /// The advisory lock every write transaction takes first: one fixed 64-bit key for Haven
    /// ("HAVENSTR" in ASCII), so that writers of every process sharing the database exclude
    /// each other and nothing else's locks.
    static let writeLockKey: Int64 = 0x4841_5645_4E53_5452

    init(pool: ConnectionPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Runs `body` in one transaction on the calling thread, which must not be an event loop.
    func run<T>(_ mode: Mode, _ body: (PostgresTransaction) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try once(mode, body)
            } catch let failure as PostgresFailure {
                guard failure.kind != .final, attempt < Self.maxAttempts else { throw failure.error }
                logger.notice("PostgreSQL transaction run again", metadata: ["attempt": "\(attempt + 1)", "reason": "\(failure.kind)"])
                // A short, growing, jittered pause, so that bodies that collided do not collide again.
                let pause = Double(5 << attempt) / 1000 * Double.random(in: 0.5...1.5)
                Thread.sleep(forTimeInterval: pause)
                attempt += 1
            }
        }
    }

    /// One attempt. Throws a ``PostgresFailure`` when the attempt failed in a way ``run`` may
    /// retry; the body's own errors (and final store errors) as they are.
    private func once<T>(_ mode: Mode, _ body: (PostgresTransaction) throws -> T) throws -> T {
        let connection = try pool.checkout()
        let session = Session(connection: connection, logger: logger, driverLogger: pool.driverLogger, location: pool.location)
        var committing = false
        do {
            switch mode {
            case .read:
                try session.execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            case .write:
                try session.execute("BEGIN")
                try session.execute("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))")
            }
            let value = try body(PostgresTransaction(session: session))
            // A body that caught a store error and went on: PostgreSQL has aborted the
            // transaction, and COMMIT would only roll it back.
            if let failure = session.failure { throw failure.error }
            committing = true
            let tag = try session.run("COMMIT").metadata.command
            guard tag == "COMMIT" else { throw StoreError.io(detail: "PostgreSQL rolled the transaction back at COMMIT (\(tag))") }
            pool.checkin(connection)
            return value
        } catch {
            guard let failure = session.failure else {
                // The body's own error: nothing went wrong with the connection.
                rollBack(session)
                throw error
            }
            switch failure.kind {
            case .connectionLost:
                pool.discard(connection)
                if committing {
                    throw PostgresFailure(kind: .final, error: .io(
                        detail: "the connection to PostgreSQL was lost during COMMIT: the transaction may or may not have been saved"))
                }
                throw failure
            case .retry:
                rollBack(session)
                throw failure
            case .final:
                rollBack(session)
                throw error
            }
        }
    }

    /// Ends a failed transaction; a connection that cannot even roll back is not reused.
    private func rollBack(_ session: Session) {
        do {
            _ = try session.connection.query("ROLLBACK", logger: pool.driverLogger)
            pool.checkin(session.connection)
        } catch {
            pool.discard(session.connection)
        }
    }
}
