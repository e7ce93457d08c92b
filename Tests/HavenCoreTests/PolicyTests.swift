import HavenCore
import HavenTestSupport
import Testing

@Suite("The routing policy language")
struct PolicyLanguageTests {
    func files(replacing old: String = "", with new: String = "", in file: String = "routing.yaml") throws -> [String: String] {
        var files = try PackagePaths.policyFiles()
        if !old.isEmpty {
            #expect(files[file]!.contains(old), "the fixture text must exist")
            files[file] = files[file]!.replacingOccurrences(of: old, with: new)
        }
        return files
    }

    func policyError(_ files: [String: String]) -> CoreError? {
        #expect(throws: CoreError.self) { try Policy(files: files, hash: "test") }
    }

    /// The An Giang policy parses and every one of its own tests passes.
    @Test func anGiangPolicyPassesItsTests() throws {
        let policy = try Policy(files: try files(), hash: "test")
        #expect(policy.agencies.map(\.id) == ["police", "justice-legal-aid", "culture-dv", "child-protection", "health", "womens-union"])
        #expect(policy.rules.count == 13)
        let tests = try PackagePaths.policyTests()
        var count = 0
        for (file, text) in tests {
            for test in try PolicyTestCase.parse(text, file: file, regions: policy.regions, agencies: policy.agencies) {
                #expect(test.check(policy).isEmpty, "\(test.name): \(test.check(policy))")
                count += 1
            }
        }
        #expect(count >= 22, "a test per rule and per near miss")
    }

    /// A typo in a fact name is reported at its line and column, with the fact suggested.
    @Test func unknownFact() throws {
        let error = policyError(try files(replacing: "      risk: high", with: "      rsk: high"))
        guard case let .policy(file, line, column, reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(file == "routing.yaml" && column == 7 && line > 1)
        #expect(reason == "unknown fact 'rsk'; did you mean 'risk'?")
    }

    @Test(arguments: [
        ("    refer: [child-protection]", "    refer: [child-protect]", "unknown agency 'child-protect'; did you mean 'child-protection'?"),
        ("- acts: [rape, attempted_rape, sexual_touching, forced_sexual_act, strangulation", "- acts: [rapee, attempted_rape, sexual_touching, forced_sexual_act, strangulation", "'rapee' is not a value of acts; did you mean 'rape'?"),
        ("    priority: urgent\n    mandatory: true\n    legalBasis: \"Luật Hòa giải", "    priority: urgent\n    mandatory: true\n    legalBase: \"Luật Hòa giải", "unknown key 'legalBase'; did you mean 'legalBasis'?"),
        ("      survivor.age: {lt: 18}\n    refer: [child-protection]", "      survivor.age: {below: 18}\n    refer: [child-protection]", "unknown key 'below'; known keys: lt, lte, gt, gte, eq"),
        ("  - id: family-or-partner", "  - id: criminal-indicators", "the rule id 'criminal-indicators' appears twice"),
    ])
    func ruleErrors(old: String, new: String, message: String) throws {
        let error = policyError(try files(replacing: old, with: new))
        guard case let .policy(_, line, _, reason)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(reason == message)
        #expect(line > 1)
    }

    /// A mandatory rule without a legal basis is refused.
    @Test func mandatoryNeedsLegalBasis() throws {
        let text = try files()["routing.yaml"]!
        let start = text.range(of: "    legalBasis: \"Luật Phòng, chống bạo lực gia đình 2022, Điều 22")!
        let end = text[start.lowerBound...].range(of: "\n")!
        var changed = try files()
        changed["routing.yaml"] = text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
        let error = policyError(changed)
        guard case let .policy(_, _, _, reason)? = error else { Issue.record("no error"); return }
        #expect(reason == "a mandatory rule needs its legalBasis")
    }

    /// An unknown sealed field in an agency's receives list is refused.
    @Test func unknownReceivedField() throws {
        let error = policyError(try files(replacing: "receives: [survivor.name, survivor.phone]\n", with: "receives: [survivor.name, survivor.phon]\n", in: "agencies.yaml"))
        guard case let .policy(file, _, _, reason)? = error else { Issue.record("no error"); return }
        #expect(file == "agencies.yaml")
        #expect(reason == "unknown sealed field 'survivor.phon'; did you mean 'survivor.phone'?")
    }

    /// Two rules referring one agency merge: highest priority, mandatory if either is, both
    /// reasons kept; a raising rule lifts every referral one step, never past urgent.
    @Test func mergingAndRaising() throws {
        let policy = try Policy(files: try files(), hash: "test")
        let regions = policy.regions
        let tests = try PolicyTestCase.parse("""
            tests:
              - name: merge
                case: {acts: [beating], injury: serious, perpetrator.relationship: spouse, wishes.shelter: true, survivor.flags: [pregnant], consent.referral: true}
                expect:
                  referrals:
                    police: {priority: urgent, mandatory: true, rules: [criminal-indicators]}
                    culture-dv: {priority: urgent, mandatory: false, held: false, rules: [family-or-partner, shelter]}
                    womens-union: urgent
                    health: urgent
                  blocksMediation: true
            """, file: "inline.yaml", regions: regions, agencies: policy.agencies)
        #expect(tests.count == 1)
        #expect(tests[0].check(policy) == [])
    }

    /// A failing expectation is reported as a difference (the runner can fail).
    @Test func failuresAreDiffs() throws {
        let policy = try Policy(files: try files(), hash: "test")
        let tests = try PolicyTestCase.parse("""
            tests:
              - name: wrong on purpose
                case: {acts: [rape]}
                expect:
                  referrals: {police: normal, womens-union: high}
                  blocksMediation: false
            """, file: "inline.yaml", regions: policy.regions, agencies: policy.agencies)
        let diff = tests[0].check(policy)
        #expect(diff.contains("~ police: priority expected normal, got urgent"))
        #expect(diff.contains("- womens-union: expected high, but it is not referred"))
        #expect(diff.contains { $0.hasPrefix("+ health: referred") })
        #expect(diff.contains("~ blocksMediation: expected false, got true"))
    }
}
