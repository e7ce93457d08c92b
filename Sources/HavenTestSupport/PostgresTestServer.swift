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
        let environment = ProcessInfo.processInfo.environment
        let location = try PostgresLocation(parsing: base, environment: environment)
        let name = "haven_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                        configuration: try location.configuration(), id: 0,
                                                        logger: Logger(label: "haven.test.postgres")).wait()
        defer { try? connection.close().wait() }
        // The name is ours (hex digits), never input.
        _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "haven.test.postgres")).wait()
        components.path = "/" + name
        guard let url = components.string else { throw Unavailable(description: "cannot make a database URL from HAVEN_TEST_POSTGRES") }
        return url
    }
}
