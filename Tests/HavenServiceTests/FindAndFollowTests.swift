import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenTestSupport
import Testing

/// Issue #14, item 5 and 6: a field officer finds a case again by what the survivor says, and
/// follows the referrals of their own cases.
@Suite("Finding cases and following referrals")
struct FindAndFollowTests {
    static func form(name: String, phone: String = "0912345678", birthDate: String = "1994-03-02",
                     commune: String = "my-thoi", acts: [String] = ["beating", "threats"]) throws -> IntakeForm {
        try Fixtures.form(Fixtures.intakeJSON(commune: commune, survivorName: name, birthDate: birthDate, acts: acts)
            .replacingOccurrences(of: "\"0912345678\"", with: "\"\(phone)\""))
    }

    /// By name (accents, case and spacing folded), phone (+84 or spaces), year of birth, and
    /// all three together; never another commune's case; the audit entry holds no value typed.
    @Test func findByNamePhoneAndYear() async throws {
        let store = try await TestStore.make()
        let service = store.service
        let officer = try await store.officer(["my-thoi", "binh-duc"])
        let lan = try await service.createCase(try Self.form(name: "Nguyễn Thị Lan", phone: "0912 345 678"), by: officer)
        let mai = try await service.createCase(try Self.form(name: "Lê Thị Mai", phone: "0987654321", birthDate: "1994-07-01",
                                                             commune: "binh-duc"), by: officer)
        // The same name in a commune the officer does not work in.
        let elsewhereOfficer = try await store.officer(["long-xuyen"])
        let elsewhere = try await service.createCase(try Self.form(name: "Nguyễn Thị Lan", commune: "long-xuyen"), by: elsewhereOfficer)

        func ids(_ search: CaseSearch, _ actor: Caller = officer) async throws -> [String] {
            try await service.findCases(search, by: actor).map(\.id.rawValue)
        }
        #expect(try await ids(CaseSearch(name: "nguyen  thi LAN")) == [lan.id.rawValue])
        #expect(try await ids(CaseSearch(name: "NGUYỄN THỊ LAN")) == [lan.id.rawValue])
        #expect(try await ids(CaseSearch(phone: "+84 912 345 678")) == [lan.id.rawValue])
        #expect(try await ids(CaseSearch(phone: "0912.345.678")) == [lan.id.rawValue])
        #expect(try await ids(CaseSearch(phone: "0084 912 345 678")) == [lan.id.rawValue])
        #expect(try await ids(CaseSearch(phone: "+84 0912345678")) == [lan.id.rawValue])
        #expect(Set(try await ids(CaseSearch(birthYear: "1994"))) == [lan.id.rawValue, mai.id.rawValue])
        #expect(try await ids(CaseSearch(name: "Le Thi Mai", birthYear: "1994")) == [mai.id.rawValue])
        #expect(try await ids(CaseSearch(name: "Le Thi Mai", birthYear: "1995")).isEmpty, "every criterion must match")
        #expect(try await ids(CaseSearch(name: "Lan")).isEmpty, "a part of the name is not a match")
        #expect(try await ids(CaseSearch(name: "Nguyễn Thị Lan"), elsewhereOfficer) == [elsewhere.id.rawValue])
        // A typed answer read as what it looks like.
        #expect(CaseSearch.guess(" 1994 ") == CaseSearch(birthYear: "1994"))
        #expect(CaseSearch.guess("0912 345 678") == CaseSearch(phone: "0912 345 678"))
        #expect(CaseSearch.guess("Nguyễn Thị Lan") == CaseSearch(name: "Nguyễn Thị Lan"))

        // Nothing typed, or nothing searchable, is a clear refusal.
        await #expect(throws: HavenError.invalidInput(.invalidValue(path: "name", reason: .searchCriterionMissing))) {
            try await service.findCases(CaseSearch(), by: officer)
        }
        await #expect(throws: HavenError.invalidInput(.invalidValue(path: "phone", reason: .searchPhoneShort))) {
            try await service.findCases(CaseSearch(phone: "12-3"), by: officer)
        }
        await #expect(throws: HavenError.invalidInput(.invalidValue(path: "birthYear", reason: .searchYearInvalid))) {
            try await service.findCases(CaseSearch(birthYear: "năm 78"), by: officer)
        }
        await #expect(throws: HavenError.invalidInput(.invalidValue(path: "name", reason: .searchNameEmpty))) {
            try await service.findCases(CaseSearch(name: " !? "), by: officer)
        }
        // Only field officers search; the refusal is audited.
        let supervisor = try await store.user(.supervisor)
        await #expect(throws: HavenError.forbidden(role: .supervisor, action: .caseFind)) {
            try await service.findCases(CaseSearch(name: "Nguyễn Thị Lan"), by: supervisor)
        }

        // The store holds keyed hashes only; the audit entry names the kinds searched, not the values.
        let path = store.location.databasePath
        let tokens = try RawDatabase.string(path: path, sql: "SELECT group_concat(token, ' ') FROM case_search") ?? ""
        for clear in ["nguyen", "0912345678", "1994"] { #expect(!tokens.contains(clear)) }
        let details = try RawDatabase.string(path: path, sql: "SELECT group_concat(detail, ' | ') FROM audit WHERE action = 'case.find'") ?? ""
        #expect(details.contains("by=name found=1 cases=\(lan.id.rawValue)") && details.contains("by=name,birthYear found=1"))

        // A token copied onto another case with sqlite3 does not send the officer to it.
        try store.tamper("INSERT OR IGNORE INTO case_search (token, case_id) SELECT token, '\(mai.id.rawValue)' FROM case_search WHERE case_id = '\(lan.id.rawValue)'")
        #expect(try await ids(CaseSearch(name: "Nguyễn Thị Lan")) == [lan.id.rawValue])
        for clear in ["nguyen", "Lan", "0912", "345", "Mai"] { #expect(!details.contains(clear), "\(details)") }
    }

    /// Cases logged before the search existed get their tokens on the first open with the key;
    /// tokens removed with sqlite3 hide a case from search only until that is asked for again.
    @Test func tokensComputedForOlderCases() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer(["my-thoi"])
        let lan = try await store.service.createCase(try Self.form(name: "Nguyễn Thị Lan"), by: officer)
        try store.tamper("DELETE FROM case_search; INSERT OR REPLACE INTO meta (key, value) VALUES ('search.pending', 'v1')")
        #expect(try await store.service.findCases(CaseSearch(name: "Nguyễn Thị Lan"), by: officer).isEmpty)
        let reopened = try await store.reopened(clock: FixedClock(Fixtures.now))
        #expect(try await reopened.findCases(CaseSearch(name: "Nguyễn Thị Lan"), by: officer).map(\.id) == [lan.id])
        #expect(try RawDatabase.string(path: store.location.databasePath, sql: "SELECT value FROM meta WHERE key = 'search.pending'") == nil)
    }

    /// The officer's referrals: declined and overdue first, held ones saying what to do, only
    /// their own communes', closed ones only when asked; caseworkers are refused.
    @Test func officerFollowsReferrals() async throws {
        let start = Fixtures.now
        let clock = SteppingClock(start)
        let world = try await ReferralWorld.make(clock: clock)
        let service = world.store.service
        let intake = try await service.createCase(try Self.form(name: "Nguyễn Thị Lan"), by: world.officer)
        let health = try #require(intake.referrals.first { $0.agency == "health" })
        _ = try await service.declineReferral(health.id, reason: .survivorUnreachable, by: world.caseworkers["health"]!)
        let mine = try await service.officerReferrals(by: world.officer)
        #expect(Set(mine.map(\.id)) == Set(intake.referrals.map(\.id)))
        #expect(mine.first?.id == health.id && mine.first?.attention == .declined && mine.first?.declineReason == .survivorUnreachable)
        let held = mine.filter { $0.status == .held }
        #expect(!held.isEmpty && held.allSatisfy { $0.attention == .held })
        #expect(mine.filter { $0.status == .pending }.allSatisfy { $0.attention == nil })

        // Another commune's officer sees none of them.
        let other = try await world.store.officer(["long-xuyen"])
        #expect(try await service.officerReferrals(by: other).isEmpty)
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .referralMine)) {
            try await service.officerReferrals(by: world.caseworkers["police"]!)
        }

        // Weeks later: sent ones unacknowledged are overdue, held ones past the deadline ask again.
        clock.set(start.addingTimeInterval(30 * 86_400))
        let later = try await service.officerReferrals(by: world.officer)
        #expect(later.filter { $0.status == .pending }.allSatisfy { $0.attention == .overdue })
        #expect(later.filter { $0.status == .held }.allSatisfy { $0.attention == .heldPastDeadline })
        #expect(later.first?.attention == .heldPastDeadline)

        // The case list shows the incident month and the commune's name.
        let listed = try #require(try await service.listCases(by: world.officer).first)
        #expect(listed.incidentMonth == "2026-11" && listed.communeName == "Phường Mỹ Thới")
    }
}
