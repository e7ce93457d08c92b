import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

@Suite("Intake through the service")
struct IntakeServiceTests {
    /// A case is derived, sealed and readable again by its officer; the repeat survivor is found.
    @Test func createShowAndRepeat() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let first = try await store.service.createCase(try Fixtures.form(), by: officer)
        #expect(first.gbvType == .physicalAssault)
        #expect(first.warnings == [.referralsHeld(count: 1)]) // police, without consent.police
        // Same survivor, spelt without diacritics: the blind index still matches.
        let again = try await store.service.createCase(
            try Fixtures.form(Fixtures.intakeJSON(survivorName: "NGUYEN THI LAN")), by: officer)
        #expect(again.warnings.contains(.repeatSurvivor(earlierCases: 1)))
        let detail = try await store.service.showCase(first.id.rawValue, by: officer)
        #expect(detail.sealed[.survivorName] == "Nguyễn Thị Lan")
        #expect(detail.sealed[.survivorPhone] == "0912345678")
        #expect(detail.timeline.first?.kind == "created" && detail.timeline.contains { $0.kind == "routed" })
        // police (held), culture-dv, commune committee, child protection (children present), legal aid, health.
        #expect(detail.referrals.count == 6)
    }

    /// Notes are sealed and come back in the timeline; closing is final.
    @Test func noteAndClose() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let id = try await store.service.createCase(try Fixtures.form(), by: officer).id.rawValue
        try await store.service.addNote(id, text: "Đã gọi điện hỏi thăm", by: officer)
        try await store.service.closeCase(id, outcome: .servicesProvided, by: officer)
        let detail = try await store.service.showCase(id, by: officer)
        #expect(detail.status == .closed && detail.outcome == .servicesProvided)
        #expect(detail.timeline.compactMap(\.note) == ["Đã gọi điện hỏi thăm"])
        await #expect(throws: HavenError.caseClosed(id: id)) { try await store.service.closeCase(id, outcome: .other, by: officer) }
        await #expect(throws: HavenError.caseClosed(id: id)) { try await store.service.addNote(id, text: "x", by: officer) }
    }

    /// Import keeps good lines, reports bad ones by number, and --atomic writes nothing.
    @Test func importLines() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let good = Fixtures.intakeJSON().replacingOccurrences(of: "\n", with: " ")
        let lines = [good, "{not json", "", Fixtures.intakeJSON(commune: "nowhere").replacingOccurrences(of: "\n", with: " "),
                     Fixtures.intakeJSON(commune: "long-xuyen").replacingOccurrences(of: "\n", with: " "),
                     Fixtures.intakeJSON(survivorName: "Trần Thị Hai").replacingOccurrences(of: "\n", with: " ")]
        let data = Data(lines.joined(separator: "\n").utf8)
        await #expect(throws: HavenError.self) { try await store.service.importCases(jsonLines: data, atomic: true, by: officer) }
        #expect(try await store.service.listCases(by: officer).isEmpty)
        let result = try await store.service.importCases(jsonLines: data, atomic: false, by: officer)
        #expect(result.imported.count == 2)
        #expect(result.rejected.map(\.line) == [2, 4, 5])
        if case .forbidden = result.rejected[2].error {} else { Issue.record("line 5 is another officer's commune") }
        #expect(try await store.service.listCases(by: officer).count == 2)
    }
}

@Suite("Who may do what")
struct AuthorizationTests {
    /// A supervisor, an administrator and an officer of another commune cannot read a case;
    /// each refusal is in the audit log as denied.
    @Test func deniedReadsAreRefusedAndAudited() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer(["my-thoi"])
        let elsewhere = try await store.officer(["binh-duc"])
        let supervisor = try await store.user(.supervisor)
        let id = try await store.service.createCase(try Fixtures.form(), by: officer).id.rawValue
        for actor in [supervisor, store.admin, elsewhere] {
            await #expect(throws: HavenError.forbidden(role: actor.role, action: .caseShow)) {
                try await store.service.showCase(id, by: actor)
            }
        }
        await #expect(throws: HavenError.self) { try await store.service.listCases(by: supervisor) }
        await #expect(throws: HavenError.forbidden(role: .supervisor, action: .auditLog)) {
            try await store.service.auditEntries(by: supervisor)
        }
        let log = try await store.service.auditEntries(caseID: id, by: store.admin)
        let denied = log.filter { $0.outcome == .denied && $0.action == "case.show" }
        #expect(Set(denied.map(\.actor)) == [supervisor.id, store.admin.id, elsewhere.id])
        _ = try await store.service.verifyAudit(by: store.admin)
    }

    /// An officer cannot log a case in a commune that is not theirs; users are admin-only.
    @Test func communeAndAdminRules() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer(["binh-duc"])
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .caseCreate)) {
            try await store.service.createCase(try Fixtures.form(), by: officer)
        }
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .userAdd)) {
            try await store.service.addUser(NewUser(name: "x", role: .admin), by: officer)
        }
        await #expect(throws: HavenError.noCommunes) {
            try await store.service.addUser(NewUser(name: "x", role: .fieldOfficer), by: store.admin)
        }
    }

    /// A revoked token stops working.
    @Test func revokedToken() async throws {
        let store = try await TestStore.make()
        let (user, token) = try await store.service.addUser(NewUser(name: "Sup", role: .supervisor), by: store.admin)
        _ = try await store.service.authenticate(token: token)
        try await store.service.revokeUser(id: user.id, by: store.admin)
        await #expect(throws: HavenError.invalidToken) { try await store.service.authenticate(token: token) }
    }
}

@Suite("Encryption at rest, through the store file")
struct EncryptionAtRestTests {
    /// A ciphertext changed in the file, or moved from another case, refuses to open.
    @Test func tamperedAndMovedCiphertext() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let a = try await store.service.createCase(try Fixtures.form(), by: officer).id.rawValue
        let b = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Lê Thị Hoa")), by: officer).id.rawValue
        let path = store.location.databasePath
        // Move b's name into a.
        let other = try #require(try RawDatabase.blob(path: path, sql: "SELECT ciphertext FROM case_fields WHERE case_id = '\(b)' AND field = 'survivor.name'"))
        try RawDatabase.execute(path: path, sql: "UPDATE case_fields SET ciphertext = ? WHERE case_id = '\(a)' AND field = 'survivor.name'", blob: other)
        await #expect(throws: HavenError.tampered(caseID: a, field: "survivor.name")) { try await store.service.showCase(a, by: officer) }
        // Flip a byte of b's phone.
        var phone = try #require(try RawDatabase.blob(path: path, sql: "SELECT ciphertext FROM case_fields WHERE case_id = '\(b)' AND field = 'survivor.phone'"))
        phone[phone.count - 3] ^= 0xFF
        try RawDatabase.execute(path: path, sql: "UPDATE case_fields SET ciphertext = ? WHERE case_id = '\(b)' AND field = 'survivor.phone'", blob: phone)
        await #expect(throws: HavenError.tampered(caseID: b, field: "survivor.phone")) { try await store.service.showCase(b, by: officer) }
        // Move a field to another field of the same case: b's name ciphertext into its phone.
        let name = try #require(try RawDatabase.blob(path: path, sql: "SELECT ciphertext FROM case_fields WHERE case_id = '\(b)' AND field = 'survivor.name'"))
        try RawDatabase.execute(path: path, sql: "UPDATE case_fields SET ciphertext = ? WHERE case_id = '\(b)' AND field = 'survivor.phone'", blob: name)
        await #expect(throws: HavenError.tampered(caseID: b, field: "survivor.phone")) { try await store.service.showCase(b, by: officer) }
    }

    /// The wrong passphrase, a missing key file, and another store's key file are refused.
    @Test func keyFileErrors() async throws {
        let store = try await TestStore.make(passphrase: "mật khẩu đúng")
        func open(_ keyFile: String, _ phrase: String?) async throws {
            _ = try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: keyFile, environment: [:],
                                          passphrase: { phrase }, clock: SystemClock(), random: SystemRandom())
        }
        try await open(store.keyFile, "mật khẩu đúng")
        await #expect(throws: HavenError.wrongPassphrase) { try await open(store.keyFile, "sai") }
        await #expect(throws: HavenError.passphraseRequired) { try await open(store.keyFile, nil) }
        await #expect(throws: HavenError.keyFileMissing(path: store.directory.path + "/none.key")) {
            try await open(store.directory.path + "/none.key", nil)
        }
        let other = try await TestStore.make()
        await #expect(throws: HavenError.wrongKeyFile) { try await open(other.keyFile, nil) }
    }

    /// No plaintext at rest: after logging a case, neither the survivor's name nor a unique
    /// phrase of the narrative appears in the database, its WAL, or the key folder, in UTF-8
    /// (NFC and NFD) or UTF-16.
    @Test func noPlaintextAtRest() async throws {
        let name = "Nguyễn Thị Phương Thảo"
        let phrase = "chiếc xuồng ba lá màu xanh ngọc bích \(UUID().uuidString.prefix(8))"
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let id = try await store.service.createCase(
            try Fixtures.form(Fixtures.intakeJSON(survivorName: name, narrative: phrase)), by: officer).id.rawValue
        try await store.service.addNote(id, text: phrase, by: officer)
        // The pool is still open, so the WAL holds the latest pages.
        let files = try FileManager.default.contentsOfDirectory(atPath: store.location.directory)
        #expect(files.contains("haven.sqlite-wal"))
        let keyFolder = (store.keyFile as NSString).deletingLastPathComponent
        #expect(ByteScanner.hits(of: [name, phrase], in: [store.location.directory, keyFolder]).isEmpty)
        // The scanner does find what is there (a check that this test can fail).
        let control = TemporaryDirectory()
        for form in ByteScanner.forms(of: name) {
            #expect(FileManager.default.createFile(atPath: control.path + "/\(form.label)", contents: Data(form.bytes)))
        }
        #expect(ByteScanner.hits(of: [name], in: [control.path]).count == 6)
        #expect(try await store.service.showCase(id, by: officer).sealed[.survivorName] == name)
    }
}

@Suite("The audit chain")
struct AuditChainTests {
    func storeWithEntries() async throws -> TestStore {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        for _ in 0..<3 { _ = try await store.service.createCase(try Fixtures.form(), by: officer) }
        let verified = try await store.service.verifyAudit(by: store.admin)
        #expect(verified.entries == 9) // store.init, user.add (admin), user.add (officer), 3 × (case.create + case.route)
        return store
    }

    @Test func intact() async throws {
        _ = try await storeWithEntries()
    }

    /// Changing any field of an entry is caught at that entry.
    @Test func editedEntry() async throws {
        let store = try await storeWithEntries()
        try store.tamper("UPDATE audit SET detail = 'commune=binh-duc type=rape repeat=0' WHERE seq = 5")
        await #expect(throws: HavenError.auditBroken(sequence: 5, reason: .contentChanged)) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }

    /// Deleting an entry in the middle, or at the end, is caught.
    @Test func deletedEntry() async throws {
        let store = try await storeWithEntries()
        try store.tamper("DELETE FROM audit WHERE seq = 4")
        await #expect(throws: HavenError.auditBroken(sequence: 4, reason: .entryMissing(4))) {
            try await store.service.verifyAudit(by: store.admin)
        }
        let tail = try await storeWithEntries()
        try tail.tamper("DELETE FROM audit WHERE seq = 9")
        await #expect(throws: HavenError.auditBroken(sequence: 9, reason: .entriesDeleted(after: 8))) {
            try await tail.service.verifyAudit(by: tail.admin)
        }
    }

    /// High 5: cutting the log back to an earlier signed head (delete the newest rows, put the
    /// old head back) verifies inside the database alone; the anchor beside the key file
    /// catches it as a rollback.
    @Test func rollbackToAnEarlierHead() async throws {
        let store = try await storeWithEntries()
        let oldHead = try #require(try RawDatabase.string(path: store.location.databasePath, sql: "SELECT value FROM meta WHERE key = 'audit.head'"))
        let officer = try await store.officer(["tri-ton"])
        _ = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(commune: "tri-ton", survivorName: "Người Khác")), by: officer)
        // The attacker: rows after the old head deleted, with the case they recorded, and the old head restored.
        try store.tamper("""
            DELETE FROM audit WHERE seq > 9;
            DELETE FROM cases WHERE commune = 'tri-ton';
            DELETE FROM users WHERE communes = 'tri-ton';
            UPDATE meta SET value = '\(oldHead)' WHERE key = 'audit.head';
            """)
        // Inside the database alone, the chain looks intact…
        let blind = HavenService(context: ServiceContext(store: store.service.context.store, keyring: store.service.context.keyring,
                                                         policy: store.service.context.policy, clock: FixedClock(Fixtures.now),
                                                         random: SystemRandom(), storeID: store.service.context.storeID))
        #expect(try await blind.verifyAudit(by: store.admin).entries == 9)
        // …but the anchor beside the key file records more.
        await #expect(throws: HavenError.auditBroken(sequence: 10, reason: .rolledBack(anchored: 12, found: 9))) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }

    /// Medium 7 (in part): a case inserted with sqlite3 has no audit entry of its making, and
    /// verification names it.
    @Test func caseWithoutAudit() async throws {
        let store = try await storeWithEntries()
        let columns = try #require(try RawDatabase.string(path: store.location.databasePath,
            sql: "SELECT group_concat(name, ',') FROM pragma_table_info('cases') WHERE name <> 'id'"))
        try store.tamper("INSERT INTO cases (id, \(columns)) SELECT 'C-F0RGED00', \(columns) FROM cases LIMIT 1")
        await #expect(throws: HavenError.auditBroken(sequence: 0, reason: .recordWithoutAudit(kind: "case", id: "C-F0RGED00"))) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }

    /// Swapping two entries (keeping their sequence numbers) is caught where the order breaks.
    @Test func reorderedEntries() async throws {
        let store = try await storeWithEntries()
        try store.tamper("""
            UPDATE audit SET seq = -5 WHERE seq = 5;
            UPDATE audit SET seq = 5 WHERE seq = 6;
            UPDATE audit SET seq = 6 WHERE seq = -5;
            """)
        await #expect(throws: HavenError.auditBroken(sequence: 5, reason: .notFollowing(4))) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }

    /// Every 100th entry is a signed checkpoint; deleting or forging one is caught.
    @Test func checkpoints() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let data = Data((0..<100).map { Fixtures.intakeJSON(survivorName: "Người Thử \($0)").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: "\n").utf8)
        _ = try await store.service.importCases(jsonLines: data, atomic: false, by: officer)
        #expect(try await store.service.verifyAudit(by: store.admin).checkpoints == 2) // 203 entries
        try store.tamper("UPDATE audit_checkpoints SET signature = zeroblob(64)")
        await #expect(throws: HavenError.auditBroken(sequence: 100, reason: .checkpointMismatch)) {
            try await store.service.verifyAudit(by: store.admin)
        }
        try store.tamper("DELETE FROM audit_checkpoints")
        await #expect(throws: HavenError.auditBroken(sequence: 100, reason: .checkpointDeleted)) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }
}
