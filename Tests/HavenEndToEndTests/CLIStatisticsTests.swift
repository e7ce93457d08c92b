import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: statistics", .serialized)
struct CLIStatisticsTests {
    /// A store with 120 synthetic cases and a supervisor; returns (env, admin, supervisor, officer).
    func world() throws -> (CLITestEnvironment, String, String, String) {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let communes = ["my-thoi", "binh-duc", "long-xuyen"]
        let officer = try env.json(try env.run(["user", "add", "--name", "O", "--role", "field-officer", "--commune"] + communes + ["--json"], token: admin).stdout)["token"] as? String ?? ""
        let supervisor = try env.user("supervisor", name: "S", admin: admin)
        let file = env.directory.path + "/cases.jsonl"
        let synth = try env.run(["synth", "--count", "120", "--seed", "7", "--until", "2026-11-20", "--out", file] + communes.flatMap { ["--commune", $0] })
        #expect(synth.status == 0, "\(synth.stderr)")
        let imported = try env.run(["case", "import", file], token: officer)
        #expect(imported.status == 0, "\(imported.stderr)")
        return (env, admin, supervisor, officer)
    }

    /// `stats --json` prints the documented shape; no count from 1 to 4 is ever shown.
    @Test func jsonShape() throws {
        let (env, _, supervisor, _) = try world()
        let result = try env.run(["stats", "--by", "gbvType,survivorSex", "--period", "2026", "--json"], token: supervisor)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try env.json(result.stdout)
        #expect(json["dimensions"] as? [String] == ["gbvType", "survivorSex"])
        #expect(json["period"] as? String == "2026")
        #expect(json["k"] as? Int == 5)
        let cells = json["cells"] as? [[String: Any]] ?? []
        #expect(!cells.isEmpty)
        for cell in cells {
            #expect(cell["gbvType"] is String && cell["survivorSex"] is String && cell["suppressed"] is Bool)
            if let count = cell["count"] as? Int { #expect(count == 0 || count >= 5) } else { #expect(cell["suppressed"] as? Bool == true) }
        }
        #expect(json.keys.contains("total"))
        let svg = try env.run(["stats", "--by", "survivorAgeGroup,survivorSex", "--period", "2026", "--format", "svg"], token: supervisor)
        #expect(XMLCheck.isWellFormed(svg.stdout))
        let bad = try env.run(["stats", "--by", "gbvTyp", "--period", "2026"], token: supervisor)
        #expect(bad.status == 65 && bad.stderr.contains("gbvType"))
        #expect(try env.run(["stats", "--by", "agency", "--period", "2026"], token: supervisor).status == 65)
        #expect(try env.run(["stats", "--by", "gbvType", "--period", "2026-Q7"], token: supervisor).status == 64)
    }

    /// The noise mode's budget is charged and refused past its end with exit 77.
    @Test func privacyBudget() throws {
        let (env, _, supervisor, _) = try world()
        for _ in 0..<5 {
            #expect(try env.run(["stats", "--by", "commune", "--period", "2026", "--privacy", "dp", "--epsilon", "2"], token: supervisor).status == 0)
        }
        let refused = try env.run(["stats", "--by", "commune", "--period", "2026", "--privacy", "dp", "--epsilon", "2"], token: supervisor)
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("budget"))
    }

    /// A supervisor gets exit 77 for case show, case list and referral show.
    @Test func supervisorSeesNoIdentity() throws {
        let (env, admin, supervisor, officer) = try world()
        let cases = try env.jsonArray(try env.run(["case", "list", "--json", "--limit", "1"], token: officer).stdout)
        let caseID = cases.first?["id"] as? String ?? ""
        #expect(try env.run(["case", "show", caseID], token: supervisor).status == 77)
        #expect(try env.run(["case", "list"], token: supervisor).status == 77)
        let key = env.directory.path + "/police.key"
        #expect(try env.run(["agency", "keygen", "police", "--out", key], token: admin).status == 0)
        let detail = try env.json(try env.run(["case", "show", caseID, "--json"], token: officer).stdout)
        let referral = (detail["referrals"] as? [[String: Any]])?.first?["id"] as? String ?? "R-00000000"
        #expect(try env.run(["referral", "show", referral, "--agency-key", key], token: supervisor).status == 77)
    }

    /// The annual report from the CLI, in both formats and languages.
    @Test func annualReport() throws {
        let (env, _, supervisor, _) = try world()
        for (format, lang) in [("html", "vi"), ("md", "en")] {
            let out = env.directory.path + "/report.\(format)"
            let result = try env.run(["report", "annual", "--year", "2026", "--format", format, "--lang", lang, "--out", out], token: supervisor)
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains(lang == "vi" ? "báo cáo hằng năm" : "annual report"))
        }
        let csv = env.directory.path + "/ir.csv"
        #expect(try env.run(["export", "incident-recorder", "--year", "2026", "--out", csv], token: supervisor).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).hasPrefix("incident_number,"))
    }
}
