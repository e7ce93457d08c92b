import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
@testable import HavenService
import HavenPostgres
import HavenSQLite
import HavenStore
import HavenTestSupport
import Testing

/// Issue #13, item 4: an office's store moved whole into another store, resumably. Here the
/// target is a second embedded store (the copy is engine-neutral); TwoServersTests and the
/// PostgreSQL contract run it into PostgreSQL.
@Suite("Store migration")
struct StoreMigrationTests {
    /// An office with cases (and their referrals, events, search tokens, sealed fields), a
    /// draft, a second user and some audited reads.
    static func office() async throws -> (TestStore, Caller) {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        for n in 0..<7 {
            _ = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Thử \(n)")), by: officer)
        }
        _ = try await store.service.listCases(by: officer)
        return (store, officer)
    }

    static func target(_ directory: TemporaryDirectory) throws -> (StoreLocation, any RowCopyStore) {
        let location = StoreLocation(directory: directory.path + "/target")
        return (location, try #require(try SQLiteEngine().create(location.name) as? any RowCopyStore))
    }

    static func reset(_ location: StoreLocation) -> @Sendable () async throws -> any RowCopyStore {
        { SQLiteEngine().remove(location.name); return try #require(try SQLiteEngine().create(location.name) as? any RowCopyStore) }
    }

    static func open(_ store: TestStore, _ location: StoreLocation) async throws -> HavenService {
        HavenService(context: try await StoreSetup.open(engine: SQLiteEngine(), location: location, keyFile: store.keyFile, environment: [:],
                                                        passphrase: { nil }, clock: FixedClock(Fixtures.now), random: SystemRandom()))
    }

    @Test func aStoreMovesWholeAndReadsTheSameThere() async throws {
        let (store, officer) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (location, target) = try Self.target(directory)
        let cases = try await store.service.listCases(by: officer)
        var shown: [CaseDetail] = []
        for summary in cases { shown.append(try await store.service.showCase(summary.id.rawValue, by: officer)) }
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), batch: 3, by: store.admin)
        #expect(!moved.resumed && !moved.restarted)
        #expect(moved.rows["cases"] == 7)
        #expect(Set(moved.rows.keys) == Set(StoreTables.all.map(\.name)), "every table")
        let there = try await Self.open(store, location)
        #expect(there.context.storeID == store.service.context.storeID)
        let verified = try await there.verifyAudit(by: store.admin)
        let sourceEntries = try await store.service.context.store.read { try $0.lastAuditEntry()?.sequence }
        #expect(verified.entries == sourceEntries, "the chain whole")
        // The same sealed data opens there with the same key file.
        for a in shown {
            let b = try await there.showCase(a.id.rawValue, by: officer)
            #expect(a.sealed == b.sealed)
        }
        // The office's store is retired: not opened again, and a process that had it open
        // writes nothing more to it (not even an audit entry).
        await #expect(throws: HavenError.storeMoved(to: "target")) { _ = try await store.reopened(clock: FixedClock(Fixtures.now)) }
        await #expect(throws: HavenError.storeMoved(to: "target")) { _ = try await store.service.listCases(by: officer) }
        #expect(try await store.service.context.store.read { try $0.lastAuditEntry()?.sequence } == sourceEntries)
        // No progress marks are left behind.
        #expect(try await target.read { try $0.meta(HavenService.metaMigrationSource) } == nil)
        // The move itself is in the chain the target holds.
        let moves = try await there.context.store.read { try $0.auditEntries(from: 1, limit: 10_000) }.filter { $0.action == "store.migrate" }
        #expect(moves.count == 1)
    }

    /// A target that stops accepting batches after `limit` of them: a move killed half-way.
    final class Interrupted: RowCopyStore, @unchecked Sendable {
        let inner: any RowCopyStore
        let limit: Int
        private let lock = NSLock()
        private var batches = 0
        struct Killed: Error {}
        init(_ inner: any RowCopyStore, after limit: Int) { self.inner = inner; self.limit = limit }
        func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T { try await inner.write(body) }
        func schemaVersion() async throws -> Int { try await inner.schemaVersion() }
        func columns(of table: StoreTables.Table) async throws -> [String] { try await inner.columns(of: table) }
        func count(of table: StoreTables.Table) async throws -> Int { try await inner.count(of: table) }
        func rows(of table: StoreTables.Table, columns: [String], after: [StoreValue]?, limit: Int) async throws -> [[StoreValue]] {
            try await inner.rows(of: table, columns: columns, after: after, limit: limit)
        }
        func insert(_ rows: [[StoreValue]], into table: StoreTables.Table, columns: [String], meta: [String: String]) async throws {
            let stop = lock.withLock { batches += 1; return batches > limit }
            if stop { throw Killed() }
            try await inner.insert(rows, into: table, columns: columns, meta: meta)
        }
        func removeMeta(_ keys: [String]) async throws { try await inner.removeMeta(keys) }
    }

    @Test(arguments: [1, 4, 9])
    func aMoveKilledHalfWayContinuesAndNothingIsLostOrDoubled(after batches: Int) async throws {
        let (store, _) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (location, target) = try Self.target(directory)
        await #expect(throws: (any Error).self) {
            _ = try await store.service.migrateStore(to: Interrupted(target, after: batches), named: "target", restart: Self.reset(location), batch: 2, by: store.admin)
        }
        #expect(try await target.read { try $0.meta(HavenService.metaMigrationSource) } == store.service.context.storeID)
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), batch: 2, by: store.admin)
        #expect(moved.resumed && !moved.restarted)
        for table in StoreTables.all where table.name != "audit" && table.name != "meta" {
            #expect(try await target.count(of: table) == store.service.context.store.count(table), "\(table.name)")
        }
        let there = try await Self.open(store, location)
        _ = try await there.verifyAudit(by: store.admin)
    }

    @Test func aStoreChangedSinceAStoppedMoveIsMovedAgainFromTheStart() async throws {
        let (store, officer) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (location, target) = try Self.target(directory)
        await #expect(throws: (any Error).self) {
            _ = try await store.service.migrateStore(to: Interrupted(target, after: 3), named: "target", restart: Self.reset(location), batch: 2, by: store.admin)
        }
        let late = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Đến Muộn")), by: officer)
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), batch: 2, by: store.admin)
        #expect(moved.restarted && moved.rows["cases"] == 8)
        let there = try await Self.open(store, location)
        #expect(try await there.showCase(late.id.rawValue, by: officer).sealed[.survivorName] == "Người Đến Muộn")
        _ = try await there.verifyAudit(by: store.admin)
    }

    /// A restart that could not empty the target (another session held it) is refused, never
    /// copied over: stale rows under a new copy could pass every count.
    @Test func aTargetThatCouldNotBeEmptiedIsNotCopiedOver() async throws {
        let (store, officer) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (_, target) = try Self.target(directory)
        await #expect(throws: (any Error).self) {
            _ = try await store.service.migrateStore(to: Interrupted(target, after: 3), named: "target", restart: { target }, batch: 2, by: store.admin)
        }
        _ = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Đến Muộn")), by: officer)
        await #expect(throws: HavenError.migrationRefused(reason: .targetNotEmptied)) {
            _ = try await store.service.migrateStore(to: target, named: "target", restart: { target }, batch: 2, by: store.admin)
        }
        _ = try await store.service.listCases(by: officer) // the office goes on
    }

    /// The last steps: the office's store is frozen (every write refused) before the target is
    /// opened for use, and a move stopped between the two is finished by running it again.
    @Test func aMoveStoppedAtItsLastStepIsFinishedByRunningItAgain() async throws {
        let (store, officer) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (location, target) = try Self.target(directory)
        await #expect(throws: (any Error).self) {
            _ = try await store.service.migrateStore(to: StopsAfterOpening(target), named: "target", restart: Self.reset(location), by: store.admin)
        }
        // Frozen: the office writes nothing (not even an audit entry) while the move is unfinished.
        let head = try await store.service.context.store.read { try $0.lastAuditEntry()?.sequence }
        await #expect(throws: HavenError.storeBeingMoved(to: "target")) {
            _ = try await store.service.createCase(try Fixtures.form(), by: officer)
        }
        #expect(try await store.service.context.store.read { try $0.lastAuditEntry()?.sequence } == head)
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), by: store.admin)
        #expect(moved.resumed && moved.rows["cases"] == 7)
        await #expect(throws: HavenError.storeMoved(to: "target")) { _ = try await store.reopened(clock: FixedClock(Fixtures.now)) }
        _ = try await Self.open(store, location).verifyAudit(by: store.admin)
    }

    /// A target whose progress keys are removed (it is usable), and then the process dies.
    final class StopsAfterOpening: RowCopyStore, @unchecked Sendable {
        let inner: any RowCopyStore
        init(_ inner: any RowCopyStore) { self.inner = inner }
        func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T { try await inner.write(body) }
        func schemaVersion() async throws -> Int { try await inner.schemaVersion() }
        func columns(of table: StoreTables.Table) async throws -> [String] { try await inner.columns(of: table) }
        func count(of table: StoreTables.Table) async throws -> Int { try await inner.count(of: table) }
        func rows(of table: StoreTables.Table, columns: [String], after: [StoreValue]?, limit: Int) async throws -> [[StoreValue]] {
            try await inner.rows(of: table, columns: columns, after: after, limit: limit)
        }
        func insert(_ rows: [[StoreValue]], into table: StoreTables.Table, columns: [String], meta: [String: String]) async throws {
            try await inner.insert(rows, into: table, columns: columns, meta: meta)
        }
        func removeMeta(_ keys: [String]) async throws {
            try await inner.removeMeta(keys)
            if keys.contains(where: { $0.hasPrefix("migration.") }) { throw Interrupted.Killed() }
        }
    }

    @Test func aTargetHoldingAStoreIsRefusedAndLeftAlone() async throws {
        let (store, _) = try await Self.office()
        let other = try await TestStore.make()
        let target = try #require(try SQLiteEngine().open(other.location.name) as? any RowCopyStore)
        let before = try await other.service.verifyAudit(by: other.admin).entries
        await #expect(throws: HavenError.migrationRefused(reason: .targetInUse)) {
            _ = try await store.service.migrateStore(to: target, named: "target", restart: { target }, by: store.admin)
        }
        let after = try await other.service.verifyAudit(by: other.admin).entries
        #expect(after == before, "nothing written there: \(before) → \(after)")
    }

    @Test func onlyAnAdministratorMovesAStore() async throws {
        let (store, officer) = try await Self.office()
        let directory = TemporaryDirectory("haven-migrate")
        let (location, target) = try Self.target(directory)
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .storeMigrate)) {
            _ = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), by: officer)
        }
        #expect(try await target.count(of: StoreTables.all[0]) == 0, "nothing copied")
    }
}

extension Store {
    /// The rows of `table` in this store (test helper).
    func count(_ table: StoreTables.Table) async throws -> Int {
        try await (self as? any RowCopyStore)?.count(of: table) ?? -1
    }
}

/// The move the issue asks for: an office's embedded store into PostgreSQL, and back out.
@Suite("Store migration into PostgreSQL", .enabled(if: PostgresTestServer.isAvailable, "HAVEN_TEST_POSTGRES is not set (make test sets it)"))
struct StoreMigrationPostgresTests {
    static func target() throws -> (StoreLocation, any RowCopyStore) {
        let location = StoreLocation(parsing: try PostgresTestServer.makeDatabase())
        return (location, try #require(try PostgresEngine().create(location.name) as? any RowCopyStore))
    }

    static func reset(_ location: StoreLocation) -> @Sendable () async throws -> any RowCopyStore {
        { PostgresEngine().remove(location.name); return try #require(try PostgresEngine().create(location.name) as? any RowCopyStore) }
    }

    static func open(_ store: TestStore, _ location: StoreLocation) async throws -> HavenService {
        HavenService(context: try await StoreSetup.open(engine: PostgresEngine(), location: location, keyFile: store.keyFile, environment: [:],
                                                        passphrase: { nil }, clock: FixedClock(Fixtures.now), random: SystemRandom()))
    }

    @Test func anOfficeMovesIntoPostgreSQLWholeAndWorksThere() async throws {
        let (store, officer) = try await StoreMigrationTests.office()
        let (location, target) = try Self.target()
        let here = try await store.service.listCases(by: officer)
        var shown: [CaseDetail] = []
        for summary in here { shown.append(try await store.service.showCase(summary.id.rawValue, by: officer)) }
        let entries = try await store.service.verifyAudit(by: store.admin).entries
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), batch: 4, by: store.admin)
        #expect(moved.rows["cases"] == 7)
        let there = try await Self.open(store, location)
        #expect(try await there.verifyAudit(by: store.admin).entries == entries + 1, "the chain whole, with the move's own entry")
        #expect(try await there.listCases(by: officer) == here, "the same list, in the same order")
        for a in shown {
            let b = try await there.showCase(a.id.rawValue, by: officer)
            #expect(a.sealed == b.sealed)
            #expect(a.timeline == b.timeline, "events in the same order (rowid copied)")
        }
        // The moved store takes new work, and its chain goes on.
        _ = try await there.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Mới")), by: officer)
        _ = try await there.verifyAudit(by: store.admin)
        try await (target as? PostgresStore)?.shutdown()
    }

    @Test func aMoveIntoPostgreSQLKilledHalfWayContinues() async throws {
        let (store, _) = try await StoreMigrationTests.office()
        let (location, target) = try Self.target()
        await #expect(throws: (any Error).self) {
            _ = try await store.service.migrateStore(to: StoreMigrationTests.Interrupted(target, after: 5), named: "target", restart: Self.reset(location),
                                                     batch: 2, by: store.admin)
        }
        let moved = try await store.service.migrateStore(to: target, named: "target", restart: Self.reset(location), batch: 2, by: store.admin)
        #expect(moved.resumed)
        for table in StoreTables.all {
            // (The office's meta holds one more row now: the mark that it moved.)
            let here = try await store.service.context.store.count(table) - (table.name == "meta" ? 1 : 0)
            let there = try await target.count(of: table)
            #expect(here == there, "\(table.name): \(here) here, \(there) there")
        }
        _ = try await Self.open(store, location).verifyAudit(by: store.admin)
    }
}

/// Review finding (#13): someone who can write the database but does not hold the key file
/// (a PostgreSQL role, sqlite3 on the file) must not be able to add a user whose token they
/// know, or widen one: user rows are signed with the store's key, checked at every sign-in and
/// by `audit verify`.
@Suite("User rows written outside Haven")
struct ForgedUserTests {
    static let forgedToken = "hvn_forged-token-known-to-the-attacker"

    @Test func aUserRowInsertedWithSQLiteSignsNobodyIn() async throws {
        let store = try await TestStore.make()
        try store.tamper("""
            INSERT INTO users (id, name, role, agency, communes, token_hash, created_at)
            VALUES ('U-FORGED01', 'Mallory', 'admin', NULL, '', '\(Token.hash(Self.forgedToken))', 1764000000)
            """)
        await #expect(throws: HavenError.settingTampered(setting: "user U-FORGED01")) {
            _ = try await store.service.authenticate(token: Self.forgedToken)
        }
        await #expect(throws: HavenError.settingTampered(setting: "user U-FORGED01")) {
            _ = try await store.service.verifyAudit(by: store.admin)
        }
    }

    @Test func aUserWidenedWithSQLiteIsRefused() async throws {
        let store = try await TestStore.make()
        let (user, token) = try await store.service.addUser(NewUser(name: "Cán bộ", role: .fieldOfficer, communes: ["my-thoi"]), by: store.admin)
        #expect(try await store.service.authenticate(token: token).id == user.id)
        try store.tamper("UPDATE users SET role = 'admin' WHERE id = '\(user.id)'")
        await #expect(throws: HavenError.settingTampered(setting: "user \(user.id)")) { _ = try await store.service.authenticate(token: token) }
        // Removing the signatures does not make the next open sign the rows again.
        try store.tamper("DELETE FROM meta WHERE key LIKE 'sig.user.%'")
        let reopened = try await store.reopened(clock: FixedClock(Fixtures.now))
        await #expect(throws: HavenError.settingTampered(setting: "user \(store.admin.id)")) {
            _ = try await reopened.authenticate(token: store.adminToken)
        }
    }

    @Test(.enabled(if: PostgresTestServer.isAvailable, "HAVEN_TEST_POSTGRES is not set (make test sets it)"))
    func aUserRowInsertedByADatabaseRoleSignsNobodyIn() async throws {
        let directory = TemporaryDirectory("haven-forged")
        let location = StoreLocation(parsing: try PostgresTestServer.makeDatabase())
        let created = try await StoreSetup.initialise(engine: PostgresEngine(), location: location, keyFile: directory.path + "/k.key",
                                                      passphrase: nil, policyFiles: try PackagePaths.policyFiles(), policyTests: [:],
                                                      adminName: "Admin", environment: ["HOME": directory.path],
                                                      clock: FixedClock(Fixtures.now), random: SystemRandom())
        let service = HavenService(context: created.context)
        try PostgresTestServer.execute("""
            INSERT INTO users (id, name, role, agency, communes, token_hash, created_at)
            VALUES ('U-FORGED02', 'Mallory', 'supervisor', NULL, '', '\(Token.hash(Self.forgedToken))', 1764000000)
            """, at: location.name)
        await #expect(throws: HavenError.settingTampered(setting: "user U-FORGED02")) { _ = try await service.authenticate(token: Self.forgedToken) }
        #expect(try await service.authenticate(token: created.adminToken).id == created.admin.id)
        try await (service.context.store as? PostgresStore)?.shutdown()
    }
}
