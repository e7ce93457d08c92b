import Crypto
import Foundation
import HavenAPI
import HavenCore
@testable import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// The service side of the law review (issue #8): what the policy decides needs facts the
/// service finds (repeats by the same perpetrator, held referrals), packets that carry what
/// the law and the survivor's safety require, and a clock on held referrals.
@Suite("Law review: repeats, packets, held referrals")
struct LawReviewTests {
    /// A spouse insulting the survivor: mediable on its own.
    static func insults(perpetrator: String = "Trần Văn Bình", reportedAt: String = "2026-11-20T09:30:00+07:00") -> String {
        Fixtures.intakeJSON(acts: ["insults"], reportedAt: reportedAt)
            .replacingOccurrences(of: "\"date\": \"2026-11-19\"", with: "\"date\": \"\(reportedAt.prefix(10))\"")
            .replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"childrenPresent\": true", with: "\"childrenPresent\": false")
            .replacingOccurrences(of: "Trần Văn Bình", with: perpetrator)
            .replacingOccurrences(of: "\"relationship\": \"spouse\"}", with: "\"relationship\": \"spouse\", \"separated\": false}")
            .replacingOccurrences(of: "\"mediation\": false", with: "\"mediation\": true")
    }

    /// The same survivor and the same perpetrator again within 12 months: repeat violence,
    /// found through the pair's blind index (the names are spelt differently), goes to the
    /// police as a mandatory referral and refuses mediation. Another perpetrator does not.
    @Test func repeatBySamePerpetrator() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let first = try await service.createCase(try Fixtures.form(Self.insults(reportedAt: "2026-10-01T09:00:00+07:00")), by: world.officer)
        #expect(!first.referrals.contains { $0.agency == "police" })
        #expect(try await service.mediationEligibility(first.id.rawValue, by: world.officer).eligible)

        let other = try await service.createCase(try Fixtures.form(Self.insults(perpetrator: "Lê Văn Cường")), by: world.officer)
        #expect(!other.referrals.contains { $0.agency == "police" }, "a repeat survivor, but not the same perpetrator")
        #expect(try await service.mediationEligibility(other.id.rawValue, by: world.officer).eligible)

        let again = try await service.createCase(
            try Fixtures.form(Self.insults(perpetrator: "TRAN VAN BINH").replacingOccurrences(of: "Nguyễn Thị Lan", with: "nguyen thi  lan")),
            by: world.officer)
        let police = try #require(again.referrals.first { $0.agency == "police" })
        #expect(police.mandatory && police.rules == ["repeat-violence"] && police.status == .pending)
        let eligibility = try await service.mediationEligibility(again.id.rawValue, by: world.officer)
        #expect(eligibility.reasons.map(\.rule).contains("repeat-violence"))
        // The pair index is no name: it is an HMAC, and differs from the survivor's index.
        let stored = try #require(try await service.context.store.read { try $0.caseRecord(again.id) })
        #expect(stored.pairIndex?.count == 64 && stored.pairIndex != stored.blindIndex)
    }

    /// A case logged before pair indexes existed gets one when re-routed (computed from its
    /// sealed names), and the repeat then counts.
    @Test func oldCasesGetTheirPairIndexOnReroute() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let first = try await service.createCase(try Fixtures.form(Self.insults(reportedAt: "2026-10-01T09:00:00+07:00")), by: world.officer)
        let second = try await service.createCase(try Fixtures.form(Self.insults()), by: world.officer)
        // As a store of the previous version would hold them: no pair index, and the second
        // case routed without the repeat-violence rule.
        try world.store.tamper("UPDATE cases SET pair_index = NULL")
        try world.store.tamper("DELETE FROM referrals WHERE case_id = '\(second.id.rawValue)' AND agency = 'police'")
        // (What the first open of an upgraded store does: tag the cases as they are.)
        let keyring = service.context.keyring
        try await service.context.store.write { tx in
            for id in [first.id, second.id] { try CaseIntegrity.renew(id, tx: tx, keyring: keyring) }
        }
        _ = try await service.reroute(first.id.rawValue, by: world.officer)
        let routed = try await service.reroute(second.id.rawValue, by: world.officer)
        #expect(routed.added.map(\.agency) == ["police"], "the difference is shown: \(routed.added.map(\.agency))")
        #expect(routed.added.first?.rules == ["repeat-violence"])
    }

    /// A mandatory referral sent over the survivor's objection carries only what the agency
    /// needs to act (receivesWithoutConsent), says so, and still carries the safe contact; the
    /// police packet shows whether the survivor asks for prosecution; child protection gets the carer.
    @Test func packetsWithoutConsent() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let json = Fixtures.intakeJSON(acts: ["rape"])
            .replacingOccurrences(of: "\"birthDate\": \"1994-03-02\"", with: "\"birthDate\": \"2012-03-02\"")
            .replacingOccurrences(of: "\"consent\": {\"referral\": true", with: "\"consent\": {\"referral\": false")
            .replacingOccurrences(of: "\"medical\": false}", with: "\"medical\": false, \"prosecution\": false},"
                + " \"safeContact\": {\"channel\": \"safe_person\", \"times\": \"sau 17 giờ\", \"person\": \"Cô giáo chủ nhiệm\"},"
                + " \"carer\": {\"name\": \"Bà Ngoại Thử\", \"phone\": \"0987654321\", \"relationship\": \"bà ngoại\"}")
        let intake = try await service.createCase(try Fixtures.form(json), by: world.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        let opened = try await ReferralOpener.show(service: service, police.id, agencyKeyFile: world.keys["police"]!, by: world.caseworkers["police"]!)
        #expect(opened.packet.basis == .mandatoryWithoutConsent)
        #expect(opened.packet.coded.prosecutionWish == false)
        #expect(opened.packet.fields["survivor.phone"] == nil && opened.packet.fields["survivor.idNumber"] == nil)
        #expect(opened.packet.fields["survivor.name"] == "Nguyễn Thị Lan")
        #expect(opened.packet.fields["contact.channel"] == "safe_person" && opened.packet.fields["contact.safePerson"] == "Cô giáo chủ nhiệm")
        #expect(opened.packet.grounds.map(\.rule).sorted() == ["child-under-16-sexual", "sexual-violence-crime"])
        let child = try #require(intake.referrals.first { $0.agency == "child-protection" })
        let childPacket = try await ReferralOpener.show(service: service, child.id, agencyKeyFile: world.keys["child-protection"]!,
                                                         by: world.caseworkers["child-protection"]!)
        #expect(childPacket.packet.fields["carer.name"] == "Bà Ngoại Thử" && childPacket.packet.fields["carer.phone"] == "0987654321")
        #expect(childPacket.packet.priority == .urgent)
        // The health referral is not mandatory: held, no packet, in no inbox.
        #expect(intake.referrals.first { $0.agency == "health" }?.status == .held)
    }

    /// A held referral past its agency's deadline shows in the field officer's held list and in
    /// supervisors' overdue counts as "held, consent not yet asked again"; a caseworker may not
    /// list held referrals, and an officer sees only their own communes'.
    @Test func heldReferralsHaveAClock() async throws {
        let world = try await ReferralWorld.make()
        let intake = try await world.store.service.createCase(
            try Fixtures.form(Self.insults().replacingOccurrences(of: "\"referral\": true", with: "\"referral\": false")), by: world.officer)
        #expect(intake.referrals.allSatisfy { $0.status == .held })
        let heldNow = try await world.store.service.heldReferrals(by: world.officer)
        #expect(Set(heldNow.map(\.agency)) == ["culture-dv", "commune-committee", "justice-legal-aid"])
        #expect(heldNow.allSatisfy { !$0.pastDeadline })

        // Raised to high (a child under 36 months): culture-dv 1 day, commune committee 12 hours,
        // legal aid 2 days. A day and an hour later, two of them are past their deadline.
        let later = try await world.store.reopened(clock: FixedClock(Fixtures.now.addingTimeInterval(25 * 3600)))
        let held = try await later.heldReferrals(pastDeadlineOnly: true, by: world.officer)
        #expect(Set(held.map(\.agency)) == ["culture-dv", "commune-committee"])
        let supervisor = try await world.store.user(.supervisor, name: "Supervisor")
        let counts = try await later.overdueReferrals(by: supervisor)
        #expect(counts.first { $0.agency == "commune-committee" && $0.priority == .high }?.heldOverdue == 1)
        #expect(counts.first { $0.agency == "justice-legal-aid" }?.heldOverdue ?? 0 == 0, "legal aid is still within its deadline")

        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .referralHeld)) {
            try await later.heldReferrals(by: world.caseworkers["police"]!)
        }
        let elsewhere = try await world.store.officer(["tri-ton"])
        #expect(try await later.heldReferrals(by: elsewhere).isEmpty)
    }
}

@Suite("Imports are idempotent")
struct IdempotentImportTests {
    /// Medium 8: an import killed part-way and run again makes each case once: lines already
    /// imported are skipped and reported, so the duplicates can never count as repeat
    /// survivors (raised priorities, extra referrals, mediations failed as recurrences).
    @Test func killedImportRunAgain() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer(try Fixtures.regions().communes.map(\.slug))
        var generator = SyntheticCases(seed: 77, regions: try Fixtures.regions(), reportedUpTo: LocalDate(iso: "2026-11-24")!)
        let lines = (0..<30).map { _ in generator.next().json.text }
        // "Killed" after the first 12 lines committed: the same file is run again whole.
        let first = try await store.service.importCases(jsonLines: Data(lines.prefix(12).joined(separator: "\n").utf8), atomic: false, by: officer)
        #expect(first.imported.count == 12)
        let again = try await store.service.importCases(jsonLines: Data(lines.joined(separator: "\n").utf8), atomic: false, by: officer)
        #expect(again.imported.count == 18 && again.skipped.count == 12)
        #expect(again.skipped.map(\.line) == Array(1...12))
        #expect(Set(again.skipped.map(\.caseID)) == Set(first.imported.map(\.id)))
        let count = try await store.service.context.store.read { try $0.caseCount() }
        #expect(count == 30)
        // A line given its own import key is known by it, even reformatted.
        let keyed = Fixtures.intakeJSON().replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "{\"reportedAt\"", with: "{\"importKey\": \"HS-0001\", \"reportedAt\"")
        _ = try await store.service.importCases(jsonLines: Data(keyed.utf8), atomic: false, by: officer)
        let reformatted = keyed.replacingOccurrences(of: ", ", with: ",")
        let skipped = try await store.service.importCases(jsonLines: Data(reformatted.utf8), atomic: false, by: officer)
        #expect(skipped.imported.isEmpty && skipped.skipped.count == 1)
        // The same line twice in one file: one case.
        let twice = try await store.service.importCases(jsonLines: Data((lines[0].replacingOccurrences(of: "Tổ", with: "Tổ mới ") + "\n"
            + lines[0].replacingOccurrences(of: "Tổ", with: "Tổ mới ")).utf8), atomic: false, by: officer)
        #expect(twice.imported.count == 1 && twice.skipped.count == 1)
    }
}

@Suite("Case integrity")
struct CaseIntegrityTests {
    /// Medium 7: a coded column edited with sqlite3 (consent to the police switched on), or a
    /// sealed row deleted, is caught on the next read of the case (65), so a release cannot
    /// send the survivor's identity on a forged consent; writes through Haven keep the tag.
    @Test func editedColumnsAreCaught() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let intake = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["beating"])), by: world.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        #expect(police.status == .held)
        try world.store.tamper("UPDATE cases SET consent_police = 1 WHERE id = '\(intake.id.rawValue)'")
        await #expect(throws: HavenError.caseTampered(caseID: intake.id.rawValue)) {
            try await service.releaseReferral(police.id, by: world.officer)
        }
        #expect(try await service.listReferrals(agency: "police", by: world.caseworkers["police"]!).isEmpty, "nothing was sent")
        // …and `audit verify` names the case too, so the message's advice leads somewhere.
        await #expect(throws: HavenError.auditBroken(sequence: 0, reason: .caseTampered(id: intake.id.rawValue))) {
            try await service.verifyAudit(by: world.store.admin)
        }
        try world.store.tamper("UPDATE cases SET consent_police = 0 WHERE id = '\(intake.id.rawValue)'")
        // Through Haven, consent and release work and the tag follows.
        let released = try await service.recordConsent(intake.id.rawValue, referral: nil, police: true, mediation: nil,
                                                       statistics: nil, by: world.officer)
        #expect(released.map(\.status) == [.pending] && released.map(\.id) == [police.id])
        #expect(try await service.showCase(intake.id.rawValue, by: world.officer).sealed[.survivorName] == "Nguyễn Thị Lan")
        // A sealed field deleted.
        try world.store.tamper("DELETE FROM case_fields WHERE case_id = '\(intake.id.rawValue)' AND field = 'incident.narrative'")
        await #expect(throws: HavenError.caseTampered(caseID: intake.id.rawValue)) {
            try await service.showCase(intake.id.rawValue, by: world.officer)
        }
        // The tag removed.
        let other = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Trần Thị Hai")), by: world.officer)
        try world.store.tamper("UPDATE cases SET seal = NULL WHERE id = '\(other.id.rawValue)'")
        await #expect(throws: HavenError.self) { try await service.showCase(other.id.rawValue, by: world.officer) }
    }

    /// The fixed clock (drills) is a signed store setting: switched on with sqlite3, it is ignored.
    @Test func fixedClockSettingIsSigned() async throws {
        let store = try await TestStore.make()
        try store.tamper("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock.fixedAllowed', 'yes')")
        var refused = false
        _ = try await StoreSetup.open(engine: TestStore.engine, location: store.location, keyFile: store.keyFile, environment: [:], passphrase: { nil },
                                      clock: SystemClock(), random: SystemRandom(), logger: .init(label: "test"),
                                      fixedClock: FixedClock(Fixtures.now), fixedClockRefused: &refused)
        #expect(refused, "an unsigned setting is not honoured")
    }
}

@Suite("Settings and records changed outside Haven")
struct OutsideEditsTests {
    /// A held referral marked mandatory with sqlite3 is still held: release decides from the
    /// policy, not the stored flag.
    @Test func mandatoryFlagForged() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let intake = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["beating"])), by: world.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" && $0.status == .held })
        try world.store.tamper("UPDATE referrals SET mandatory = 1 WHERE id = '\(police.id)'")
        await #expect(throws: HavenError.consentMissing(referral: police.id, consent: .police)) {
            try await service.releaseReferral(police.id, by: world.officer)
        }
    }

    /// An agency key swapped with sqlite3 is no key: later packets are not sealed to it, the
    /// case is still logged, and `audit verify` names the setting.
    @Test func agencyKeySwapped() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let attacker = Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation
        try RawDatabase.execute(path: world.store.location.databasePath, sql: "UPDATE agency_keys SET public_key = ? WHERE agency = 'police'",
                                blob: attacker)
        let intake = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"])), by: world.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        #expect(police.status == .pending && !police.sealed, "not sealed to the swapped key")
        await #expect(throws: HavenError.settingTampered(setting: "agency-key police")) { try await service.verifyAudit(by: world.store.admin) }
    }

    /// A trusted origin inserted with sqlite3 is not trusted.
    @Test func originPinForged() async throws {
        let province = try await ReferralWorld.make()
        _ = try await province.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"])), by: province.officer)
        let (bundle, _) = try await province.store.service.exportReferrals(agency: "police", by: province.store.admin)
        let origin = try await province.store.service.originIdentity(by: province.store.admin)
        let office = try await TestStore.make()
        let officer = try await office.user(.caseworker, agency: "police", name: "CA")
        try RawDatabase.execute(path: office.location.databasePath,
                                sql: "INSERT INTO trusted_origins (store_id, public_key) VALUES ('\(origin.storeID)', ?)", blob: origin.publicKey)
        await #expect(throws: HavenError.bundleRejected(reason: .originNotTrusted(origin: origin.storeID, fingerprint: origin.fingerprint))) {
            try await BundleOpener.importBundle(service: office.service, bundle: bundle, agencyKeyFile: province.keys["police"]!, by: officer)
        }
    }

    /// The active policy pointed at another version with sqlite3: the store is not opened.
    @Test func activePolicySwapped() async throws {
        let store = try await TestStore.make()
        let hash = store.service.context.policy.hash
        try store.tamper("""
            INSERT INTO policies (hash, files, activated_at, activated_by) SELECT 'sha256:forged', files, activated_at, activated_by FROM policies WHERE hash = '\(hash)';
            """)
        // (The forged version has the genuine files under another hash: even a policy that
        // parses must be activated through Haven.)
        try store.tamper("UPDATE meta SET value = 'sha256:forged' WHERE key = 'policy.active'")
        await #expect(throws: HavenError.self) { _ = try await store.reopened(clock: FixedClock(Fixtures.now)) }
    }

    /// The database rolled back, then written past the old sequence again: the anchor's
    /// earlier heads no longer match.
    @Test func rollbackThenProgress() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let backup = store.directory.path + "/old.sqlite"
        try await store.service.backup(to: backup, by: store.admin)
        for index in 0..<3 {
            _ = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người \(index)")), by: officer)
        }
        // Roll back: the old copy put in place of the database.
        let database = store.location.databasePath
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.removeItem(atPath: database)
        try FileManager.default.copyItem(atPath: backup, toPath: database)
        let rolled = try await store.reopened(clock: FixedClock(Fixtures.now))
        await #expect(throws: HavenError.self) { try await rolled.verifyAudit(by: store.admin) }
        // Ordinary work goes on past the old sequence numbers…
        for _ in 0..<12 { _ = try await rolled.listCases(by: officer); _ = try await rolled.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Sau \(UUID().uuidString.prefix(4))")), by: officer) }
        // …and verify still reports it.
        await #expect(throws: HavenError.self) { try await rolled.verifyAudit(by: store.admin) }
    }

    /// A case deleted with sqlite3 (its fields and referrals with it) is named by verify.
    @Test func caseDeleted() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let intake = try await store.service.createCase(try Fixtures.form(), by: officer)
        try store.tamper("DELETE FROM referrals WHERE case_id = '\(intake.id.rawValue)'; DELETE FROM cases WHERE id = '\(intake.id.rawValue)'")
        await #expect(throws: HavenError.auditBroken(sequence: 0, reason: .recordMissing(kind: "case", id: intake.id.rawValue))) {
            try await store.service.verifyAudit(by: store.admin)
        }
    }

    /// Import keys: a reformatted line is the same case; the same importKey in another commune
    /// is another case.
    @Test func importKeysCanonicalAndScoped() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer(["my-thoi", "binh-duc"])
        let line = Fixtures.intakeJSON().replacingOccurrences(of: "\n", with: " ")
        _ = try await store.service.importCases(jsonLines: Data(line.utf8), atomic: false, by: officer)
        let spaced = try await store.service.importCases(jsonLines: Data(("  " + line.replacingOccurrences(of: ": ", with: ":")).utf8), atomic: false, by: officer)
        #expect(spaced.imported.isEmpty && spaced.skipped.count == 1)
        let keyed = { (commune: String) in
            Fixtures.intakeJSON(commune: commune, survivorName: "Người \(commune)").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "{\"reportedAt\"", with: "{\"importKey\": \"row-1\", \"reportedAt\"")
        }
        #expect(try await store.service.importCases(jsonLines: Data(keyed("my-thoi").utf8), atomic: false, by: officer).imported.count == 1)
        #expect(try await store.service.importCases(jsonLines: Data(keyed("binh-duc").utf8), atomic: false, by: officer).imported.count == 1)
    }
}
