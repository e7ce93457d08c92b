import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: mediation", .serialized)
struct CLIMediationTests {
    static func familyCase(_ overrides: [(String, String)] = []) -> String {
        var json = Fixtures.intakeJSON(acts: ["insults", "threats"], reportedAt: "2026-11-25T09:00:00+07:00")
            .replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"none\"")
            .replacingOccurrences(of: "\"mediation\": false", with: "\"mediation\": true")
            .replacingOccurrences(of: "\"childUnder36Months\": true", with: "\"childUnder36Months\": false")
            .replacingOccurrences(of: "\"relationship\": \"spouse\"}", with: "\"relationship\": \"spouse\", \"separated\": false}")
        for (old, new) in overrides { json = json.replacingOccurrences(of: old, with: new) }
        return json
    }

    /// A team with the given members (name, sex); returns its id and member ids.
    func team(_ env: CLITestEnvironment, _ token: String, commune: String = "my-thoi", _ members: [(String, String)]) throws -> (String, [String]) {
        let created = try env.run(["mediation", "team", "add", "--commune", commune, "--name", "Tổ \(members.count)", "--json"], token: token)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try env.json(created.stdout)["id"] as? String ?? ""
        var ids: [String] = []
        for (name, sex) in members {
            let added = try env.run(["mediation", "team", "member", "add", id, "--name", name, "--sex", sex, "--ethnicity", "kinh", "--json"], token: token)
            ids.append(try env.json(added.stdout)["id"] as? String ?? "")
        }
        return (id, ids)
    }

    /// open → session (agreement) → follow-ups → recurrence: the case goes to the police and
    /// culture, and mediation is blocked from then on.
    @Test func eligibleFamilyConflict() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let clock = ["HAVEN_CLOCK": "2026-11-25T10:00:00+07:00"]
        let (teamID, _) = try team(env, officer, [("Chị Ba", "female"), ("Anh Tư", "male"), ("Chú Năm", "male")])
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Self.familyCase(), token: officer, clock)
        let caseID = try env.json(created.stdout)["id"] as? String ?? ""
        let eligible = try env.run(["mediation", "eligible", caseID, "--json"], token: officer, clock)
        #expect(try env.json(eligible.stdout)["eligible"] as? Bool == true, "\(eligible.stdout)")

        let opened = try env.run(["mediation", "open", caseID, "--team", teamID, "--json"], token: officer, clock)
        #expect(opened.status == 0, "\(opened.stderr)")
        let mediationID = try env.json(opened.stdout)["id"] as? String ?? ""
        let session = try env.run(["mediation", "session", mediationID, "--date", "2026-11-25", "--outcome", "agreement",
                                   "--agreement", "Cam kết không tái diễn", "--json"], token: officer, clock)
        #expect(try env.json(session.stdout)["status"] as? String == "agreement", "\(session.stderr)")
        let due = try env.run(["mediation", "due", "--json"], token: officer, ["HAVEN_CLOCK": "2026-12-26T10:00:00+07:00"])
        #expect(try env.jsonArray(due.stdout).first?["late"] as? Bool == true)
        let first = try env.run(["mediation", "followup", mediationID, "--date", "2026-12-25", "--recurred", "no"], token: officer,
                                ["HAVEN_CLOCK": "2026-12-26T10:00:00+07:00"])
        #expect(first.status == 0, "\(first.stderr)")
        let shown = try env.run(["mediation", "show", mediationID], token: officer, ["HAVEN_CLOCK": "2026-12-26T10:00:00+07:00"])
        #expect(shown.status == 0 && shown.stdout.contains("no recurrence") && shown.stdout.contains("follow-up due"), "\(shown.stdout)")
        let shownVi = try env.run(["mediation", "show", mediationID, "--lang", "vi"], token: officer, ["HAVEN_CLOCK": "2026-12-26T10:00:00+07:00"])
        #expect(shownVi.status == 0 && shownVi.stdout.contains("không tái diễn") && shownVi.stdout.contains("hòa giải viên"), "\(shownVi.stdout)")
        let recurred = try env.run(["mediation", "followup", mediationID, "--date", "2027-02-23", "--recurred", "yes", "--json"],
                                   token: officer, ["HAVEN_CLOCK": "2027-02-24T10:00:00+07:00"])
        #expect(try env.json(recurred.stdout)["status"] as? String == "failed", "\(recurred.stderr)")

        let detail = try env.json(try env.run(["case", "show", caseID, "--json"], token: officer).stdout)
        let referrals = detail["referrals"] as? [[String: Any]] ?? []
        #expect(referrals.contains { $0["agency"] as? String == "police" && $0["mandatory"] as? Bool == true })
        #expect(referrals.contains { $0["agency"] as? String == "culture-dv" && $0["mandatory"] as? Bool == true })
        let again = try env.run(["mediation", "open", caseID, "--team", teamID], token: officer, ["HAVEN_CLOCK": "2027-02-24T10:00:00+07:00"])
        #expect(again.status == 65)
        #expect(again.stderr.contains("recurrence"))
        // The logbook holds coded fields only.
        let logbook = try env.run(["mediation", "logbook", "--team", teamID, "--year", "2026"], token: officer)
        #expect(logbook.status == 0 && logbook.stdout.contains(mediationID))
        #expect(!logbook.stdout.contains("Nguyễn") && !logbook.stdout.contains("Cam kết"))
    }

    /// Each reason refuses mediation with that reason, exit 65.
    @Test(arguments: [
        ("survivor-under-18", [("\"birthDate\": \"1994-03-02\"", "\"birthDate\": \"2010-03-02\"")]),
        ("serious-injury", [("\"injury\": \"none\"", "\"injury\": \"serious\"")]),
        ("high-risk", [("[false, false, false, true,", "[false, true, false, true,")]),
        ("not-family-or-partner", [("\"relationship\": \"spouse\"", "\"relationship\": \"stranger\""),
                                   ("\"screen\": \"lap\", \"answers\": [false, false, false, true, false, false, false, false, false, false, false]", "\"screen\": \"danger\", \"answers\": [false, false, false, false]")]),
        ("no-consent", [("\"mediation\": true", "\"mediation\": false")]),
        ("sexual-touching-adult", [("\"insults\", \"threats\"", "\"sexual_touching\"")]),
    ])
    func ineligible(reason: String, overrides: [(String, String)]) throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let (teamID, _) = try team(env, officer, [("Chị Ba", "female"), ("Anh Tư", "male"), ("Chú Năm", "male")])
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Self.familyCase(overrides), token: officer)
        let caseID = try env.json(created.stdout)["id"] as? String ?? ""
        let eligible = try env.json(try env.run(["mediation", "eligible", caseID, "--json"], token: officer).stdout)
        #expect(eligible["eligible"] as? Bool == false)
        #expect((eligible["reasons"] as? [[String: Any]] ?? []).contains { $0["rule"] as? String == reason })
        let refused = try env.run(["mediation", "open", caseID, "--team", teamID], token: officer)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("[\(reason)]"))
    }

    /// A team of two, a team without a woman, and a conflicted member are each refused.
    @Test func teamRefusals() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Self.familyCase(), token: officer)
        let caseID = try env.json(created.stdout)["id"] as? String ?? ""
        let (two, _) = try team(env, officer, [("Chị Ba", "female"), ("Anh Tư", "male")])
        let (men, _) = try team(env, officer, [("Anh Một", "male"), ("Anh Hai", "male"), ("Anh Ba", "male")])
        let (good, goodMembers) = try team(env, officer, [("Chị Ba", "female"), ("Anh Tư", "male"), ("Chú Năm", "male")])
        for (teamID, conflict, reason) in [(two, [String](), "too-few-mediators"), (men, [], "no-woman-mediator"),
                                           (good, [goodMembers[0]], "no-woman-mediator")] {
            let refused = try env.run(["mediation", "open", caseID, "--team", teamID] + (conflict.isEmpty ? [] : ["--conflict"] + conflict), token: officer)
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("[\(reason)]"), "\(refused.stderr)")
        }
        #expect(try env.run(["mediation", "open", caseID, "--team", good], token: officer).status == 0)
    }
}
