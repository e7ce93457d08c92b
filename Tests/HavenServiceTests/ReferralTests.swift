import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// A store with keys for every agency and a caseworker per agency.
struct ReferralWorld {
    let store: TestStore
    let officer: Caller
    let keys: [String: Data]
    let caseworkers: [String: Caller]

    static func make(clock: any Clock = FixedClock(Fixtures.now), keys wanted: Bool = true) async throws -> ReferralWorld {
        let store = try await TestStore.make(clock: clock)
        let officer = try await store.officer(try Fixtures.regions().communes.map(\.slug))
        var keys: [String: Data] = [:]
        var caseworkers: [String: Caller] = [:]
        for agency in store.service.context.policy.agencies {
            if wanted {
                let path = store.directory.path + "/\(agency.id).key"
                _ = try await AgencyKeyMaker.make(service: store.service, agency.id, outPath: path, by: store.admin)
                keys[agency.id] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
            caseworkers[agency.id] = try await store.user(.caseworker, agency: agency.id, name: "Caseworker \(agency.id)")
        }
        return ReferralWorld(store: store, officer: officer, keys: keys, caseworkers: caseworkers)
    }
}

@Suite("Referrals: properties over random cases")
struct ReferralPropertyTests {
    /// Over many random cases: no packet holds a field outside its agency's receives; every
    /// non-mandatory referral without consent is held (and has no packet); every mandatory
    /// one names its legal basis; a packet opened with another agency's key fails.
    @Test func invariants() async throws {
        let world = try await ReferralWorld.make()
        let policy = world.store.service.context.policy
        var generator = SyntheticCases(seed: 20_261_129, regions: policy.regions, reportedUpTo: LocalDate(iso: "2026-11-24")!)
        let lines = (0..<300).map { _ in generator.next().json.text }.joined(separator: "\n")
        let result = try await world.store.service.importCases(jsonLines: Data(lines.utf8), atomic: true, by: world.officer)
        #expect(result.imported.count == 300)
        var checked = 0, held = 0, mandatory = 0
        for intake in result.imported {
            let detail = try await world.store.service.showCase(intake.id.rawValue, by: world.officer)
            let facts = detail.facts
            // A child's guardian must agree too (none of these synthetic cases names one).
            let guardian: Bool? = detail.sealed[.carerConsent].map { $0 == "yes" }
            for summary in intake.referrals {
                guard let agency = policy.agency(summary.agency) else { Issue.record("unknown agency"); continue }
                let consented = AgencyDecision.consentCovers(agency, consent: facts.consent, survivorAge: facts.survivorAge,
                                                             guardianConsent: guardian)
                if summary.mandatory {
                    mandatory += 1
                    #expect(!summary.legalBases.isEmpty, "mandatory referral \(summary.id) without legal basis")
                    #expect(summary.status == .pending)
                } else {
                    #expect((summary.status == .held) == !consented, "\(summary.id): held must equal 'no consent'")
                }
                if summary.status == .held {
                    held += 1
                    #expect(!summary.sealed, "a held referral has no packet")
                    continue
                }
                let caseworker = try #require(world.caseworkers[summary.agency])
                let opened = try await ReferralOpener.show(service: world.store.service, summary.id, agencyKeyFile: world.keys[summary.agency]!, by: caseworker)
                // Sent without consent by a mandatory rule: only receivesWithoutConsent; else receives.
                // The safe-contact fields travel in every packet.
                let overObjection = summary.mandatory && !consented
                let listed = overObjection ? agency.receivesWithoutConsent : agency.receives
                let allowed = Set(listed.map(\.rawValue)).union(["contact.channel", "contact.times", "contact.safePerson"])
                #expect(Set(opened.packet.fields.keys).isSubset(of: allowed), "\(summary.agency) got \(opened.packet.fields.keys)")
                #expect(opened.packet.basis == (overObjection ? .mandatoryWithoutConsent : .consent))
                #expect(opened.packet.coded.relationship == facts.relationship.rawValue)
                #expect(opened.packet.coded.childrenPresent == facts.childrenPresent)
                if overObjection && summary.agency == "police" {
                    #expect(opened.packet.fields["survivor.phone"] == nil && opened.packet.fields["survivor.idNumber"] == nil,
                            "the police get what they need to act, not the whole file")
                }
                #expect(opened.packet.referral == summary.id && opened.packet.caseID == intake.id.rawValue)
                for (other, key) in world.keys where other != summary.agency {
                    await #expect(throws: HavenError.self) {
                        try await ReferralOpener.show(service: world.store.service, summary.id, agencyKeyFile: key, by: caseworker)
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 100 && held > 20 && mandatory > 20, "the random cases exercise every path (\(checked), \(held), \(mandatory))")
    }
}

@Suite("Referrals: lifecycle")
struct ReferralLifecycleTests {
    func intake(_ world: ReferralWorld, _ json: String = Fixtures.intakeJSON()) async throws -> IntakeResult {
        try await world.store.service.createCase(try Fixtures.form(json), by: world.officer)
    }

    /// ack → accept → close; decline goes back to the case's timeline; each step is audited.
    @Test func inboxFlow() async throws {
        let world = try await ReferralWorld.make()
        let result = try await intake(world)
        let service = world.store.service
        let legalAid = try #require(result.referrals.first { $0.agency == "justice-legal-aid" })
        let health = try #require(result.referrals.first { $0.agency == "health" })
        let lawyer = world.caseworkers["justice-legal-aid"]!
        let inbox = try await service.listReferrals(agency: "justice-legal-aid", by: lawyer)
        #expect(inbox.map(\.id) == [legalAid.id])
        #expect(try await service.acknowledgeReferral(legalAid.id, by: lawyer).status == .acknowledged)
        #expect(try await service.acceptReferral(legalAid.id, by: lawyer).status == .accepted)
        let closed = try await service.closeReferral(legalAid.id, outcome: .servicesProvided, actions: [.legalAdvice], by: lawyer)
        #expect(closed.status == .closed)
        await #expect(throws: HavenError.referralNotAllowed(id: legalAid.id, status: .closed, action: .referralAck)) {
            try await service.acknowledgeReferral(legalAid.id, by: lawyer)
        }
        // Another agency's caseworker can neither see nor touch it (and is audited).
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .referralAccept)) {
            try await service.acceptReferral(health.id, by: lawyer)
        }
        let nurse = world.caseworkers["health"]!
        #expect(try await service.declineReferral(health.id, reason: .survivorUnreachable, by: nurse).status == .declined)
        let detail = try await service.showCase(result.id.rawValue, by: world.officer)
        #expect(detail.timeline.contains { $0.kind == "referral_declined" && $0.detail.contains("survivor_unreachable") })
        #expect(detail.referrals.first { $0.agency == "health" }?.status == .declined)
        #expect(try await service.auditEntries(caseID: health.id, by: world.store.admin).map(\.outcome) == [.denied, .allowed])
    }

    /// Overdue is computed from the clock: an urgent police referral (2 h) is overdue three
    /// hours later, counted per agency and priority for supervisors, with no identity.
    @Test func overdueWithFixedClock() async throws {
        let world = try await ReferralWorld.make()
        let json = Fixtures.intakeJSON(acts: ["strangulation"])
        let result = try await intake(world, json)
        #expect(result.referrals.contains { $0.agency == "police" && $0.priority == .urgent && $0.status == .pending })
        let later = HavenService(context: ServiceContext(
            store: world.store.service.context.store, keyring: world.store.service.context.keyring,
            policy: world.store.service.context.policy, clock: FixedClock(Fixtures.now.addingTimeInterval(3 * 3600)),
            random: SystemRandom(), storeID: world.store.service.context.storeID))
        let supervisor = try await world.store.user(.supervisor)
        let counts = try await later.overdueReferrals(by: supervisor)
        #expect(counts.contains { $0.agency == "police" && $0.priority == .urgent && $0.overdue == 1 && $0.pending == 1 })
        #expect(try await world.store.service.overdueReferrals(by: supervisor).allSatisfy { $0.overdue == 0 })
        let police = world.caseworkers["police"]!
        #expect(try await later.listReferrals(agency: "police", overdueOnly: true, by: police).count == 1)
        await #expect(throws: HavenError.self) { try await later.overdueReferrals(by: police) }
    }

    /// A held referral is sent only once consent is recorded; withdrawing consent keeps it held.
    @Test func consentAndRelease() async throws {
        let world = try await ReferralWorld.make()
        let result = try await intake(world)
        let police = try #require(result.referrals.first { $0.agency == "police" })
        #expect(police.status == .held && !police.sealed)
        let service = world.store.service
        // Not sent, so not in the police inbox, and the police cannot act on it.
        let policeWorker = world.caseworkers["police"]!
        #expect(try await service.listReferrals(agency: "police", by: policeWorker).isEmpty)
        await #expect(throws: HavenError.referralNotFound(id: police.id)) { try await service.acknowledgeReferral(police.id, by: policeWorker) }
        await #expect(throws: HavenError.consentMissing(referral: police.id, consent: .police)) {
            try await service.releaseReferral(police.id, by: world.officer)
        }
        // Recording consent releases the held referral in the same step, and says so.
        let releasedNow = try await service.recordConsent(result.id.rawValue, referral: nil, police: true, mediation: nil,
                                                          statistics: nil, by: world.officer)
        #expect(releasedNow.map(\.id) == [police.id])
        let released = try #require(releasedNow.first)
        #expect(released.status == .pending && released.sealed && released.dueBy != nil)
        #expect(try await service.listReferrals(agency: "police", by: policeWorker).map(\.id) == [police.id])
        // Releasing it again by hand is refused: it is no longer held.
        await #expect(throws: HavenError.referralNotAllowed(id: police.id, status: .pending, action: .referralRelease)) {
            try await service.releaseReferral(police.id, by: world.officer)
        }
        // Consent for statistics alone releases nothing.
        #expect(try await service.recordConsent(result.id.rawValue, referral: nil, police: nil, mediation: nil, statistics: true,
                                                by: world.officer).isEmpty)
        let opened = try await ReferralOpener.show(service: service, police.id, agencyKeyFile: world.keys["police"]!, by: world.caseworkers["police"]!)
        #expect(opened.packet.fields["survivor.name"] == "Nguyễn Thị Lan")
        // Consent withdrawn: what was sent stays sent; nothing new goes out.
        try await service.recordConsent(result.id.rawValue, referral: false, police: false, mediation: nil, statistics: nil, by: world.officer)
        await #expect(throws: HavenError.self) { try await service.releaseReferral(police.id, by: world.officer) }
    }

    /// High 3: an administrator cannot silently replace an agency's key. Without --replace it
    /// is refused and nothing changes; with it, the audit records both fingerprints and the
    /// agency's inbox tells its caseworkers.
    @Test func keyReplacementIsRefusedThenAudited() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let path = world.store.directory.path + "/police-new.key"
        await #expect(throws: HavenError.agencyKeyExists(agency: "police")) {
            try await AgencyKeyMaker.make(service: service, "police", outPath: path, by: world.store.admin)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "no key file is left behind")
        #expect(try await service.agencyKeyNotice(agency: "police", by: world.caseworkers["police"]!) == nil)
        let replaced = try await AgencyKeyMaker.make(service: service, "police", outPath: path, replace: true, by: world.store.admin)
        let old = try #require(replaced.replaced)
        #expect(old != replaced.fingerprint)
        let notice = try #require(try await service.agencyKeyNotice(agency: "police", by: world.caseworkers["police"]!))
        #expect(notice.oldFingerprint == old && notice.newFingerprint == replaced.fingerprint)
        let audit = try await service.context.store.read { try $0.auditEntries(target: "police") }
        #expect(audit.contains { $0.action == "agency.keygen" && $0.detail.contains("replaced=\(old)") })
        // Another agency's caseworker does not see the police notice.
        await #expect(throws: HavenError.self) { try await service.agencyKeyNotice(agency: "police", by: world.caseworkers["health"]!) }
    }

    /// Referrals sent before an agency had a key are sealed by `agency keygen`.
    @Test func keygenSealsWaitingReferrals() async throws {
        let world = try await ReferralWorld.make(keys: false)
        let result = try await intake(world, Fixtures.intakeJSON(acts: ["weapon"]))
        let police = try #require(result.referrals.first { $0.agency == "police" })
        #expect(police.status == .pending && !police.sealed)
        let path = world.store.directory.path + "/police.key"
        let sealed = try await AgencyKeyMaker.make(service: world.store.service, "police", outPath: path, by: world.store.admin)
        #expect(sealed.sealed == 1 && sealed.replaced == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let key = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try await ReferralOpener.show(service: world.store.service, police.id, agencyKeyFile: key, by: world.caseworkers["police"]!).packet.fields["survivor.name"] != nil)
        // The store holds only the public key: the private key's bytes are nowhere in it.
        let privateB64 = try #require(String(data: key, encoding: .utf8)?.components(separatedBy: "\"privateKey\" : \"").last?.components(separatedBy: "\"").first)
        #expect(ByteScanner.hits(of: [privateB64], in: [world.store.location.directory]).isEmpty)
        await #expect(throws: HavenError.keyFileExists(path: path)) {
            try await AgencyKeyMaker.make(service: world.store.service, "police", outPath: path, replace: true, by: world.store.admin)
        }
    }

    /// Re-routing with recurrence as a fact adds culture-dv and raises priorities.
    @Test func rerouteWithRepeat() async throws {
        let world = try await ReferralWorld.make()
        let json = Fixtures.intakeJSON(acts: ["insults"]).replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"childUnder36Months\": true", with: "\"childUnder36Months\": false")
        let result = try await intake(world, json)
        #expect(result.referrals.first { $0.agency == "culture-dv" }?.priority == .normal)
        let before = Set(result.referrals.map(\.agency))
        let routed = try await world.store.service.reroute(result.id.rawValue, forceRepeat: true, by: world.officer)
        #expect(routed.raised.map(\.agency).contains("culture-dv"))
        let after = try await world.store.service.showCase(result.id.rawValue, by: world.officer).referrals
        #expect(Set(after.map(\.agency)).isSuperset(of: before))
        #expect(after.first { $0.agency == "culture-dv" }?.priority == .high)
        let again = try await world.store.service.reroute(result.id.rawValue, forceRepeat: true, by: world.officer)
        #expect(again.added.isEmpty && again.raised.isEmpty, "routing is idempotent")
    }
}

@Suite("Referrals: offline bundles between two stores")
struct BundleTests {
    /// Export from the province, import at the agency's office: verified and opened there;
    /// a tampered bundle, a bundle for another agency, or a new key for a known origin is
    /// refused whole.
    @Test func exportImport() async throws {
        let province = try await ReferralWorld.make()
        let intake = try await province.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"])), by: province.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        let (bundle, count) = try await province.store.service.exportReferrals(agency: "police", by: province.store.admin)
        #expect(count == 1)

        let office = try await TestStore.make()
        let officer = try await office.user(.caseworker, agency: "police", name: "Commune police")
        let key = province.keys["police"]!
        // High 2: nothing is trusted on first use: an origin the office's administrator has not
        // pinned is refused whole.
        let origin = try await province.store.service.originIdentity(by: province.store.admin)
        await #expect(throws: HavenError.bundleRejected(reason: .originNotTrusted(origin: origin.storeID, fingerprint: origin.fingerprint))) {
            try await BundleOpener.importBundle(service: office.service, bundle: bundle, agencyKeyFile: key, by: officer)
        }
        // A wrong fingerprint (misheard) pins nothing; the right one pins the key.
        await #expect(throws: HavenError.bundleRejected(reason: .fingerprintMismatch)) {
            try await office.service.trustOrigin(origin.storeID, publicKey: origin.publicKey, fingerprint: "0000 1111", by: office.admin)
        }
        try await office.service.trustOrigin(origin.storeID, publicKey: origin.publicKey, fingerprint: origin.fingerprint.uppercased(),
                                             by: office.admin)
        // Tampered: one byte of a packet changed.
        var tampered = try JSONSerialization.jsonObject(with: bundle) as! [String: Any]
        var entries = tampered["referrals"] as! [[String: Any]]
        var packet = Data(base64Encoded: entries[0]["packet"] as! String)!
        packet[packet.count - 5] ^= 0x01
        entries[0]["packet"] = packet.base64EncodedString()
        tampered["referrals"] = entries
        let tamperedData = try JSONSerialization.data(withJSONObject: tampered)
        await #expect(throws: HavenError.self) { try await BundleOpener.importBundle(service: office.service, bundle: tamperedData, agencyKeyFile: key, by: officer) }
        #expect(try await office.service.listReferrals(agency: "police", by: officer).isEmpty, "nothing imported")
        // An entry removed: every remaining packet is genuine, but the bundle's own signature fails.
        let second = try await province.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Trần Thị Hai", acts: ["weapon"])), by: province.officer)
        #expect(second.referrals.contains { $0.agency == "police" })
        let (two, twoCount) = try await province.store.service.exportReferrals(agency: "police", by: province.store.admin)
        #expect(twoCount == 2)
        var cut = try JSONSerialization.jsonObject(with: two) as! [String: Any]
        cut["referrals"] = Array((cut["referrals"] as! [[String: Any]]).prefix(1))
        cut["count"] = 1
        await #expect(throws: HavenError.bundleRejected(reason: .bundleSignatureInvalid)) {
            try await BundleOpener.importBundle(service: office.service, bundle: try JSONSerialization.data(withJSONObject: cut), agencyKeyFile: key, by: officer)
        }
        // A renamed origin with a fresh key (a forger's own store): not trusted.
        var renamed = try JSONSerialization.jsonObject(with: bundle) as! [String: Any]
        renamed["origin"] = "S-FORGED"
        let forgerKey = Curve25519.Signing.PrivateKey()
        renamed["originKey"] = forgerKey.publicKey.rawRepresentation.base64EncodedString()
        await #expect(throws: HavenError.self) {
            try await BundleOpener.importBundle(service: office.service, bundle: try JSONSerialization.data(withJSONObject: renamed), agencyKeyFile: key, by: officer)
        }
        #expect(try await office.service.listReferrals(agency: "police", by: officer).isEmpty, "nothing imported")
        // Foreign: the health key cannot import a police bundle.
        await #expect(throws: HavenError.self) {
            try await BundleOpener.importBundle(service: office.service, bundle: bundle, agencyKeyFile: province.keys["health"]!, by: officer)
        }
        // Genuine.
        let imported = try await BundleOpener.importBundle(service: office.service, bundle: bundle, agencyKeyFile: key, by: officer)
        #expect(imported.count == 1 && imported.origin == province.store.service.context.storeID)
        let inbox = try await office.service.listReferrals(agency: "police", by: officer)
        #expect(inbox.map(\.id) == [police.id] && inbox[0].priority == .urgent && inbox[0].origin != nil)
        let opened = try await ReferralOpener.show(service: office.service, police.id, agencyKeyFile: key, by: officer)
        #expect(opened.packet.fields["survivor.name"] == "Nguyễn Thị Lan")
        #expect(try await office.service.acknowledgeReferral(police.id, by: officer).status == .acknowledged)
        // Importing again adds nothing; a bundle re-signed by another store under the same origin id is refused.
        #expect(try await BundleOpener.importBundle(service: office.service, bundle: bundle, agencyKeyFile: key, by: officer).count == 0)
        #expect(try await BundleOpener.importBundle(service: office.service, bundle: two, agencyKeyFile: key, by: officer).count == 1)
        var forged = try JSONSerialization.jsonObject(with: bundle) as! [String: Any]
        forged["originKey"] = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        await #expect(throws: HavenError.self) {
            try await BundleOpener.importBundle(service: office.service, bundle: try JSONSerialization.data(withJSONObject: forged), agencyKeyFile: key, by: officer)
        }
    }

    /// The office's service never receives the agency's key: the caller opens the packets and
    /// sends their index terms, which the service checks against the origin's signatures. An
    /// insider who changes a due time, a priority or a commune on the way in, leaves an entry
    /// out, or sends another plaintext hash is refused whole; a bundle of the old format is
    /// refused with its version; a packet sealed before index signatures existed is named and
    /// not exported (sealing it again would send today's details).
    @Test func importNeedsNoKeyAndTermsCannotBeChanged() async throws {
        let province = try await ReferralWorld.make()
        _ = try await province.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"])), by: province.officer)
        _ = try await province.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Trần Thị Hai", acts: ["weapon"])),
                                                        by: province.officer)
        // A packet sealed by an earlier Haven carries no index signature: named, not exported.
        let stale = try await ReferralWorld.make()
        _ = try await stale.store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"])), by: stale.officer)
        try stale.store.tamper("UPDATE referrals SET index_signature = NULL WHERE agency = 'police'")
        let stalest = try #require(try RawDatabase.string(path: stale.store.location.databasePath,
                                                      sql: "SELECT min(id) FROM referrals WHERE agency = 'police'"))
        await #expect(throws: HavenError.bundleRejected(reason: .sealedBeforeSignedTerms(referral: stalest))) {
            _ = try await stale.store.service.exportReferrals(agency: "police", by: stale.store.admin)
        }
        let (bundle, count) = try await province.store.service.exportReferrals(agency: "police", by: province.store.admin)
        #expect(count == 2)
        let office = try await TestStore.make()
        let officer = try await office.user(.caseworker, agency: "police", name: "Commune police")
        let origin = try await province.store.service.originIdentity(by: province.store.admin)
        _ = try await office.service.trustOrigin(origin.storeID, publicKey: origin.publicKey, fingerprint: origin.fingerprint, by: office.admin)
        let opened = try BundleOpener.open(bundle: bundle, agencyKeyFile: province.keys["police"]!)
        #expect(opened.count == 2)
        func refused(_ entries: [OpenedBundleEntry]) async -> BundleProblem? {
            do { _ = try await office.service.importReferrals(bundle: bundle, opened: entries, by: officer); return nil } catch HavenError.bundleRejected(let reason) {
                return reason
            } catch { return nil }
        }
        func changed(_ i: ReferralIndex, priority: Priority? = nil, commune: String? = nil, dueBy: Date? = nil,
                     legalBases: [String]? = nil) -> ReferralIndex {
            var packet = ReferralPacket(referral: "x", caseID: i.caseID, agency: i.agency, priority: priority ?? i.priority, mandatory: i.mandatory,
                                        legalBases: legalBases ?? i.legalBases, rules: i.rules, policy: i.policy, sentAt: i.sentAt, dueBy: dueBy ?? i.dueBy,
                                        coded: .init(commune: commune ?? i.commune, gbvType: "", acts: [], contexts: [], survivorSex: "",
                                                     survivorAgeGroup: "", risk: "", injury: "", flags: [], relationship: "",
                                                     childrenPresent: false, ethnicity: "", prosecutionWish: nil),
                                        basis: .consent, grounds: [], fields: [:])
            packet.version = 2
            return ReferralIndex(packet: packet)
        }
        let first = opened[0]
        #expect(first.index.legalBases.contains { $0.contains(",") }, "the police's legal bases have commas")
        for forged in [changed(first.index, dueBy: first.index.dueBy.addingTimeInterval(30 * 86_400)),
                       changed(first.index, priority: first.index.priority == .normal ? .urgent : .normal), changed(first.index, commune: "binh-duc"),
                       // A legal basis split at its comma (the record keeps one per line): another term.
                       changed(first.index, legalBases: first.index.legalBases.flatMap { $0.split(separator: ",").map(String.init) })] {
            var entries = opened
            entries[0] = OpenedBundleEntry(referral: first.referral, index: forged, contentHash: first.contentHash)
            #expect(await refused(entries) == .indexNotSigned(referral: first.referral))
        }
        var otherHash = opened
        otherHash[0] = OpenedBundleEntry(referral: first.referral, index: first.index, contentHash: Data(repeating: 7, count: 32))
        #expect(await refused(otherHash) == .indexNotSigned(referral: first.referral))
        // One entry's terms given for another's.
        var swapped = opened
        swapped[0] = OpenedBundleEntry(referral: first.referral, index: opened[1].index, contentHash: opened[1].contentHash)
        #expect(await refused(swapped) == .indexNotSigned(referral: first.referral))
        #expect(await refused(Array(opened.prefix(1))) == .entriesNotOpened)
        #expect(await refused(opened + [opened[0]]) == .entriesNotOpened)
        #expect(try await office.service.listReferrals(agency: "police", by: officer).isEmpty, "nothing imported")
        // The old format, refused with what to do.
        var old = try JSONSerialization.jsonObject(with: bundle) as! [String: Any]
        old["version"] = 2
        await #expect(throws: HavenError.bundleRejected(reason: .unsupportedVersion(2))) {
            try await BundleOpener.importBundle(service: office.service, bundle: try JSONSerialization.data(withJSONObject: old),
                                                agencyKeyFile: province.keys["police"]!, by: officer)
        }
        #expect(BundleProblem.unsupportedVersion(2).message(.en).contains("export it again"))
        // Genuine terms import both, due times and priorities as the origin sealed them.
        #expect(try await office.service.importReferrals(bundle: bundle, opened: opened, by: officer).count == 2)
        let inbox = try await office.service.listReferrals(agency: "police", by: officer)
        let sent = try await province.store.service.listReferrals(agency: "police", by: province.caseworkers["police"]!)
        #expect(Set(inbox.map(\.id)) == Set(sent.map(\.id)))
        for referral in inbox {
            let original = try #require(sent.first { $0.id == referral.id })
            #expect(referral.priority == original.priority && referral.commune == original.commune)
            #expect(referral.dueBy.map { Int($0.timeIntervalSince1970) } == original.dueBy.map { Int($0.timeIntervalSince1970) })
        }
    }

    /// A referral the origin raised after an earlier export: the newer bundle raises it at the
    /// office; the older bundle imported after it (or again) never lowers it.
    @Test func aRaisedReferralIsRaisedAndNeverLowered() async throws {
        let world = try await ReferralWorld.make()
        let json = Fixtures.intakeJSON(acts: ["insults"]).replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"childUnder36Months\": true", with: "\"childUnder36Months\": false")
        var form = try Fixtures.form(json)
        form.consent.referral = true
        let result = try await world.store.service.createCase(form, by: world.officer)
        let before = try #require(result.referrals.first { $0.agency == "culture-dv" })
        #expect(before.priority == .normal && before.status == .pending)
        let (older, _) = try await world.store.service.exportReferrals(agency: "culture-dv", by: world.store.admin)
        let routed = try await world.store.service.reroute(result.id.rawValue, forceRepeat: true, by: world.officer)
        #expect(routed.raised.map(\.agency).contains("culture-dv"))
        let (newer, _) = try await world.store.service.exportReferrals(agency: "culture-dv", by: world.store.admin)
        let office = try await TestStore.make()
        let worker = try await office.user(.caseworker, agency: "culture-dv", name: "Culture office")
        let origin = try await world.store.service.originIdentity(by: world.store.admin)
        _ = try await office.service.trustOrigin(origin.storeID, publicKey: origin.publicKey, fingerprint: origin.fingerprint, by: office.admin)
        let key = world.keys["culture-dv"]!
        func priority() async throws -> Priority? {
            try await office.service.listReferrals(agency: "culture-dv", by: worker).first { $0.id == before.id }?.priority
        }
        #expect(try await BundleOpener.importBundle(service: office.service, bundle: older, agencyKeyFile: key, by: worker).count >= 1)
        #expect(try await priority() == before.priority)
        #expect(try await BundleOpener.importBundle(service: office.service, bundle: newer, agencyKeyFile: key, by: worker).count == 1)
        #expect(try await priority() == .high)
        #expect(try await BundleOpener.importBundle(service: office.service, bundle: older, agencyKeyFile: key, by: worker).count == 0)
        #expect(try await priority() == .high, "an older bundle never lowers a referral")
    }
}

@Suite("HPKE interoperability with pyhpke")
struct HPKEInteropTests {
    func python(_ arguments: [String]) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", PackagePaths.root + "/scripts/hpke_interop.py"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    /// Haven seals, pyhpke opens; pyhpke seals, Haven opens; a wrong referral id fails both ways.
    @Test func bothWays() throws {
        let dir = TemporaryDirectory()
        let key = Curve25519.KeyAgreement.PrivateKey()
        let keyFile = dir.path + "/police.key"
        try AgencyKeyFile.encode(agency: "police", key: key).write(to: URL(fileURLWithPath: keyFile))
        let message = Data("Người bị bạo lực: Nguyễn Thị Lan — dữ liệu thử".utf8)

        let packet = try ReferralSeal.seal(message, to: key.publicKey, referralID: "R-TEST0001", agency: "police")
        try packet.write(to: URL(fileURLWithPath: dir.path + "/from-haven.bin"))
        let (status, opened) = try python(["open", keyFile, dir.path + "/from-haven.bin", "R-TEST0001", "police"])
        #expect(status == 0, "pyhpke must be installed (make test installs it)")
        #expect(opened == message)
        let (wrong, _) = try python(["open", keyFile, dir.path + "/from-haven.bin", "R-OTHER001", "police"])
        #expect(wrong != 0)

        try message.write(to: URL(fileURLWithPath: dir.path + "/plain.txt"))
        let (sealStatus, _) = try python(["seal", key.publicKey.rawRepresentation.base64EncodedString(), dir.path + "/plain.txt",
                                          "R-TEST0002", "police", dir.path + "/from-python.bin"])
        #expect(sealStatus == 0)
        let fromPython = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/from-python.bin"))
        #expect(try ReferralSeal.open(fromPython, with: key, referralID: "R-TEST0002", agency: "police") == message)
        #expect(throws: HavenCryptoError.self) { try ReferralSeal.open(fromPython, with: key, referralID: "R-TEST0002", agency: "health") }
    }
}
