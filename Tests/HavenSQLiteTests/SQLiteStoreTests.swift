import Foundation
import HavenCore
import HavenSQLite
import HavenStore
import HavenTestSupport
import Testing

@Suite("The SQLite store")
struct SQLiteStoreTests {
    func record(_ id: String = "C-AAAAAAAA") throws -> CaseRecord {
        let regions = try Fixtures.regions()
        let form = try Fixtures.form()
        let facts = try CaseFacts.derive(from: form, commune: regions.commune("my-thoi")!, now: Fixtures.now)
        return CaseRecord(id: CaseID(parsing: id)!, facts: facts, status: .open, outcome: nil, createdBy: "U-1",
                          createdAt: Fixtures.now, updatedAt: Fixtures.now, keyVersion: 1, wrappedDataKey: Data([1, 2, 3]),
                          blindIndex: "abc", sealed: ["survivor.name": Data([9, 9])])
    }

    /// The file is private, in WAL mode, with synchronous=FULL and secure_delete.
    /// A code this build does not know, written into a column outside Haven, is refused as
    /// corruption, never read as "no value" (the outcome was once dropped silently).
    @Test func unknownCodesAreCorruption() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/codes.sqlite"
        let store = try SQLiteStore.create(path: path)
        var made = try StoreContractTests.caseRecord("C-CCCCCCCC")
        made.status = .closed
        made.outcome = .servicesProvided
        let record = made
        try await store.write { try $0.insertCase(record) }
        #expect(try await store.read { try $0.caseRecord(record.id) }?.outcome == .servicesProvided)
        for (column, value) in [("outcome", "bogus"), ("gbv_type", "unheard_of"), ("acts", "beating,levitation")] {
            let original: String = try RawDatabase.string(path: path, sql: "SELECT \(column) FROM cases") ?? ""
            try RawDatabase.execute(path: path, sql: "UPDATE cases SET \(column) = '\(value)'")
            await #expect(throws: StoreError.corrupt(detail: "cases.\(column)")) { _ = try await store.read { try $0.caseRecord(record.id) } }
            try RawDatabase.execute(path: path, sql: "UPDATE cases SET \(column) = '\(original)'")
        }
        #expect(try await store.read { try $0.caseRecord(record.id) } == record)
        // Referrals too (a decline reason and actions were once dropped when unknown).
        var referral = ReferralRecord(id: "R-AAAAAAAA", caseID: record.id.rawValue, agency: "police", priority: .high, status: .declined,
                                      mandatory: false, legalBases: ["Luật 2022, Điều 1", "Luật 2022, Điều 2"], rules: ["r1", "r2"],
                                      policyHash: "p", commune: "my-thoi", createdAt: StoreContractTests.t0)
        referral.declineReason = .duplicate
        referral.actions = [.counselling, .shelter]
        let stored = referral
        try await store.write { try $0.insertReferral(stored) }
        #expect(try await store.read { try $0.referral(id: "R-AAAAAAAA") } == stored)
        for (column, value) in [("decline_reason", "bogus"), ("actions", "counselling,teleportation"), ("priority", "lukewarm")] {
            let original: String = try RawDatabase.string(path: path, sql: "SELECT \(column) FROM referrals") ?? ""
            try RawDatabase.execute(path: path, sql: "UPDATE referrals SET \(column) = '\(value)'")
            await #expect(throws: StoreError.corrupt(detail: "referrals.\(column)")) { _ = try await store.read { try $0.referral(id: "R-AAAAAAAA") } }
            try RawDatabase.execute(path: path, sql: "UPDATE referrals SET \(column) = '\(original)'")
        }
    }

    @Test func fileSettings() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path + "/s.sqlite"
        let store = try SQLiteStore.create(path: path)
        try await store.write { try $0.setMeta("k", "v") }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try RawDatabase.string(path: path, sql: "PRAGMA journal_mode") == "wal")
        #expect(try await store.setting("synchronous") == "2") // FULL
        #expect(try await store.setting("secure_delete") == "1")
        #expect(try await store.setting("foreign_keys") == "1")
        #expect(try await store.setting("busy_timeout") == "30000")
    }

    @Test func createAndOpenRefusals() throws {
        let dir = TemporaryDirectory()
        #expect(throws: StoreError.notFound(path: dir.path + "/none.sqlite")) { try SQLiteStore.open(path: dir.path + "/none.sqlite") }
        _ = try SQLiteStore.create(path: dir.path + "/s.sqlite")
        #expect(throws: StoreError.alreadyExists(path: dir.path + "/s.sqlite")) { try SQLiteStore.create(path: dir.path + "/s.sqlite") }
    }

    /// A case written is read back whole; a duplicate id is a `duplicate` error and a failed
    /// transaction leaves nothing behind.
    @Test func casesRoundTripAndRollback() async throws {
        let dir = TemporaryDirectory()
        let store = try SQLiteStore.create(path: dir.path + "/s.sqlite")
        let original = try record()
        try await store.write { try $0.insertCase(original) }
        let read = try await store.read { try $0.caseRecord(original.id) }
        #expect(read == original)
        let listed = try await store.read { try $0.cases(CaseFilter(communes: ["my-thoi"])) }
        #expect(listed.count == 1 && listed[0].sealed.isEmpty)
        #expect(try await store.read { try $0.cases(CaseFilter(communes: ["binh-duc"])) }.isEmpty)
        #expect(try await store.read { try $0.cases(blindIndex: "abc") }.count == 1)

        await #expect(throws: StoreError.self) {
            try await store.write { tx in
                try tx.insertCase(try record("C-BBBBBBBB"))
                try tx.insertCase(original) // duplicate: the whole transaction rolls back
            }
        }
        #expect(try await store.read { try $0.caseCount() } == 1)
    }
}

