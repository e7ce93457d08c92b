import Foundation
@testable import HavenServer
import Testing

/// Browser sessions: bounded in number, ended by idleness and by age, never found by a guess.
struct SessionTests {
    final class Clock: @unchecked Sendable { // only touched by this test's one task
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    @Test func boundedExpiringAndUnguessable() async throws {
        let clock = Clock()
        let sessions = Sessions(idle: 60, lifetime: 300, capacity: 3, now: { clock.now })
        var ids: [String] = []
        for n in 0..<5 {
            clock.now += 1
            ids.append(await sessions.open(token: "token-\(n)").id)
        }
        // A user signing in again and again: the oldest are forgotten, memory stays bounded.
        #expect(await sessions.count == 3)
        let first = await sessions.session(ids[0]), second = await sessions.session(ids[1])
        #expect(first == nil && second == nil)
        #expect(await sessions.session(ids[4])?.token == "token-4")
        #expect(await sessions.session(String(repeating: "0", count: 64)) == nil)
        #expect(ids[4].count == 64 && Set(ids).count == 5)
        // Idle for a minute: gone; used within the minute, it lives until its age runs out.
        clock.now += 61
        #expect(await sessions.session(ids[3]) == nil)
        let kept = await sessions.open(token: "kept").id
        for _ in 0..<6 { clock.now += 50; _ = await sessions.session(kept) }
        #expect(await sessions.session(kept) == nil, "eight hours (here 300 s) at most, however busy")
        #expect(Sessions.same("abc", "abc") && !Sessions.same("abc", "abd") && !Sessions.same("abc", "ab"))
    }
}
