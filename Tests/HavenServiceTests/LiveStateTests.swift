import Foundation
import HavenAPI
import HavenCore
@testable import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #11, item 5: a process that stays open (the server) follows a policy activated and a
/// master key rotated by another process, and never writes under what was replaced.
@Suite("Live state: policy and keys changed by another process")
struct LiveStateTests {
    /// The policy files with one comment added: a new version with a new hash.
    static func changedPolicy() throws -> [String: String] {
        var files = try PackagePaths.policyFiles()
        files["agencies.yaml"] = files["agencies.yaml"]! + "\n# revised\n"
        return files
    }

    @Test func aPolicyActivatedElsewhereIsUsedByTheNextUseCase() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        // Another process on the same store.
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        let before = other.context.policy.hash
        let activated = try await store.service.activatePolicy(files: try Self.changedPolicy(), tests: [:], by: store.admin)
        #expect(activated.hash != before)
        #expect(other.context.policy.hash == before) // nothing read yet
        let created = try await other.createCase(try Fixtures.form(), by: officer)
        #expect(other.context.policy.hash == activated.hash)
        #expect(created.referrals.allSatisfy { $0.policy == activated.hash }, "routed under the policy in force")
    }

    @Test func keysRotatedElsewhereAreReadAgainFromTheKeyFile() async throws {
        let store = try await TestStore.make(passphrase: "mật khẩu")
        let officer = try await store.officer()
        let first = try await store.service.createCase(try Fixtures.form(), by: officer).id
        let other = HavenService(context: try await StoreSetup.open(
            engine: TestStore.engine, location: store.location, keyFile: store.keyFile, environment: [:],
            passphrase: { "mật khẩu" }, clock: FixedClock(Fixtures.now), random: SystemRandom()))
        _ = try await store.service.rotateKeys(keyFile: store.keyFile, passphrase: "mật khẩu", by: store.admin)
        // The other process writes under version 2 and reads what was re-wrapped.
        let second = try await other.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Trần Thị Hoa")), by: officer).id
        #expect(other.context.keyring.currentVersion == 2)
        #expect(try await other.showCase(first.rawValue, by: officer).sealed[.survivorName] == "Nguyễn Thị Lan")
        #expect(try await store.service.showCase(second.rawValue, by: officer).sealed[.survivorName] == "Trần Thị Hoa")
        let version = try RawDatabase.string(path: store.location.databasePath,
                                             sql: "SELECT key_version FROM cases WHERE id = '\(second.rawValue)'")
        #expect(version == "2")
    }

    /// One request decides under the state it started with: a concurrent request that reloads a
    /// policy activated elsewhere changes nothing for it, and its write is then refused (75).
    @Test func aRequestKeepsItsPolicyWhileAnotherReloads() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let service = store.service
        try await service.request {
            let before = service.context.policy.hash
            let other = try await store.reopened(clock: FixedClock(Fixtures.now))
            _ = try await other.activatePolicy(files: try Self.changedPolicy(), tests: [:], by: store.admin)
            // A concurrent request of this process (no pin of its own) reloads the new policy.
            try await Task.detached { _ = try await service.listCases(by: officer) }.value
            #expect(service.context.live.policy.hash != before)
            #expect(service.context.policy.hash == before, "this request still decides under its own policy")
            await #expect(throws: HavenError.policyChangedMeanwhile) { _ = try await service.createCase(try Fixtures.form(), by: officer) }
        }
        // The next request uses the new policy and writes.
        let created = try await service.request { try await service.createCase(try Fixtures.form(), by: officer) }
        #expect(created.referrals.allSatisfy { $0.policy == service.context.policy.hash })
    }

    /// A write whose use case read the policy before another process replaced it is refused
    /// inside its transaction, and nothing is written.
    @Test func aWriteUnderAReplacedPolicyIsRefused() async throws {
        let store = try await TestStore.make()
        let stale = store.service.context.policy.hash
        _ = try await store.service.activatePolicy(files: try Self.changedPolicy(), tests: [:], by: store.admin)
        let entries = try await store.service.verifyAudit(by: store.admin).entries
        await #expect(throws: HavenError.policyChangedMeanwhile) {
            try await store.service.context.store.write { tx in
                try HavenService.requireCurrentState(tx, policy: stale, keyring: store.service.context.keyring)
                try tx.setMeta("test.marker", "written")
            }
        }
        let marker = try await store.service.context.store.read { try $0.meta("test.marker") }
        #expect(marker == nil)
        #expect(try await store.service.verifyAudit(by: store.admin).entries == entries)
    }

    /// The active-policy pointer moved outside Haven (to a stored but unsigned version) is
    /// refused, not loaded.
    @Test func anActivePolicyMovedOutsideHavenIsRefused() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let original = store.service.context.policy.hash
        _ = try await store.service.activatePolicy(files: try Self.changedPolicy(), tests: [:], by: store.admin)
        try store.tamper("UPDATE meta SET value = '\(original)' WHERE key = 'policy.active'")
        await #expect(throws: HavenError.settingTampered(setting: "active-policy")) {
            try await store.service.listCases(by: officer)
        }
    }
}
