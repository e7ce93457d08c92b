import Foundation
import HavenCore
import HavenPostgres
import HavenSQLite
import HavenStore
import HavenTestSupport
import Testing

/// An engine under contract: a name and a way to make an empty store of it.
struct ContractEngine: CustomStringConvertible, Sendable {
    let description: String
    let make: @Sendable (_ directory: String) throws -> any Store

    /// Every engine the contract runs on: SQLite always, PostgreSQL when `HAVEN_TEST_POSTGRES`
    /// names a server (scripts/with-postgres.sh), each store in a new database of its own.
    static let all: [ContractEngine] = [
        ContractEngine(description: "sqlite") { directory in try SQLiteStore.create(path: directory + "/contract.sqlite") },
    ] + (PostgresTestServer.baseURL == nil ? [] : [
        ContractEngine(description: "postgres") { _ in try PostgresEngine().create(try PostgresTestServer.makeDatabase()) },
    ])
}

/// The `Store` contract (issue #11): written against the protocol only, so that every engine
/// passes the same tests. Round trips of every record, ordering, filters, uniqueness, and the
/// transaction guarantees (a failed body leaves nothing; writers serialise).
@Suite("Store contract")
struct StoreContractTests {
    static let t0 = Fixtures.now

    static func caseRecord(_ id: String, commune: String = "my-thoi", reported: Date = t0, status: CaseStatus = .open,
                           blindIndex: String? = "bi-1") throws -> CaseRecord {
        let regions = try Fixtures.regions()
        var form = try Fixtures.form()
        form.reportedAt = reported
        form.commune = commune
        let facts = try CaseFacts.derive(from: form, commune: try #require(regions.commune(commune)), now: reported)
        var record = CaseRecord(id: try #require(CaseID(parsing: id)), facts: facts, status: status, outcome: nil, createdBy: "U-1",
                                createdAt: reported, updatedAt: reported, keyVersion: 1, wrappedDataKey: Data([1, 2, 3]),
                                blindIndex: blindIndex, sealed: ["survivor.name": Data([9, 9]), "incident.date": Data([7])])
        record.recordKey = 42
        record.seal = Data([5, 5])
        return record
    }

    @Test(arguments: ContractEngine.all)
    func metaAndTransactions(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        #expect(try await store.read { try $0.meta("k") } == nil)
        try await store.write { try $0.setMeta("k", "v1") }
        try await store.write { try $0.setMeta("k", "v2") }
        #expect(try await store.read { try $0.meta("k") } == "v2")
        // A failed body leaves nothing behind.
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await store.write { tx in try tx.setMeta("k", "v3"); try tx.setMeta("other", "x"); throw Boom() }
        }
        #expect(try await store.read { try $0.meta("k") } == "v2")
        #expect(try await store.read { try $0.meta("other") } == nil)
        // Writers serialise: twenty read-modify-write increments at once lose none.
        try await store.write { try $0.setMeta("n", "0") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await store.write { tx in try tx.setMeta("n", String(Int(try tx.meta("n") ?? "0")! + 1)) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.read { try $0.meta("n") } == "20")
    }

    @Test(arguments: ContractEngine.all)
    func casesFiltersAndChanges(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        let a = try Self.caseRecord("C-AAAAAAAA", reported: Self.t0)
        let b = try Self.caseRecord("C-BBBBBBBB", commune: "binh-duc", reported: Self.t0.addingTimeInterval(86_400), blindIndex: "bi-1")
        let c = try Self.caseRecord("C-CCCCCCCC", reported: Self.t0.addingTimeInterval(2 * 86_400), status: .closed, blindIndex: nil)
        try await store.write { tx in try tx.insertCase(a); try tx.insertCase(b); try tx.insertCase(c) }
        #expect(try await store.read { try $0.caseRecord(a.id) } == a, "a case is read back whole")
        #expect(try await store.read { try $0.caseRecord(CaseID(parsing: "C-ZZZZZZZZ")!) } == nil)
        #expect(try await store.read { try $0.caseCount() } == 3)
        #expect(try await store.read { try $0.caseExists(b.id) })
        // Newest report first; filters by status, communes, date, limit; no sealed fields in lists.
        let all = try await store.read { try $0.cases(CaseFilter()) }
        #expect(all.map(\.id) == [c.id, b.id, a.id] && all.allSatisfy { $0.sealed.isEmpty })
        #expect(try await store.read { try $0.cases(CaseFilter(status: .open)) }.map(\.id) == [b.id, a.id])
        #expect(try await store.read { try $0.cases(CaseFilter(communes: ["my-thoi"])) }.map(\.id) == [c.id, a.id])
        #expect(try await store.read { try $0.cases(CaseFilter(communes: [])) }.isEmpty, "no communes: no cases")
        #expect(try await store.read { try $0.cases(CaseFilter(reportedSince: b.facts.reportDate)) }.map(\.id) == [c.id, b.id])
        #expect(try await store.read { try $0.cases(CaseFilter(limit: 1)) }.map(\.id) == [c.id])
        #expect(try await store.read { try $0.cases(blindIndex: "bi-1") }.map(\.id) == [a.id, b.id], "oldest report first")
        // A duplicate id is a duplicate, and its transaction leaves nothing.
        await #expect(throws: StoreError.self) {
            try await store.write { tx in try tx.insertCase(try Self.caseRecord("C-DDDDDDDD")); try tx.insertCase(a) }
        }
        #expect(try await store.read { try $0.caseCount() } == 3)

        // Changes: status, consent, seal, pair index, key re-wrap, a whole replacement.
        let later = Self.t0.addingTimeInterval(10 * 86_400)
        try await store.write { tx in
            try tx.updateCaseStatus(a.id, status: .closed, outcome: .servicesProvided, at: later)
            try tx.updateCaseConsent(b.id, consent: .init(referral: false, police: true, mediation: true, statistics: false), at: later)
            try tx.setCaseSeal(b.id, Data([8]))
            try tx.setPairIndex(b.id, "pair-1")
            try tx.rewrapCaseKey(c.id, wrapped: Data([4, 4]), version: 2)
        }
        let closed = try #require(try await store.read { try $0.caseRecord(a.id) })
        #expect(closed.status == .closed && closed.outcome == .servicesProvided && closed.updatedAt == later)
        let consented = try #require(try await store.read { try $0.caseRecord(b.id) })
        #expect(consented.facts.consent == .init(referral: false, police: true, mediation: true, statistics: false))
        #expect(consented.seal == Data([8]) && consented.pairIndex == "pair-1")
        #expect(try await store.read { try $0.cases(pairIndex: "pair-1") }.map(\.id) == [b.id])
        #expect(try await store.read { try $0.cases(notWrappedWith: 2, limit: 10) }.sorted { $0.rawValue < $1.rawValue } == [a.id, b.id])
        var replaced = consented
        replaced.facts.commune = "my-thoi"
        replaced.sealed = ["survivor.name": Data([1])]
        let replacement = replaced
        try await store.write { try $0.replaceCase(replacement) }
        let reread = try #require(try await store.read { try $0.caseRecord(b.id) })
        #expect(reread == replacement, "a replacement drops sealed fields it no longer has")
        await #expect(throws: StoreError.self) {
            try await store.write { try $0.replaceCase(try Self.caseRecord("C-EEEEEEEE")) }
        }
        // Record keys for statistics: only the cases that consented to statistics.
        try await store.write { try $0.updateCaseConsent(c.id, consent: .init(referral: true, police: false, mediation: false, statistics: false),
                                                          at: later) }
        let keys = try await store.read { try $0.statisticsKeys(caseIDs: [a.id, c.id]) }
        #expect(keys == [a.id: 42], "\(keys)")
    }

    @Test(arguments: ContractEngine.all)
    func eventsUsersAndAudit(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        let a = try Self.caseRecord("C-AAAAAAAA")
        let second = CaseEvent(id: "E-2", caseID: a.id, at: Self.t0.addingTimeInterval(60), actor: "U-1", kind: .noteAdded, detail: "",
                               sealed: Data([3]))
        let first = CaseEvent(id: "E-1", caseID: a.id, at: Self.t0, actor: "U-1", kind: .created, detail: "type=x", sealed: nil)
        let officer = UserRecord(id: "U-1", name: "Cán bộ", role: .fieldOfficer, agency: nil, communes: ["my-thoi", "binh-duc"],
                                 tokenHash: "h1", createdAt: Self.t0)
        let worker = UserRecord(id: "U-2", name: "Người xử lý", role: .caseworker, agency: "police", communes: [], tokenHash: "h2",
                                createdAt: Self.t0)
        try await store.write { tx in
            try tx.insertCase(a)
            try tx.appendEvent(second); try tx.appendEvent(first)
            try tx.insertUser(officer); try tx.insertUser(worker)
        }
        #expect(try await store.read { try $0.events(caseID: a.id) } == [first, second], "in time order")
        #expect(try await store.read { try $0.user(id: "U-1") } == officer)
        #expect(try await store.read { try $0.user(tokenHash: "h2") } == worker)
        #expect(try await store.read { try $0.users() }.map(\.id).sorted() == ["U-1", "U-2"])
        await #expect(throws: StoreError.self) {
            try await store.write { tx in
                var clash = worker; clash.id = "U-3"
                try tx.insertUser(clash) // the same token hash
            }
        }
        try await store.write { try $0.revokeUser(id: "U-2", at: Self.t0.addingTimeInterval(5)) }
        #expect(try await store.read { try $0.user(id: "U-2") }?.revokedAt == Self.t0.addingTimeInterval(5))

        var built: [AuditRecord] = []
        for n in 1...5 {
            let target: String? = n % 2 == 0 ? "C-AAAAAAAA" : nil
            let outcome: AuditOutcome = n == 5 ? .denied : .allowed
            let at = Self.t0.addingTimeInterval(Double(n))
            built.append(AuditRecord(sequence: Int64(n), at: at, actor: "U-1", action: "case.show", target: target, outcome: outcome,
                                     detail: "n=\(n)", previousHash: Data([UInt8(n - 1)]), hash: Data([UInt8(n)])))
        }
        let entries = built
        try await store.write { tx in for entry in entries { try tx.appendAudit(entry) } }
        #expect(try await store.read { try $0.auditEntries(from: 2, limit: 2) } == Array(entries[1...2]))
        #expect(try await store.read { try $0.auditEntries(target: "C-AAAAAAAA") }.map(\.sequence) == [2, 4])
        #expect(try await store.read { try $0.lastAuditEntry() } == entries[4])
        let checkpoint = AuditCheckpoint(sequence: 5, hash: Data([5]), signature: Data([6]), at: Self.t0)
        try await store.write { try $0.insertCheckpoint(checkpoint) }
        #expect(try await store.read { try $0.auditCheckpoints() } == [checkpoint])
        await #expect(throws: StoreError.self) { try await store.write { try $0.appendAudit(entries[0]) } }
    }

    @Test(arguments: ContractEngine.all)
    func referralsKeysAndPolicies(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        func referral(_ id: String, agency: String, status: ReferralStatus, at seconds: Double) -> ReferralRecord {
            ReferralRecord(id: id, caseID: "C-AAAAAAAA", agency: agency, priority: .high, status: status, mandatory: true,
                           legalBases: ["Luật A", "Nghị định B"], rules: ["r1", "r2"], policyHash: "sha256:x", commune: "my-thoi",
                           createdAt: Self.t0.addingTimeInterval(seconds), sentAt: Self.t0, dueBy: Self.t0.addingTimeInterval(3600),
                           actions: [], packet: Data([1]), signature: Data([2]), indexSignature: Data([3]))
        }
        let r2 = referral("R-2", agency: "police", status: .pending, at: 20)
        let r1 = referral("R-1", agency: "police", status: .held, at: 10)
        let r3 = referral("R-3", agency: "health", status: .pending, at: 30)
        try await store.write { tx in try tx.insertReferral(r2); try tx.insertReferral(r1); try tx.insertReferral(r3) }
        #expect(try await store.read { try $0.referral(id: "R-1") } == r1)
        #expect(try await store.read { try $0.referrals(ReferralFilter()) }.map(\.id) == ["R-1", "R-2", "R-3"], "oldest first")
        #expect(try await store.read { try $0.referrals(ReferralFilter(agency: "police")) }.map(\.id) == ["R-1", "R-2"])
        #expect(try await store.read { try $0.referrals(ReferralFilter(status: .pending)) }.map(\.id) == ["R-2", "R-3"])
        #expect(try await store.read { try $0.referrals(ReferralFilter(caseID: "C-BBBBBBBB")) }.isEmpty)
        // Overdue at a time: pending and past the due time; a listing reads no packet bytes.
        #expect(try await store.read { try $0.referrals(ReferralFilter(overdueAt: Self.t0.addingTimeInterval(7200))) }.map(\.id) == ["R-2", "R-3"])
        #expect(try await store.read { try $0.referrals(ReferralFilter(overdueAt: Self.t0)) }.isEmpty)
        let listed = try await store.read { try $0.referrals(ReferralFilter(agency: "police", packets: false)) }
        #expect(listed.map(\.id) == ["R-1", "R-2"] && listed.allSatisfy { $0.packet == Data() && $0.signature == nil && $0.indexSignature == nil })
        var stripped = r1
        stripped.packet = Data(); stripped.signature = nil; stripped.indexSignature = nil
        #expect(listed.first == stripped, "a listing is the record without its packet's bytes")
        var closed = r2
        closed.status = .closed; closed.closedAt = Self.t0.addingTimeInterval(99); closed.outcome = .servicesProvided
        closed.actions = [.legalAdvice]; closed.declineReason = nil
        let closedReferral = closed
        try await store.write { try $0.updateReferral(closedReferral) }
        #expect(try await store.read { try $0.referral(id: "R-2") } == closedReferral)
        await #expect(throws: StoreError.self) { try await store.write { try $0.insertReferral(r1) } }

        try await store.write { tx in
            try tx.setAgencyKey("police", publicKey: Data([7, 7]), at: Self.t0)
            try tx.setAgencyKey("police", publicKey: Data([8, 8]), at: Self.t0.addingTimeInterval(1))
            try tx.setOriginKey("S-1", publicKey: Data([9]))
            try tx.insertPolicyVersion(PolicyVersion(hash: "sha256:p1", files: ["a.yaml": "x: 1"], activatedAt: Self.t0, activatedBy: "U-9"))
        }
        #expect(try await store.read { try $0.agencyKey("police") } == Data([8, 8]), "a key replaced is the new one")
        #expect(try await store.read { try $0.agencyKey("health") } == nil)
        #expect(try await store.read { try $0.agencyKeys() }.map(\.agency) == ["police"])
        #expect(try await store.read { try $0.originKey("S-1") } == Data([9]))
        #expect(try await store.read { try $0.policyVersion(hash: "sha256:p1") }?.files == ["a.yaml": "x: 1"])
        #expect(try await store.read { try $0.policyVersions() }.map(\.hash) == ["sha256:p1"])
    }

    @Test(arguments: ContractEngine.all)
    func mediationRecords(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        let a = try Self.caseRecord("C-AAAAAAAA")
        let team = MediationTeam(id: "T-1", commune: "my-thoi", name: "Tổ hòa giải", createdAt: Self.t0)
        let mediator = MediatorRecord(id: "H-1", teamID: "T-1", name: "Hòa giải viên", sex: .female, ethnicity: .khmer, createdAt: Self.t0)
        let day = try #require(LocalDate(iso: "2026-11-25"))
        let mediation = MediationRecord(id: "M-1", caseID: a.id, teamID: "T-1", commune: "my-thoi", mediators: ["H-1"], conflicted: ["H-9"],
                                        status: .open, openedAt: Self.t0, openedBy: "U-1", startDue: day)
        let session = MediationSession(id: "S-1", mediationID: "M-1", date: day, outcome: .agreement, escalation: .none,
                                       note: Data([1]), agreement: Data([2]), recordedAt: Self.t0, recordedBy: "U-1")
        let followUps = [30, 90].map { MediationFollowUp(id: "F-\($0)", mediationID: "M-1", dueDate: day.adding(days: $0)) }
        let refusal = MediationRefusal(id: "X-1", caseID: a.id, commune: "my-thoi", formerDistrict: "long-xuyen", at: Self.t0,
                                       reasons: ["child-survivor", "no-consent"])
        try await store.write { tx in
            try tx.insertCase(a); try tx.insertTeam(team); try tx.insertMediator(mediator); try tx.insertMediation(mediation)
            try tx.insertSession(session); for f in followUps { try tx.upsertFollowUp(f) }; try tx.insertMediationRefusal(refusal)
        }
        #expect(try await store.read { try $0.team(id: "T-1") } == team)
        #expect(try await store.read { try $0.teams() } == [team])
        #expect(try await store.read { try $0.mediators(teamID: "T-1") } == [mediator])
        #expect(try await store.read { try $0.mediation(id: "M-1") } == mediation)
        #expect(try await store.read { try $0.mediations(caseID: a.id) } == [mediation])
        #expect(try await store.read { try $0.sessions(mediationID: "M-1") } == [session])
        #expect(try await store.read { try $0.followUps(mediationID: "M-1") } == followUps, "by due date")
        #expect(try await store.read { try $0.mediationRefusals() } == [refusal])
        var done = followUps[0]
        done.doneDate = day.adding(days: 31); done.recurred = false; done.note = Data([3])
        var ended = mediation
        ended.status = .completed; ended.end = .completed; ended.endedAt = Self.t0.addingTimeInterval(9)
        let doneFollowUp = done, endedMediation = ended
        try await store.write { tx in try tx.upsertFollowUp(doneFollowUp); try tx.updateMediation(endedMediation) }
        #expect(try await store.read { try $0.followUps(mediationID: "M-1") } == [doneFollowUp, followUps[1]], "an upsert replaces")
        #expect(try await store.read { try $0.mediation(id: "M-1") } == endedMediation)
    }

    @Test(arguments: ContractEngine.all)
    func draftsSearchAndImports(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        let a = try Self.caseRecord("C-AAAAAAAA")
        let b = try Self.caseRecord("C-BBBBBBBB")
        @Sendable func draft(_ id: String, owner: String, updated: Double) -> DraftRecord {
            DraftRecord(id: id, owner: owner, createdAt: Self.t0, updatedAt: Self.t0.addingTimeInterval(updated), wrappedKey: Data([1]),
                        keyVersion: 1, sealed: Data([2]), answered: 3)
        }
        try await store.write { tx in
            try tx.insertCase(a); try tx.insertCase(b)
            try tx.upsertDraft(draft("D-2", owner: "U-1", updated: 50)); try tx.upsertDraft(draft("D-1", owner: "U-1", updated: 10))
            try tx.upsertDraft(draft("D-3", owner: "U-2", updated: 10))
            try tx.setSearchTokens(a.id, ["name-x", "phone-y", "year-z"])
            try tx.setSearchTokens(b.id, ["name-x", "year-z"])
            try tx.recordImport(key: "k1", caseID: a.id, at: Self.t0)
        }
        #expect(try await store.read { try $0.draft(id: "D-1") } == draft("D-1", owner: "U-1", updated: 10))
        #expect(try await store.read { try $0.drafts(owner: "U-1") }.map(\.id).sorted() == ["D-1", "D-2"])
        var touched = draft("D-1", owner: "U-1", updated: 99); touched.answered = 7
        let touchedDraft = touched
        try await store.write { try $0.upsertDraft(touchedDraft) }
        #expect(try await store.read { try $0.draft(id: "D-1") }?.answered == 7)
        #expect(try await store.write { try $0.deleteDrafts(updatedBefore: Self.t0.addingTimeInterval(60)) } == 2, "D-2 and D-3")
        try await store.write { try $0.deleteDraft(id: "D-1") }
        #expect(try await store.read { try $0.drafts(owner: "U-1") }.isEmpty)

        // Search: every token given must match; tokens are replaced, not added to.
        #expect(try await store.read { try $0.cases(searchTokens: ["name-x"]) } == [a.id, b.id])
        #expect(try await store.read { try $0.cases(searchTokens: ["name-x", "phone-y"]) } == [a.id])
        #expect(try await store.read { try $0.cases(searchTokens: []) }.isEmpty)
        try await store.write { try $0.setSearchTokens(a.id, ["name-q"]) }
        #expect(try await store.read { try $0.cases(searchTokens: ["phone-y"]) }.isEmpty)
        // A new store has no older cases to index.
        try await store.write { try $0.clearSearchTokensPending() }
        #expect(try await store.read { try $0.searchTokensPending() } == false)

        #expect(try await store.read { try $0.importedCase(key: "k1") } == a.id)
        #expect(try await store.read { try $0.importedCase(key: "k2") } == nil)
        await #expect(throws: StoreError.self) { try await store.write { try $0.recordImport(key: "k1", caseID: b.id, at: Self.t0) } }
    }
}
