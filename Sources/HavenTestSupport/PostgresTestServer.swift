import Foundation
import HavenPostgres
import NIOPosix
import PostgresNIO

/// The PostgreSQL server the tests may use: `HAVEN_TEST_POSTGRES`, a base URL such as
/// `postgres://postgres@127.0.0.1:54329/postgres` (scripts/with-postgres.sh starts a throwaway
/// one and sets it). Without it, the PostgreSQL engine is left out of the contract suites.
public enum PostgresTestServer {
    /// The base URL, or nil when the tests have no server.
    public static var baseURL: String? {
        guard let url = ProcessInfo.processInfo.environment["HAVEN_TEST_POSTGRES"], !url.isEmpty else { return nil }
        return url
    }

    /// Whether the tests have a server (for `.enabled(if:)`).
    public static var isAvailable: Bool { baseURL != nil }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Makes a new, empty database on the test server (through the base URL's database) and
    /// returns its URL: each store under test gets a database of its own, so tests run in
    /// parallel without seeing each other's rows. The databases go with the throwaway server.
    public static func makeDatabase() throws -> String {
        guard let base = baseURL, var components = URLComponents(string: base) else {
            throw Unavailable(description: "HAVEN_TEST_POSTGRES is not set to a postgres:// URL")
        }
        let name = "haven_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        // The name is ours (hex digits), never input.
        _ = try execute("CREATE DATABASE \(name)", at: base)
        components.path = "/" + name
        guard let url = components.string else { throw Unavailable(description: "cannot make a database URL from HAVEN_TEST_POSTGRES") }
        return url
    }

    /// Runs one statement on the database at `url` past Haven (as an operator or an attacker
    /// would) and returns the first column of each row (text or an integer, as text; NULL as nil).
    @discardableResult
    public static func execute(_ sql: String, at url: String) throws -> [String?] {
        let location = try PostgresLocation(parsing: url, environment: ProcessInfo.processInfo.environment)
        let logger = Logger(label: "haven.test.postgres")
        let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: try location.configuration(), id: 0, logger: logger).wait()
        defer { try? connection.close().wait() }
        let rows = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
        return rows.map { row in
            row.first.flatMap { cell in (try? cell.decode(Int?.self))?.map(String.init) ?? (try? cell.decode(String?.self)) }
        }
    }
}
