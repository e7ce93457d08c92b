import Foundation
import HavenStore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The store's connections: idle ones kept for the next transaction, a new one opened when none
/// is idle, a closed or broken one dropped and replaced on the next checkout.
///
/// There is no queue of waiters: the store runs at most as many bodies at once as it has threads,
/// and a body holds one connection, so a checkout never waits for another body's connection.
/// Every call blocks its (non-event-loop) thread on the driver's future.
final class ConnectionPool: Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// postgres-nio's logger: never below `notice`, where it would log row contents.
    let driverLogger: Logger
    private let eventLoop: any EventLoop
    private let state = NIOLockedValueBox(State())

    private struct State {
        var idle: [PooledConnection] = []
        var closed = false
        var nextID = 1
    }

    init(location: PostgresLocation, configuration: PostgresConnection.Configuration, eventLoop: any EventLoop, logger: Logger,
         driverLogger: Logger) {
        self.location = location
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.logger = logger
        self.driverLogger = driverLogger
    }

    /// An open connection: an idle one, or a new one.
    func checkout() throws(PostgresFailure) -> PooledConnection {
        let (reused, id): (PooledConnection?, Int) = state.withLockedValue { state in
            while let pooled = state.idle.popLast() {
                if !pooled.connection.isClosed { return (pooled, 0) }
            }
            defer { state.nextID += 1 }
            return (nil, state.nextID)
        }
        if let reused { return reused }
        if state.withLockedValue({ $0.closed }) {
            throw PostgresFailure(kind: .final, error: .io(detail: "the PostgreSQL store is shut down"))
        }
        do {
            let connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: driverLogger).wait()
            logger.debug("PostgreSQL connection opened", metadata: ["connection": "\(id)"])
            return PooledConnection(connection)
        } catch {
            throw PostgresFailure(error, location: location)
        }
    }

    /// Returns a connection that is outside any transaction; a closed one, or any after the pool
    /// closed, is closed instead.
    func checkin(_ pooled: PooledConnection) {
        let keep = state.withLockedValue { state in
            guard !state.closed, !pooled.connection.isClosed else { return false }
            state.idle.append(pooled)
            return true
        }
        if !keep { discard(pooled) }
    }

    /// Closes a connection whose state is unknown (an error mid-transaction, a failed ROLLBACK).
    func discard(_ pooled: PooledConnection) {
        _ = Self.close(pooled.connection)
    }

    /// Closes a connection, keeping it alive until it is closed (postgres-nio asserts that a
    /// connection is closed before it is released).
    private static func close(_ connection: PostgresConnection) -> EventLoopFuture<Void> {
        connection.close().always { _ in withExtendedLifetime(connection) {} }
    }

    /// Closes the idle connections; connections in use are closed when they come back.
    func close() -> EventLoopFuture<Void> {
        let idle = state.withLockedValue { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        let closes = idle.map { Self.close($0.connection) }
        return EventLoopFuture.andAllComplete(closes, on: eventLoop)
    }
}

/// A pooled connection, and the statement a thread is waiting on.
///
/// postgres-nio writes a query to its channel without a promise: a query sent just after the
/// server closed the connection (a restart, `pg_terminate_backend`, a network cut) is dropped
/// and its future never completes, so a thread waiting on it would wait for ever. Here the
/// connection's close fails the waiting statement instead, which makes the loss a
/// ``PostgresFailure/Kind/connectionLost`` like any other.
final class PooledConnection: Sendable {
    let connection: PostgresConnection
    private let waiting = NIOLockedValueBox<EventLoopPromise<PostgresQueryResult>?>(nil)

    init(_ connection: PostgresConnection) {
        self.connection = connection
        // One callback for the connection's life, not one per statement.
        connection.closeFuture.whenComplete { [waiting] _ in
            waiting.withLockedValue { $0?.fail(ChannelError.ioOnClosedChannel) }
        }
    }

    /// Runs a statement and blocks the calling thread (never an event loop) until its answer or
    /// the connection's close, whichever comes first.
    func query(_ query: PostgresQuery, logger: Logger) throws -> PostgresQueryResult {
        let promise = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        waiting.withLockedValue { $0 = promise }
        defer { waiting.withLockedValue { $0 = nil } }
        // Closed before the promise was registered: the callback above has run already.
        if connection.isClosed {
            promise.fail(ChannelError.ioOnClosedChannel)
        } else {
            connection.query(query, logger: logger).cascade(to: promise)
        }
        return try promise.futureResult.wait()
    }
}
