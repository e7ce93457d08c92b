import Foundation
import HavenPostgres
import HavenStore
import HavenTestSupport
import Testing

/// The PostgreSQL engine beyond the shared contract: where a password may come from, how a
/// location is refused, what create, open and remove do to a database, and that a transaction
/// survives a lost connection and serialises writers across separate stores.
@Suite("PostgreSQL engine")
struct PostgresEngineTests {
    // MARK: - Locations (no server needed)

    /// A password never comes from the URL; it comes from PGPASSWORD or a private passfile.
    @Test func passwordsComeFromTheEnvironmentOrAPrivateFileOnly() throws {
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u:secret@db:5432/haven", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u@db/haven?password=secret", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u@db/haven?sslmod=require", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u@db/haven?sslmode=sometimes", environment: [:]) }
        // Beyond this machine TLS is the default, and nothing falls back to plaintext.
        let far = try PostgresLocation(parsing: "postgres://u@db.example/haven", environment: [:])
        if case .disable = far.tls { Issue.record("a database on another machine without TLS by default") }
        let near = try PostgresLocation(parsing: "postgres://u@127.0.0.1/haven", environment: [:])
        if case .require = near.tls { Issue.record("loopback needs no TLS by default") }
        for mode in ["prefer", "allow"] {
            #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u@db.example/haven?sslmode=\(mode)", environment: [:]) }
        }
        let chosen = try PostgresLocation(parsing: "postgres://u@db.example/haven?sslmode=disable", environment: [:])
        if case .require = chosen.tls { Issue.record("an explicit sslmode=disable is the operator's choice") }
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "mysql://u@db/haven", environment: [:]) }

        let location = try PostgresLocation(parsing: "postgresql://haven@db.example:6543/province?sslmode=require",
                                            environment: ["PGPASSWORD": "from-env"])
        #expect(location.host == "db.example" && location.port == 6543 && location.user == "haven" && location.database == "province")
        #expect(location.tls == .require(rootCertificate: nil))
        #expect(!location.shown.contains("from-env") && location.shown == "postgres://haven@db.example:6543/province")
        #expect(try PostgresLocation(parsing: "postgres://u@db/x", environment: [:]).tls == .require(rootCertificate: nil), "TLS by default beyond this machine")

        // Given a passfile others can read, then a private one.
        let dir = TemporaryDirectory()
        let passfile = dir.path + "/pass"
        _ = FileManager.default.createFile(atPath: passfile, contents: Data("from-file\n".utf8), attributes: [.posixPermissions: 0o644])
        #expect(throws: StoreError.self) { try PostgresLocation(parsing: "postgres://u@db/x?passfile=\(passfile)", environment: [:]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile)
        let withFile = try PostgresLocation(parsing: "postgres://u@db/x?passfile=\(passfile)", environment: ["PGPASSWORD": "from-env"])
        #expect(try withFile.configuration().password == "from-file", "the passfile named wins over the environment")
        #expect(try PostgresLocation(parsing: "postgres://u@db/x", environment: ["PGPASSWORD": "from-env"]).configuration().password == "from-env")
    }

    /// A server that is not there is an I/O error naming the address, soon, and no crash.
    @Test func aServerThatIsNotThereIsAnIOError() throws {
        let engine = PostgresEngine(environment: [:], poolSize: 1)
        #expect(throws: StoreError.self) { try engine.exists("postgres://haven@127.0.0.1:1/haven") }
        do {
            _ = try engine.open("postgres://haven@127.0.0.1:1/haven")
            Issue.record("opened a store on a closed port")
        } catch {
            guard case .io(let detail) = error else { Issue.record("\(error)"); return }
            #expect(detail.contains("127.0.0.1:1") && detail.contains("refused"), "\(detail)")
        }
    }

    // MARK: - A real server (HAVEN_TEST_POSTGRES)

    /// Create refuses a database that holds Haven's tables; open refuses one that does not;
    /// remove leaves nothing of Haven's.
    @Test(.enabled(if: PostgresTestServer.isAvailable)) func createOpenAndRemove() async throws {
        let url = try PostgresTestServer.makeDatabase()
        let engine = PostgresEngine(poolSize: 2)
        #expect(try !engine.exists(url))
        #expect(throws: StoreError.self) { try engine.open(url) }
        let store = try engine.createStore(url)
        try await store.write { try $0.setMeta("k", "v") }
        #expect(try engine.exists(url))
        #expect(throws: StoreError.alreadyExists(path: store.location.shown)) { try engine.create(url) }
        let reopened = try engine.openStore(url)
        #expect(try await reopened.read { try $0.meta("k") } == "v")
        #expect(try await reopened.read { try $0.searchTokensPending() }, "as a new SQLite store: pending until the service clears it")
        await store.shutdown()
        await reopened.shutdown()
        await #expect(throws: StoreError.self) { try await store.read { try $0.meta("k") } }

        engine.remove(url)
        #expect(try !engine.exists(url))
        #expect(try PostgresTestServer.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", at: url) == ["0"])
        _ = try engine.createStore(url)
    }

    /// A taken key is `.duplicate` naming the table, as on SQLite, and a body that catches it and
    /// goes on cannot commit a transaction PostgreSQL has aborted.
    @Test(.enabled(if: PostgresTestServer.isAvailable)) func duplicatesNameTheTableAndAbortTheTransaction() async throws {
        let store = try PostgresEngine(poolSize: 1).createStore(try PostgresTestServer.makeDatabase())
        try await store.write { try $0.setMeta("k", "v") }
        let entry = AuditRecord(sequence: 1, at: Date(timeIntervalSince1970: 1), actor: "U-1", action: "case.show", target: nil,
                                outcome: .allowed, detail: "", previousHash: Data([0]), hash: Data([1]))
        try await store.write { try $0.appendAudit(entry) }
        await #expect(throws: StoreError.duplicate(what: "audit")) { try await store.write { try $0.appendAudit(entry) } }
        await #expect(throws: StoreError.duplicate(what: "audit")) {
            try await store.write { tx in
                _ = try? tx.appendAudit(entry)
                try tx.setMeta("k", "changed")
            }
        }
        #expect(try await store.read { try $0.meta("k") } == "v")
    }

    /// A store written by a newer Haven is refused, not misread; an older one is brought forward.
    @Test(.enabled(if: PostgresTestServer.isAvailable)) func schemaVersions() async throws {
        let url = try PostgresTestServer.makeDatabase()
        let engine = PostgresEngine(poolSize: 1)
        let store = try engine.createStore(url)
        await store.shutdown()
        #expect(try PostgresTestServer.execute("SELECT count(*) FROM haven_schema_migrations", at: url) == ["14"], "SQLite's fourteen")

        // Given a store of the version before the last: the last migration is undone.
        try PostgresTestServer.execute("ALTER TABLE referrals DROP COLUMN index_signature", at: url)
        try PostgresTestServer.execute("DELETE FROM haven_schema_migrations WHERE version = 14", at: url)
        let migrated = try engine.openStore(url)
        #expect(try await migrated.read { try $0.referrals(ReferralFilter()) }.isEmpty, "the column is back")
        #expect(try PostgresTestServer.execute("SELECT identifier FROM haven_schema_migrations WHERE version = 14", at: url)
                    == ["v14-referral-index-signature"])
        await migrated.shutdown()

        // Given a migration this build does not know.
        try PostgresTestServer.execute("INSERT INTO haven_schema_migrations VALUES (15, 'v15-from-the-future', 0)", at: url)
        do {
            _ = try engine.open(url)
            Issue.record("opened a newer store")
        } catch {
            guard case .corrupt(let detail) = error else { Issue.record("\(error)"); return }
            #expect(detail.contains("newer"), "\(detail)")
        }
    }

    /// Two stores on one database (as two servers would be) serialise their writers: concurrent
    /// read-modify-write increments through both lose none.
    @Test(.enabled(if: PostgresTestServer.isAvailable)) func writersSerialiseAcrossStores() async throws {
        let url = try PostgresTestServer.makeDatabase()
        let first = try PostgresEngine(poolSize: 3).createStore(url)
        let second = try PostgresEngine(poolSize: 3).openStore(url)
        try await first.write { try $0.setMeta("n", "0") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<30 {
                let store = n % 2 == 0 ? first : second
                group.addTask {
                    try await store.write { tx in
                        let value = Int(try tx.meta("n") ?? "") ?? -1000
                        try tx.setMeta("n", String(value + 1))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await second.read { try $0.meta("n") } == "30")
    }

    /// A connection lost before COMMIT runs the body again on a new connection; what the lost
    /// attempt did is not there twice.
    @Test(.enabled(if: PostgresTestServer.isAvailable)) func aLostConnectionRunsTheBodyAgain() async throws {
        let url = try PostgresTestServer.makeDatabase()
        let store = try PostgresEngine(poolSize: 1).createStore(url)
        let database = try PostgresLocation(parsing: url, environment: [:]).database
        let attempts = Attempts()
        try await store.write { tx in
            let attempt = attempts.next()
            try tx.setMeta("attempt-\(attempt)", "x")
            if attempt == 1 {
                // Another session ends this one's backend, as a server restart or a network cut would.
                try PostgresTestServer.execute("""
                    SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                    WHERE datname = '\(database)' AND pid <> pg_backend_pid() AND application_name = 'haven'
                    """, at: url)
            }
            try tx.setMeta("done", String(attempt))
        }
        #expect(attempts.count == 2)
        #expect(try await store.read { try $0.meta("done") } == "2")
        #expect(try await store.read { try $0.meta("attempt-1") } == nil, "the lost attempt left nothing")
    }

    /// Counts a body's runs. `@unchecked Sendable` is sound: `runs` is only touched under `lock`.
    final class Attempts: @unchecked Sendable {
        private let lock = NSLock()
        private var runs = 0
        func next() -> Int { lock.withLock { runs += 1; return runs } }
        var count: Int { lock.withLock { runs } }
    }
}
