import Foundation
import HavenStore
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store is, parsed from `postgres://user@host:port/dbname?sslmode=…&passfile=…`
/// (`postgresql://` too).
///
/// A password is never taken from the URL: a URL ends up in shell history, in the process list
/// and in logs. It comes from `PGPASSWORD` in the environment, or from the file that `passfile=`
/// names, which must be readable by its owner only (mode 0600 or 0400). Query keys other than
/// `sslmode`, `passfile` and `sslrootcert` are refused, so that a mistyped or a `password=` key
/// is not silently ignored.
public struct PostgresLocation: Sendable, Equatable {
    /// How the connection is protected: `require` (also `verify-ca`, `verify-full`) means TLS
    /// with the server's certificate verified against the system's roots or `sslrootcert`;
    /// anything else (`disable`, `allow`, `prefer`, the default) means no TLS.
    public enum TLSMode: Sendable, Equatable {
        case disable
        case require(rootCertificate: String?)
    }

    public let host: String
    public let port: Int
    public let user: String
    public let database: String
    public let tls: TLSMode
    /// Nil when the server asks for none (trust or peer authentication).
    let password: String?

    /// The location as messages show it: scheme, user, host, port and database; never a password.
    public var shown: String { "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" }

    /// Parses `text`; `environment` gives `PGPASSWORD` (and `PGUSER` when the URL names no user).
    public init(parsing text: String, environment: [String: String]) throws(StoreError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["postgres", "postgresql"].contains(scheme) else {
            throw .io(detail: "not a PostgreSQL URL (expected postgres://user@host:port/database)")
        }
        guard components.password == nil else {
            throw .io(detail: "a password in the store URL is refused (shell history and the process list would show it); "
                      + "set PGPASSWORD, or name a file of mode 0600 holding it with ?passfile=/path")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .io(detail: "the PostgreSQL URL names no host (postgres://user@host:port/database)")
        }
        self.host = host
        self.port = components.port ?? 5432
        let user = components.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.user = user
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? user : path

        var sslmode: String?, passfile: String?, rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslmode = item.value ?? ""
            case "passfile": passfile = item.value
            case "sslrootcert": rootCertificate = item.value
            case "password":
                throw .io(detail: "a password in the store URL is refused; set PGPASSWORD, or use ?passfile=/path (mode 0600)")
            default:
                throw .io(detail: "unknown PostgreSQL URL parameter '\(item.name)' (known: sslmode, passfile, sslrootcert)")
            }
        }
        // TLS, verified, unless the database is on this machine: a connection in the clear could
        // be read, or answered with forged rows (a user who is not), by anyone on the network
        // path. Haven never falls back to plaintext (`prefer`, `allow`); `disable` is an explicit
        // choice for a database on this machine or a link the operator protects otherwise.
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        switch sslmode ?? (loopback ? "disable" : "require") {
        case "require", "verify-ca", "verify-full": tls = .require(rootCertificate: rootCertificate)
        case "disable": tls = .disable
        case "allow", "prefer":
            throw .io(detail: "sslmode=\(sslmode ?? "") could fall back to an unencrypted connection; use sslmode=require (the default beyond this machine), or sslmode=disable on purpose")
        case let other: throw .io(detail: "unknown sslmode '\(other)' (use require or disable)")
        }
        if let passfile {
            password = try Self.readPassfile(passfile)
        } else {
            password = environment["PGPASSWORD"]
        }
    }

    /// The password file's first line. Refused unless it is a regular file that only its owner can
    /// read, as libpq refuses a group- or world-readable `.pgpass`.
    static func readPassfile(_ path: String) throws(StoreError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .io(detail: "cannot read the passfile \(path): \(String(cString: strerror(errno)))") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .io(detail: "the passfile \(path) is not a regular file") }
        guard status.st_mode & 0o077 == 0 else {
            throw .io(detail: "the passfile \(path) can be read by others; make it private with chmod 600")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(detail: "cannot read the passfile \(path)") }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    /// The driver's configuration: TLS with full certificate verification when required.
    public func configuration() throws(StoreError) -> PostgresConnection.Configuration {
        let tlsMode: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable:
            tlsMode = .disable
        case .require(let rootCertificate):
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .fullVerification
            if let rootCertificate { settings.trustRoots = .file(rootCertificate) }
            do {
                tlsMode = .require(try NIOSSLContext(configuration: settings))
            } catch {
                throw .io(detail: "cannot set up TLS for PostgreSQL (sslrootcert unreadable or invalid?)")
            }
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tlsMode)
        // Instants are stored as seconds (float8), never as timestamps, so the session's time zone
        // changes no result; UTC all the same, so that no server setting can make it matter.
        configuration.options.additionalStartupParameters = [("TimeZone", "UTC"), ("application_name", "haven")]
        return configuration
    }
}
