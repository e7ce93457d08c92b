import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: the haven binary", .serialized)
struct CLIFlowTests {
    /// init → user add → case new → list → show → note → close → audit verify.
    @Test func fullFlow() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)

        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(), token: officer)
        #expect(created.status == 0, "\(created.stderr)")
        let intake = try env.json(created.stdout)
        let id = try #require(intake["id"] as? String)
        #expect(intake["gbvType"] as? String == "physical_assault")
        #expect(intake["context"] as? [String] == ["intimate_partner_violence", "domestic_violence"])
        #expect(intake["survivorAgeGroup"] as? String == "26-40")
        let firstWarnings = (intake["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(firstWarnings == ["referrals_held"], "the police referral waits for consent.police")
        let referrals = intake["referrals"] as? [[String: Any]] ?? []
        // Beating with minor injury by a husband, children present, legal aid wanted (issue #8's rules).
        #expect(Set(referrals.compactMap { $0["agency"] as? String })
                == ["police", "culture-dv", "commune-committee", "child-protection", "justice-legal-aid", "health"])

        let again = try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(), token: officer)
        let warnings = try env.json(again.stdout)["warnings"] as? [[String: Any]]
        #expect(warnings?.contains { $0["code"] as? String == "repeat_survivor" } == true)
        #expect(!(again.stdout.contains("Nguyễn")), "warnings name no one")

        let list = try env.run(["case", "list", "--json"], token: officer)
        #expect(list.status == 0)
        let rows = try env.jsonArray(list.stdout)
        #expect(rows.count == 2)
        #expect(!list.stdout.contains("Nguyễn"), "lists hold coded fields only")

        let show = try env.run(["case", "show", id], token: officer)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Nguyễn Thị Lan"))
        let showVi = try env.run(["case", "show", id, "--lang", "vi"], token: officer)
        #expect(showVi.stdout.contains("Người bị bạo lực"))

        #expect(try env.run(["case", "note", id, "--text", "Đã gọi lại"], token: officer).status == 0)
        #expect(try env.run(["case", "close", id, "--outcome", "services_provided"], token: officer).status == 0)
        let closed = try env.json(try env.run(["case", "show", id, "--json"], token: officer).stdout)
        #expect(closed["status"] as? String == "closed")

        let verify = try env.run(["audit", "verify", "--json"], token: admin)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(try env.json(verify.stdout)["entries"] as? Int == 12) // init 2, user 1, (create + route) × 2, show 3, note, close
        let log = try env.run(["audit", "log", "--case", id, "--json"], token: admin)
        #expect(try env.jsonArray(log.stdout).map { $0["action"] as? String } == ["case.create", "case.route", "case.show", "case.show", "case.note", "case.close", "case.show"])
    }

    /// The credentials file written by init is used when HAVEN_TOKEN is not set.
    @Test func credentialsFile() throws {
        let env = try CLITestEnvironment()
        _ = try env.initialise()
        let list = try env.run(["user", "list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(try env.jsonArray(list.stdout).count == 1)
        let credentials = env.directory.path + "/home/.config/haven/credentials.json"
        let mode = try FileManager.default.attributesOfItem(atPath: credentials)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// `haven login` reads a token, checks it, and saves it for this store; a bad one is refused.
    @Test func login() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let credentials = env.directory.path + "/home/.config/haven/credentials.json"
        try FileManager.default.removeItem(atPath: credentials)
        #expect(try env.run(["case", "list"]).status == 77, "no token any more")
        #expect(try env.run(["login"], input: "hvn_wrong\n").status == 77)
        let login = try env.run(["login"], input: officer + "\n")
        #expect(login.status == 0, "\(login.stderr)")
        #expect(login.stdout.contains("Cán bộ Thử"))
        #expect(try env.run(["case", "list"]).status == 0)
        // `haven logout` on a shared PC: the token is forgotten; a second logout says there was none.
        let logout = try env.run(["logout", "--lang", "vi"])
        #expect(logout.status == 0 && logout.stdout.contains("Đã đăng xuất"), "\(logout.stderr)")
        #expect(try env.run(["case", "list"]).status == 77, "signed out")
        #expect(!(try String(contentsOfFile: credentials, encoding: .utf8)).contains(officer))
        #expect(try env.run(["logout"]).stdout.contains("No token"))
    }

    /// Import: good lines kept, bad lines named, exit 65; --atomic keeps nothing.
    @Test func importFile() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let good = Fixtures.intakeJSON().replacingOccurrences(of: "\n", with: " ")
        let file = env.directory.path + "/cases.jsonl"
        let other = Fixtures.intakeJSON(survivorName: "Trần Thị Hai").replacingOccurrences(of: "\n", with: " ")
        try [good, "{\"source\": ", other].joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let atomic = try env.run(["case", "import", file, "--atomic"], token: officer)
        #expect(atomic.status == 65)
        #expect(atomic.stderr.contains("line 2"))
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).isEmpty)
        let partial = try env.run(["case", "import", file], token: officer)
        #expect(partial.status == 65)
        #expect(partial.stderr.contains("line 2"))
        #expect(partial.stdout.contains("Cases imported: 2; lines rejected: 1."))
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).count == 2)
        // Run again (as after a killed import): nothing is doubled, the lines are reported as skipped.
        let again = try env.run(["case", "import", file], token: officer)
        #expect(again.stdout.contains("Cases imported: 0") && again.stdout.contains("already imported"), "\(again.stdout)")
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).count == 2)
        let blank = env.directory.path + "/blank.jsonl"
        try "\n  \n".write(toFile: blank, atomically: true, encoding: .utf8)
        let none = try env.run(["case", "import", blank], token: officer)
        #expect(none.status == 65 && none.stderr.contains("blank.jsonl: has no cases"), "\(none.stderr)")
    }
}
