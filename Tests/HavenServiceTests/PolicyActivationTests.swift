import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

@Suite("Policy versions")
struct PolicyActivationTests {
    /// Activation validates and tests first; the store keeps every version with who and when;
    /// cases keep the hash they were routed under; `route` re-routes under the new policy and
    /// says what changed.
    @Test func activateAndReroute() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let original = service.context.policy.hash
        let json = Fixtures.intakeJSON(acts: ["insults"]).replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"shelter\": false", with: "\"shelter\": true")
            .replacingOccurrences(of: "\"childUnder36Months\": true", with: "\"childUnder36Months\": false")
        let intake = try await service.createCase(try Fixtures.form(json), by: world.officer)
        #expect(intake.referrals.first { $0.agency == "womens-union" }?.priority == .high)

        // A policy whose own tests fail is refused, and nothing changes.
        var files = try PackagePaths.policyFiles()
        var tests = try PackagePaths.policyTests()
        let shelterRule = "    when:\n      wishes.shelter: true\n    refer: [commune-committee, womens-union]\n    priority: "
        files["routing.yaml"] = files["routing.yaml"]!.replacingOccurrences(of: shelterRule + "high", with: shelterRule + "urgent")
        await #expect(throws: HavenError.policyTestsFailed(count: 1)) {
            try await service.activatePolicy(files: files, tests: tests, by: world.store.admin)
        }
        // With its test updated, it is activated; only an administrator may.
        tests["tests/routing.yaml"] = tests["tests/routing.yaml"]!.replacingOccurrences(
            of: "commune-committee: {priority: high, held: false, rules: [shelter]}\n        womens-union: {priority: high, held: false, rules: [shelter]}",
            with: "commune-committee: {priority: urgent, held: false, rules: [shelter]}\n        womens-union: {priority: urgent, held: false, rules: [shelter]}")
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .policyActivate)) {
            try await service.activatePolicy(files: files, tests: tests, by: world.officer)
        }
        let activated = try await service.activatePolicy(files: files, tests: tests, by: world.store.admin)
        #expect(activated.hash != original)
        let versions = try await service.policyVersions(by: world.store.admin)
        // (Both were activated at the same fixed instant, so their order is not defined.)
        #expect(Set(versions.map(\.hash)) == [original, activated.hash])
        #expect(versions.first { $0.hash == activated.hash }?.activatedBy == world.store.admin.id)

        // Reopened, the store routes under the new version; the case keeps its old hash until re-routed.
        let reopened = try await StoreSetup.open(engine: TestStore.engine, location: world.store.location, keyFile: world.store.keyFile, environment: [:],
                                                 passphrase: { nil }, clock: FixedClock(Fixtures.now), random: SystemRandom())
        let newService = HavenService(context: reopened)
        #expect(newService.context.policy.hash == activated.hash)
        let before = try await newService.showCase(intake.id.rawValue, by: world.officer).referrals
        #expect(before.allSatisfy { $0.policy == original })
        let routed = try await newService.reroute(intake.id.rawValue, by: world.officer)
        #expect(routed.policyHash == activated.hash)
        #expect(Set(routed.raised.map(\.agency)) == ["commune-committee", "womens-union"])
        #expect(routed.raised.allSatisfy { $0.priority == .urgent && $0.policy == activated.hash })
    }
}

@Suite("Backups")
struct BackupTests {
    /// A backup opens as the same store (with the same key file), holds no plaintext, and is
    /// refused over an existing file; only an administrator may take one.
    @Test func backupRestores() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let id = try await store.service.createCase(try Fixtures.form(), by: officer).id
        let copyDirectory = TemporaryDirectory()
        let copy = StoreLocation(directory: copyDirectory.path)
        try await store.service.backup(to: copy.databasePath, by: store.admin)
        let mode = try FileManager.default.attributesOfItem(atPath: copy.databasePath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(ByteScanner.hits(of: ["Nguyễn Thị Lan"], in: [copy.databasePath]).isEmpty)
        let restored = try await StoreSetup.open(engine: TestStore.engine, location: copy, keyFile: store.keyFile, environment: [:], passphrase: { nil },
                                                 clock: FixedClock(Fixtures.now), random: SystemRandom())
        let service = HavenService(context: restored)
        #expect(try await service.showCase(id.rawValue, by: officer).sealed[.survivorName] == "Nguyễn Thị Lan")
        _ = try await service.verifyAudit(by: store.admin)
        await #expect(throws: HavenError.storeExists(path: copy.databasePath)) {
            try await store.service.backup(to: copy.databasePath, by: store.admin)
        }
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .storeBackup)) {
            try await store.service.backup(to: copyDirectory.path + "/other.sqlite", by: officer)
        }
    }
}

@Suite("Key rotation")
struct KeyRotationTests {
    /// Rotation re-wraps every data key under a new version; the new key file (still
    /// protected by its passphrase) opens every case; a key file without the new version
    /// no longer opens the store's cases.
    @Test func rotate() async throws {
        let store = try await TestStore.make(passphrase: "mật khẩu")
        let officer = try await store.officer()
        var ids: [CaseID] = []
        for i in 0..<3 {
            ids.append(try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người \(i)")), by: officer).id)
        }
        let oldKeyFile = try Data(contentsOf: URL(fileURLWithPath: store.keyFile))
        let (rotation, rotated) = try await store.service.rotateKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin)
        #expect(rotation.version == 2 && rotation.rewrapped == 3)
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .keysRotate)) {
            try await store.service.rotateKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: officer)
        }
        // Reopen with the new key file (asks for the same passphrase).
        let reopened = try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: store.keyFile, environment: [:],
                                                 passphrase: { "mật khẩu" }, clock: FixedClock(Fixtures.now), random: SystemRandom())
        #expect(reopened.keyring.currentVersion == 2)
        let service = HavenService(context: reopened)
        for (i, id) in ids.enumerated() {
            #expect(try await service.showCase(id.rawValue, by: officer).sealed[.survivorName] == "Người \(i)")
        }
        #expect(try await rotated.createCase(try Fixtures.form(), by: officer).id.rawValue.hasPrefix("C-"))
        _ = try await service.verifyAudit(by: store.admin)
        // The old key file lacks version 2: it cannot open the re-wrapped keys.
        let oldPath = store.directory.path + "/old.key"
        try oldKeyFile.write(to: URL(fileURLWithPath: oldPath))
        let old = try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: oldPath, environment: [:], passphrase: { "mật khẩu" },
                                            clock: FixedClock(Fixtures.now), random: SystemRandom())
        await #expect(throws: HavenError.self) { try await HavenService(context: old).showCase(ids[0].rawValue, by: officer) }
    }

    /// Retirement drops the old versions from the key file once nothing uses them; the
    /// retired file opens every case. A process still holding the pre-rotation key file is
    /// refused when it writes (it would wrap a key under a retired version), and a case
    /// still wrapped under an old version blocks the retirement.
    @Test func retire() async throws {
        let store = try await TestStore.make(passphrase: "mật khẩu")
        let officer = try await store.officer()
        let id = try await store.service.createCase(try Fixtures.form(), by: officer).id
        #expect(try await store.service.retireKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin).retired.isEmpty)
        // A process holding a copy of the key file as it was before the rotation.
        let copy = store.directory.path + "/copy.key"
        try FileManager.default.copyItem(atPath: store.keyFile, toPath: copy)
        let stale = HavenService(context: try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: copy,
                                                                    environment: [:], passphrase: { "mật khẩu" },
                                                                    clock: FixedClock(Fixtures.now), random: SystemRandom()))
        let (_, rotated) = try await store.service.rotateKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin)

        // That copy holds only version 1, and reading it again gives no more: its writes are refused,
        // while what needs no key (coded lists) still reads.
        await #expect(throws: HavenError.keyFileOutdated) { try await stale.createCase(try Fixtures.form(), by: officer) }
        #expect(try await stale.listCases(by: officer).count == 1)
        // And a refusal there is still recorded (audit entries are written whatever the key file).
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .userList)) { try await stale.listUsers(by: officer) }
        let recent = try await rotated.auditEntries(limit: 5, by: store.admin)
        #expect(recent.contains { $0.action == AuditAction.userList.rawValue && $0.outcome == .denied })
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .keysRetire)) {
            try await rotated.retireKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: officer)
        }

        // A case still wrapped under version 1 blocks the retirement; the key file is unchanged.
        try RawDatabase.execute(path: store.location.databasePath, sql: "UPDATE cases SET key_version = 1")
        let before = try Data(contentsOf: URL(fileURLWithPath: store.keyFile))
        await #expect(throws: HavenError.keysInUse) {
            try await rotated.retireKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.keyFile)) == before)
        try RawDatabase.execute(path: store.location.databasePath, sql: "UPDATE cases SET key_version = 2")

        let retirement = try await rotated.retireKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin)
        #expect(retirement.version == 2 && retirement.retired == [1])
        let reopened = try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: store.keyFile, environment: [:],
                                                 passphrase: { "mật khẩu" }, clock: FixedClock(Fixtures.now), random: SystemRandom())
        #expect(reopened.keyring.masterKeys.keys.sorted() == [2])
        let service = HavenService(context: reopened)
        #expect(try await service.showCase(id.rawValue, by: officer).sealed[.survivorName] == "Nguyễn Thị Lan")
        #expect(try await service.createCase(try Fixtures.form(), by: officer).id.rawValue.hasPrefix("C-"))
        let log = try await service.auditEntries(by: store.admin)
        #expect(log.contains { $0.action == AuditAction.keysRetire.rawValue && $0.detail == "version=2 retired=1" })
        _ = try await service.verifyAudit(by: store.admin)
    }
}
