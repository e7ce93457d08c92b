import Foundation
import HavenAPI
import HavenCore
@testable import HavenService
import HavenTestSupport
import Testing

/// Issue #12: a server reuses a sign-in and the policy/key-version check for a short window
/// instead of reading them for every request. What another process changes bites once the
/// window has passed; what this process changes, at once; a write never goes through under a
/// policy replaced meanwhile.
@Suite("Reuse window: sign-ins and the state check")
struct ReuseWindowTests {
    static let window: TimeInterval = 0.4

    static func pause() async throws { try await Task.sleep(for: .milliseconds(Int(window * 1000) + 150)) }

    @Test func aTokenRevokedElsewhereStopsWorkingWhenTheWindowHasPassed() async throws {
        let store = try await TestStore.make()
        let window: TimeInterval = 2
        let server = store.service.reusing(for: window)
        let (user, token) = try await store.service.addUser(NewUser(name: "Sup", role: .supervisor), by: store.admin)
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        let signedIn = Date()
        #expect(try await server.authenticate(token: token).id == user.id)
        // Another process (the CLI on the same store) revokes the user.
        try await other.revokeUser(id: user.id, by: store.admin)
        let reused = try? await server.authenticate(token: token)
        // (A machine so loaded that the window passed already cannot show the reuse.)
        if Date().timeIntervalSince(signedIn) < window * 0.9 { #expect(reused?.id == user.id, "reused within the window") }
        try await Task.sleep(for: .seconds(max(0, window + 0.2 - Date().timeIntervalSince(signedIn))))
        await #expect(throws: HavenError.invalidToken) { _ = try await server.authenticate(token: token) }
    }

    @Test func aTokenRevokedInThisProcessStopsWorkingAtOnce() async throws {
        let store = try await TestStore.make()
        let server = store.service.reusing(for: 365 * 86_400)
        let (user, token) = try await store.service.addUser(NewUser(name: "Sup", role: .supervisor), by: store.admin)
        _ = try await server.authenticate(token: token)
        // Through the plain service too: the remembered sign-ins are shared by the process.
        try await store.service.revokeUser(id: user.id, by: store.admin)
        await #expect(throws: HavenError.invalidToken) { _ = try await server.authenticate(token: token) }
    }

    @Test func withoutAWindowEveryRequestSignsInAgain() async throws {
        let store = try await TestStore.make()
        let (user, token) = try await store.service.addUser(NewUser(name: "Sup", role: .supervisor), by: store.admin)
        _ = try await store.service.authenticate(token: token)
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        try await other.revokeUser(id: user.id, by: store.admin)
        await #expect(throws: HavenError.invalidToken) { _ = try await store.service.authenticate(token: token) }
    }

    @Test func aWrongTokenIsNeverRemembered() async throws {
        let store = try await TestStore.make()
        let server = store.service.reusing(for: 60)
        for _ in 0..<3 {
            await #expect(throws: HavenError.invalidToken) { _ = try await server.authenticate(token: "not-a-token") }
        }
    }

    /// Within the window a read may still use the policy it had; a write is refused inside its
    /// transaction (75), and the very next request reads the new policy, whatever the window.
    @Test func aPolicyActivatedElsewhereNeverTakesAWriteAndIsReadByTheNextRequest() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        // A window no loaded test machine outlasts (a minute did, once, under the full suite).
        let server = store.service.reusing(for: 365 * 86_400)
        _ = try await server.request { try await server.listCases(by: officer) }
        let before = server.context.policy.hash
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        let activated = try await other.activatePolicy(files: try LiveStateTests.changedPolicy(), tests: [:], by: store.admin)
        _ = try await server.request { try await server.listCases(by: officer) }
        #expect(server.context.policy.hash == before, "the check is reused within the window")
        let cases = try await server.listCases(by: officer).count
        await #expect(throws: HavenError.policyChangedMeanwhile) {
            _ = try await server.request { try await server.createCase(try Fixtures.form(), by: officer) }
        }
        #expect(try await server.listCases(by: officer).count == cases, "nothing written")
        let created = try await server.request { try await server.createCase(try Fixtures.form(), by: officer) }
        #expect(server.context.policy.hash == activated.hash)
        #expect(created.referrals.allSatisfy { $0.policy == activated.hash })
    }

    @Test func theCheckIsReadAgainOnceTheWindowHasPassed() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let server = store.service.reusing(for: Self.window)
        _ = try await server.request { try await server.listCases(by: officer) }
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        let activated = try await other.activatePolicy(files: try LiveStateTests.changedPolicy(), tests: [:], by: store.admin)
        try await Self.pause()
        _ = try await server.request { try await server.listCases(by: officer) }
        #expect(server.context.policy.hash == activated.hash)
    }

    /// Readiness always reads the store's state: a probe never reports a stale policy as current.
    @Test func readinessChecksEvenWithinTheWindow() async throws {
        let store = try await TestStore.make()
        let server = store.service.reusing(for: 60)
        try await server.readiness()
        let other = try await store.reopened(clock: FixedClock(Fixtures.now))
        let activated = try await other.activatePolicy(files: try LiveStateTests.changedPolicy(), tests: [:], by: store.admin)
        try await server.readiness()
        #expect(server.context.policy.hash == activated.hash)
    }

    @Test func aPastedTokenIsTrimmedOnlyAtItsEnds() async throws {
        #expect(HavenService.trimmed("  abc\n") == "abc")
        #expect(HavenService.trimmed("\u{3000}abc def\t") == "abc def")
        #expect(HavenService.trimmed("abc") == "abc")
        #expect(HavenService.trimmed(" \n ") == "")
        let store = try await TestStore.make()
        let (user, token) = try await store.service.addUser(NewUser(name: "Sup", role: .supervisor), by: store.admin)
        #expect(try await store.service.authenticate(token: "\n " + token + " \r\n").id == user.id)
    }
}
