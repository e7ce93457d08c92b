import Foundation
import HavenStore
import NIOCore
import NIOPosix
import PostgresNIO

/// What a driver error means for the transaction it happened in, and the ``StoreError`` it
/// becomes. Only SQLSTATEs, table names and the server's address go into a detail: never a
/// value, a query's parameters or the server's message (which can quote a value).
struct PostgresFailure: Error {
    enum Kind: Equatable {
        /// The server gave up the transaction (serialization failure 40001, deadlock 40P01): run
        /// the whole body again.
        case retry
        /// The connection is gone (or never came): before COMMIT, run the body again on a new
        /// one; during COMMIT the outcome is unknown.
        case connectionLost
        /// Anything else: the error stands.
        case final
    }

    let kind: Kind
    let error: StoreError

    /// Converts an error of postgres-nio or NIO; `location` names the server in connection errors.
    init(_ error: any Error, location: PostgresLocation) {
        if let failure = error as? PostgresFailure { self = failure; return }
        if let storeError = error as? StoreError { self.init(kind: .final, error: storeError); return }
        if error is PostgresDecodingError {
            self.init(kind: .final, error: .corrupt(detail: "a stored value of the wrong type")); return
        }
        let server = "\(location.host):\(location.port)"
        guard let psql = error as? PSQLError else {
            self.init(kind: .connectionLost, error: .io(detail: "cannot reach PostgreSQL at \(server): \(Self.reason(error))"))
            return
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? "?????"
            let table = psql.serverInfo?[.tableName]
            self.init(sqlState: state, table: table, location: location)
        case .sslUnsupported:
            self.init(kind: .final, error: .io(detail: "PostgreSQL at \(server) does not offer TLS, and sslmode=require asks for it"))
        case .failedToAddSSLHandler:
            self.init(kind: .final, error: .io(detail: "cannot set up TLS to PostgreSQL at \(server)"))
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            let reason = psql.underlying.map(Self.reason) ?? "the connection was closed"
            self.init(kind: .connectionLost, error: .io(detail: "lost or could not open the connection to PostgreSQL at \(server): \(reason)"))
        case .queryCancelled:
            self.init(kind: .final, error: .busy)
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            self.init(kind: .final, error: .io(detail: "PostgreSQL at \(server) refused to authenticate \(location.user) "
                                                 + "(set PGPASSWORD or ?passfile=; \(psql.code))"))
        default:
            self.init(kind: .final, error: .io(detail: "PostgreSQL driver error (\(psql.code))"))
        }
    }

    init(kind: Kind, error: StoreError) { self.kind = kind; self.error = error }

    /// Maps a SQLSTATE as the embedded engine maps SQLite's result codes.
    init(sqlState state: String, table: String?, location: PostgresLocation) {
        switch state {
        case "40001", "40P01":
            self.init(kind: .retry, error: .busy)
        case _ where state.hasPrefix("23"):
            // Every integrity violation, as SQLite's SQLITE_CONSTRAINT: unique (23505), foreign
            // key (23503), not null (23502).
            self.init(kind: .final, error: .duplicate(what: table ?? "row"))
        case "55P03", "57014":
            // lock_not_available, query_canceled (a statement or lock timeout).
            self.init(kind: .final, error: .busy)
        case "3D000":
            self.init(kind: .final, error: .notFound(path: location.shown))
        case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
            // The server is shutting down, or restarting, or the connection failed.
            self.init(kind: .connectionLost, error: .io(detail: "PostgreSQL at \(location.host):\(location.port) closed the connection (SQLSTATE \(state))"))
        case "28000", "28P01":
            self.init(kind: .final, error: .io(detail: "PostgreSQL at \(location.host):\(location.port) refused to authenticate "
                                                 + "\(location.user) (SQLSTATE \(state)); check PGPASSWORD or the passfile"))
        case "53100":
            self.init(kind: .final, error: .io(detail: "PostgreSQL's disk is full (SQLSTATE 53100)"))
        case "22P02", "22003", "22021", "XX001", "XX002":
            self.init(kind: .final, error: .corrupt(detail: "PostgreSQL reported bad data (SQLSTATE \(state))"))
        default:
            self.init(kind: .final, error: .io(detail: "PostgreSQL error (SQLSTATE \(state))"))
        }
    }

    /// A short, value-free reason for a socket-level error.
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ETIMEDOUT: return "timed out"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
            case ECONNRESET: return "connection reset"
            default: return "I/O error \(io.errnoCode)"
            }
        }
        if let connect = error as? NIOConnectionError {
            if let first = connect.connectionErrors.first { return reason(first.error) }
            return connect.dnsAAAAError != nil || connect.dnsAError != nil ? "host name not found" : "cannot connect"
        }
        if error is ChannelError { return "channel closed" }
        if error is NIOSSLError { return "TLS failed (certificate or handshake)" }
        return String(describing: type(of: error))
    }
}
