import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: policy commands", .serialized)
struct CLIPolicyTests {
    /// A copy of the An Giang policy in the test's folder, with one edit.
    func policyCopy(_ env: CLITestEnvironment, file: String, replacing old: String, with new: String) throws -> String {
        let directory = env.directory.path + "/policy"
        try FileManager.default.createDirectory(atPath: directory + "/tests", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: PackagePaths.policy) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: PackagePaths.policy + "/" + name, toPath: directory + "/" + name)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: PackagePaths.policy + "/tests") {
            try FileManager.default.copyItem(atPath: PackagePaths.policy + "/tests/" + name, toPath: directory + "/tests/" + name)
        }
        let path = directory + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return directory
    }

    /// A typo in a fact name: file:line:col and a suggestion, exit 65.
    @Test func checkReportsPosition() throws {
        let env = try CLITestEnvironment()
        #expect(try env.run(["policy", "check", PackagePaths.policy]).status == 0)
        let directory = try policyCopy(env, file: "routing.yaml", replacing: "      wishes.shelter: true", with: "      wishes.shelterr: true")
        let result = try env.run(["policy", "check", directory])
        #expect(result.status == 65)
        #expect(result.stderr.range(of: #"routing\.yaml:\d+:7: unknown fact 'wishes\.shelterr'; did you mean 'wishes\.shelter'\?"#,
                                    options: .regularExpression) != nil, "\(result.stderr)")
    }

    /// `policy test` passes on the shipped policy and exits 1, with a diff, when a rule changes.
    @Test func testReportsDiffs() throws {
        let env = try CLITestEnvironment()
        let passing = try env.run(["policy", "test", PackagePaths.policy, "--json"])
        #expect(passing.status == 0)
        let json = try env.json(passing.stdout)
        #expect((json["total"] as? Int ?? 0) >= 50 && json["passed"] as? Int == json["total"] as? Int)
        let directory = try policyCopy(env, file: "routing.yaml", replacing: "    refer: [commune-committee, womens-union]\n    priority: high\n",
                                       with: "    refer: [commune-committee]\n    priority: high\n")
        let failing = try env.run(["policy", "test", directory])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL tests/routing.yaml"))
        #expect(failing.stdout.contains("- womens-union: expected high, but it is not referred"))
    }

    /// `policy explain --from` shows each rule and the fields each agency would receive.
    @Test func explainFromFile() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let file = env.directory.path + "/case.json"
        try Fixtures.intakeJSON().write(toFile: file, atomically: true, encoding: .utf8)
        let result = try env.run(["policy", "explain", "--from", file, "--json"], token: officer)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try env.json(result.stdout)
        let rules = json["rules"] as? [[String: Any]] ?? []
        #expect(rules.count == 38 && rules.contains { $0["rule"] as? String == "physical-assault" && $0["fired"] as? Bool == true })
        let health = (json["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "health" }
        #expect(health?["receives"] as? [String] == ["survivor.name", "survivor.birthYear", "survivor.phone", "incident.date",
                                                      "contact.channel", "contact.times", "contact.safePerson"],
                "the safe-contact fields are in every packet")
        // Mandatory without consent: child protection receives only its receivesWithoutConsent list.
        let child = (json["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "child-protection" }
        #expect(child?["mandatory"] as? Bool == true)
        // The mediation decision is printed beside the routing: a beating whose police referral is held.
        let mediation = json["mediation"] as? [String: Any]
        #expect(mediation?["eligible"] as? Bool == false)
        let refusals = (mediation?["refusals"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(refusals.contains("physical-referral-held") && refusals.contains("no-consent"), "\(refusals)")
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).isEmpty, "explain stores nothing")
    }
}
