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

    /// An agency's inbox is reused within the window, like a sign-in: a write of this process
    /// forgets it at once (an audit entry alone, a refusal, does not), and permission is decided
    /// for every request whatever is remembered.
    @Test func anInboxIsReusedUntilThisProcessWrites() async throws {
        let world = try await ReferralWorld.make()
        // A window no loaded test machine outlasts.
        let server = world.store.service.reusing(for: 365 * 86_400)
        let first = try await server.request { try await server.createCase(try Fixtures.form(), by: world.officer) }
        let sent = try #require(first.referrals.first { $0.status == .pending })
        let agency = sent.agency
        let caseworker = try #require(world.caseworkers[agency])
        func inbox() async throws -> [ReferralSummary] {
            try await server.request { try await server.listReferrals(agency: agency, by: caseworker) }
        }
        #expect(try await inbox().contains { $0.id == sent.id }, "this process's intake shows at once")
        // Another process (the CLI on the same store) logs a case: not seen within the window.
        let other = try await world.store.reopened(clock: FixedClock(Fixtures.now))
        let second = try await other.createCase(try Fixtures.form(), by: world.officer)
        let secondID = try #require(second.referrals.first { $0.agency == agency && $0.status == .pending }).id
        #expect(try await !inbox().contains { $0.id == secondID }, "reused within the window")
        // Another agency's caseworker is refused, though the inbox is remembered; the refusal's
        // audit entry leaves it remembered.
        let stranger = try #require(world.caseworkers.first { $0.key != agency }?.value)
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .referralList)) {
            _ = try await server.listReferrals(agency: agency, by: stranger)
        }
        #expect(try await !inbox().contains { $0.id == secondID }, "an audit entry alone does not forget it")
        // An audited read, alone or in a batch (one audit transaction at the end), leaves it too.
        _ = try await server.request { try await server.showCase(first.id.rawValue, by: world.officer) }
        _ = try await server.batch { try await server.showCase(first.id.rawValue, by: world.officer) }
        #expect(try await !inbox().contains { $0.id == secondID }, "audited reads do not forget it")
        // This process acknowledges: the next list is read again, with the other process's case.
        _ = try await server.request { try await server.acknowledgeReferral(sent.id, by: caseworker) }
        let after = try await inbox()
        #expect(after.first { $0.id == sent.id }?.status == .acknowledged)
        #expect(after.contains { $0.id == secondID })
    }

    /// Another process's referral shows once the window has passed, without a write here.
    @Test func anInboxIsReadAgainOnceTheWindowHasPassed() async throws {
        let world = try await ReferralWorld.make()
        let server = world.store.service.reusing(for: Self.window)
        let first = try await world.store.service.createCase(try Fixtures.form(), by: world.officer)
        let sent = try #require(first.referrals.first { $0.status == .pending })
        let caseworker = try #require(world.caseworkers[sent.agency])
        _ = try await server.request { try await server.listReferrals(agency: sent.agency, by: caseworker) }
        let other = try await world.store.reopened(clock: FixedClock(Fixtures.now))
        let second = try await other.createCase(try Fixtures.form(), by: world.officer)
        let secondID = try #require(second.referrals.first { $0.agency == sent.agency && $0.status == .pending }).id
        try await Self.pause()
        let inbox = try await server.request { try await server.listReferrals(agency: sent.agency, by: caseworker) }
        #expect(inbox.contains { $0.id == secondID })
    }

    /// The remembered inboxes are bounded, and those past their window are let go.
    @Test func rememberedInboxesAreBounded() async throws {
        let store = try await TestStore.make()
        let live = store.service.context.live
        for n in 0..<(LiveState.inboxCapacity + 10) {
            live.remember(inbox: .init(agency: "agency-\(n)", status: nil, overdueOnly: false), [], readIn: live.writeEpoch, for: 60)
        }
        #expect(live.rememberedInboxes <= LiveState.inboxCapacity)
        try await Task.sleep(for: .milliseconds(50))
        live.remember(inbox: .init(agency: "police", status: nil, overdueOnly: false), [], readIn: live.writeEpoch, for: 0.01)
        #expect(live.rememberedInboxes == 1, "the ones past their window are gone")
        live.remember(inbox: .init(agency: "health", status: nil, overdueOnly: false), [], readIn: live.writeEpoch - 1, for: 60)
        #expect(live.inbox(.init(agency: "health", status: nil, overdueOnly: false), within: 60) == nil, "read before a write: not remembered")
        #expect(live.inbox(.init(agency: "police", status: nil, overdueOnly: false), within: 0) == nil, "no window, no reuse")
    }

    /// Overdue marks are computed for each request, also on a remembered inbox.
    @Test func aRememberedInboxStillMarksWhatFellDue() async throws {
        let clock = SteppingClock(Fixtures.now)
        let world = try await ReferralWorld.make(clock: clock)
        let server = world.store.service.reusing(for: 365 * 86_400)
        let created = try await server.request { try await server.createCase(try Fixtures.form(), by: world.officer) }
        let sent = try #require(created.referrals.first { $0.status == .pending && $0.dueBy != nil })
        let caseworker = try #require(world.caseworkers[sent.agency])
        let before = try await server.request { try await server.listReferrals(agency: sent.agency, by: caseworker) }
        #expect(before.first { $0.id == sent.id }?.overdue == false)
        clock.set(try #require(sent.dueBy).addingTimeInterval(60))
        let after = try await server.request { try await server.listReferrals(agency: sent.agency, by: caseworker) }
        #expect(after.first { $0.id == sent.id }?.overdue == true)
    }

    /// The CLI (no window) reads the inbox every time.
    @Test func withoutAWindowTheInboxIsReadEveryTime() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let created = try await service.createCase(try Fixtures.form(), by: world.officer)
        let sent = try #require(created.referrals.first { $0.status == .pending })
        let caseworker = try #require(world.caseworkers[sent.agency])
        #expect(try await service.listReferrals(agency: sent.agency, by: caseworker).contains { $0.id == sent.id })
        let other = try await world.store.reopened(clock: FixedClock(Fixtures.now))
        let second = try await other.createCase(try Fixtures.form(), by: world.officer)
        let secondID = try #require(second.referrals.first { $0.agency == sent.agency && $0.status == .pending }).id
        #expect(try await service.listReferrals(agency: sent.agency, by: caseworker).contains { $0.id == secondID })
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
