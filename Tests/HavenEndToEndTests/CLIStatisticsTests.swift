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
        let coarse = try env.run(["stats", "--by", "commune,survivorSex", "--period", "2026", "--coarsen", "--format", "json"], token: supervisor)
        #expect(coarse.status == 0 && coarse.stdout.contains("\"coarsened\"") && coarse.stdout.contains("formerDistrict"), "\(coarse.stderr)")
        let bad = try env.run(["stats", "--by", "gbvTyp", "--period", "2026"], token: supervisor)
        #expect(bad.status == 65 && bad.stderr.contains("gbvType"))
        #expect(try env.run(["stats", "--by", "agency", "--period", "2026"], token: supervisor).status == 65)
        #expect(try env.run(["stats", "--by", "gbvType", "--period", "2026-Q7"], token: supervisor).status == 64)
    }

    /// The retired noise mode says why it is gone (64); perturbation is the default and gives
    /// the same figures every time; --method suppress and a bad --method.
    @Test func methods() throws {
        let (env, _, supervisor, _) = try world()
        let refused = try env.run(["stats", "--by", "commune", "--period", "2026", "--privacy", "dp", "--epsilon", "2"], token: supervisor)
        #expect(refused.status == 64 && refused.stderr.contains("removed"))
        let first = try env.run(["stats", "--by", "commune,survivorSex", "--period", "2026"], token: supervisor)
        let second = try env.run(["stats", "--by", "commune,survivorSex", "--period", "2026"], token: supervisor)
        #expect(first.status == 0 && first.stdout == second.stdout && first.stdout.contains("perturbed"))
        let json = try env.json(try env.run(["stats", "--by", "commune", "--period", "2026", "--json"], token: supervisor).stdout)
        #expect(json["method"] as? String == "perturb" && json["maximumPerturbation"] as? Int == 2)
        // One store, one method: figures of two methods side by side could be combined.
        let other = try env.run(["stats", "--by", "commune,survivorSex", "--period", "2026", "--method", "suppress"], token: supervisor)
        #expect(other.status == 65 && other.stderr.contains("perturb"))
        #expect(try env.run(["stats", "--by", "commune", "--period", "2026", "--method", "perturb"], token: supervisor).status == 0)
        #expect(try env.run(["stats", "--by", "commune", "--period", "2026", "--method", "noise"], token: supervisor).status == 64)
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
        let (env, admin, supervisor, _) = try world()
        for (format, lang) in [("html", "vi"), ("md", "en")] {
            let out = env.directory.path + "/report.\(format)"
            let result = try env.run(["report", "annual", "--year", "2026", "--format", format, "--lang", lang, "--out", out], token: supervisor)
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(text.contains(lang == "vi" ? "báo cáo hằng năm" : "annual report"))
        }
        // Per-case rows are for a data-sharing partner's account only, and k-anonymous.
        let csv = env.directory.path + "/ir.csv"
        #expect(try env.run(["export", "incident-recorder", "--year", "2026", "--out", csv], token: supervisor).status == 77)
        #expect(!FileManager.default.fileExists(atPath: csv))
        #expect(try env.run(["user", "add", "--name", "P", "--role", "data-partner"], token: admin).status == 64)
        for bad in ["UNFPA; rm -rf /", "", String(repeating: "a", count: 41), "unfpa\u{202E}"] {
            #expect(try env.run(["user", "add", "--name", "P", "--role", "data-partner", "--agency", bad], token: admin).status == 64)
        }
        let partner = try env.user("data-partner", name: "UNFPA analyst", agency: "unfpa", admin: admin)
        let exported = try env.run(["export", "incident-recorder", "--year", "2026", "--out", csv], token: partner)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("at least 5 times"))
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.first?.first == "incident_number" && lines.count > 50)
        let header = lines[0]
        let quasi = ["report_month", "incident_month", "reporting_delay", "survivor_sex", "survivor_age_group", "survivor_ethnicity",
                     "survivor_disability", "perpetrator_sex", "perpetrator_age_group", "perpetrator_relationship"].map { header.firstIndex(of: $0)! }
        var classes: [[String]: Int] = [:]
        for line in lines.dropFirst() { classes[quasi.map { line[$0] }, default: 0] += 1 }
        #expect(classes.values.min()! >= 5, "every combination of quasi-identifiers occurs at least k times")
        // A partner account does nothing else: no statistics, cases, reports or audit log.
        for arguments in [["stats", "--by", "commune", "--period", "2026"], ["case", "list"], ["audit", "log"],
                          ["report", "annual", "--year", "2026", "--out", env.directory.path + "/p.html"], ["mediation", "stats", "--year", "2026"]] {
            #expect(try env.run(arguments, token: partner).status == 77, "\(arguments)")
        }
    }
}
