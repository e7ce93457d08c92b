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
    private let eventLoop: any EventLoop
    private let state = NIOLockedValueBox(State())

    private struct State {
        var idle: [PostgresConnection] = []
        var closed = false
        var nextID = 1
    }

    init(location: PostgresLocation, configuration: PostgresConnection.Configuration, eventLoop: any EventLoop, logger: Logger) {
        self.location = location
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// An open connection: an idle one, or a new one.
    func checkout() throws(PostgresFailure) -> PostgresConnection {
        let (reused, id): (PostgresConnection?, Int) = state.withLockedValue { state in
            while let connection = state.idle.popLast() {
                if !connection.isClosed { return (connection, 0) }
            }
            defer { state.nextID += 1 }
            return (nil, state.nextID)
        }
        if let reused { return reused }
        if state.withLockedValue({ $0.closed }) {
            throw PostgresFailure(kind: .final, error: .io(detail: "the PostgreSQL store is shut down"))
        }
        do {
            let connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: logger).wait()
            logger.debug("PostgreSQL connection opened", metadata: ["connection": "\(id)"])
            return connection
        } catch {
            throw PostgresFailure(error, location: location)
        }
    }

    /// Returns a connection that is outside any transaction; a closed one, or any after the pool
    /// closed, is closed instead.
    func checkin(_ connection: PostgresConnection) {
        let keep = state.withLockedValue { state in
            guard !state.closed, !connection.isClosed else { return false }
            state.idle.append(connection)
            return true
        }
        if !keep { discard(connection) }
    }

    /// Closes a connection whose state is unknown (an error mid-transaction, a failed ROLLBACK).
    func discard(_ connection: PostgresConnection) {
        _ = Self.close(connection)
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
        let closes = idle.map(Self.close)
        return EventLoopFuture.andAllComplete(closes, on: eventLoop)
    }
}
