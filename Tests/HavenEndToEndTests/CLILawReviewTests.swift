import Foundation
import HavenTestSupport
import Testing

/// The law review (issue #8) through the built binary: a common "minor" case that the old
/// policy sent to mediation, the officer's held list, and explain's mediation decision.
@Suite("End to end: the law review's cases")
struct CLILawReviewTests {
    /// A husband beats his pregnant wife, no injury, no consent to the police: before the
    /// review this was mediable with the police referral held. Now the police are told
    /// (Penal Code Art. 134(1)(c)), mediation is refused, and `policy explain` says why in
    /// both languages.
    @Test func pregnantWifeBeaten() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let json = Fixtures.intakeJSON(acts: ["beating"])
            .replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"pregnant\": false", with: "\"pregnant\": true")
            .replacingOccurrences(of: "\"mediation\": false", with: "\"mediation\": true")
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: json, token: officer)
        #expect(created.status == 0, "\(created.stderr)")
        let intake = try env.json(created.stdout)
        let caseID = try #require(intake["id"] as? String)
        let police = (intake["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "police" }
        #expect(police?["mandatory"] as? Bool == true && police?["status"] as? String == "pending")
        #expect((police?["rules"] as? [String])?.contains("physical-vulnerable-survivor") == true)

        let eligible = try env.json(try env.run(["mediation", "eligible", caseID, "--json"], token: officer).stdout)
        #expect(eligible["eligible"] as? Bool == false)
        let explained = try env.run(["policy", "explain", "--case", caseID], token: officer)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.stdout.contains("Grassroots mediation: refused"))
        #expect(explained.stdout.contains("[physical-vulnerable-survivor]"))
        let vietnamese = try env.run(["policy", "explain", "--case", caseID, "--lang", "vi"], token: officer)
        #expect(vietnamese.stdout.contains("Hòa giải ở cơ sở: không được phép"))
        #expect(try env.run(["audit", "verify"], token: admin).status == 0)
    }

    /// The officer's held list: coded, own communes only, flagged once past the agency's
    /// deadline; supervisors see the count; a caseworker is refused (77).
    @Test func heldList() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let t0 = ["HAVEN_CLOCK": "2026-11-25T10:00:00+07:00"]
        let json = Fixtures.intakeJSON(acts: ["insults"], reportedAt: "2026-11-25T09:00:00+07:00")
            .replacingOccurrences(of: "\"referral\": true", with: "\"referral\": false")
            .replacingOccurrences(of: "\"childrenPresent\": true", with: "\"childrenPresent\": false")
        #expect(try env.run(["case", "new", "--from", "-"], input: json, token: officer, t0).status == 0)
        let now = try env.jsonArray(try env.run(["referral", "list", "--held", "--json"], token: officer, t0).stdout)
        #expect(now.count == 4 && now.allSatisfy { $0["pastDeadline"] as? Bool == false })
        let later = ["HAVEN_CLOCK": "2026-11-28T10:00:00+07:00"]
        let text = try env.run(["referral", "list", "--held", "--lang", "vi"], token: officer, later)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Ủy ban nhân dân cấp xã") && text.stdout.contains("hỏi lại ý kiến đồng ý"))
        #expect(!text.stdout.contains("Nguyễn"), "coded only")
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let counts = try env.jsonArray(try env.run(["referral", "overdue", "--json"], token: supervisor, later).stdout)
        #expect(counts.reduce(0) { $0 + ($1["heldOverdue"] as? Int ?? 0) } == 4, "culture, commune committee, legal aid, health")
        let worker = try env.user("caseworker", name: "CA", agency: "police", admin: admin)
        #expect(try env.run(["referral", "list", "--held"], token: worker).status == 77)
    }
}
