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
        #expect(policy.agencies.map(\.id) == ["police", "commune-committee", "justice-legal-aid", "culture-dv", "child-protection",
                                               "health", "womens-union"])
        #expect(policy.rules.count == 38)
        let tests = try PackagePaths.policyTests()
        var count = 0
        for (file, text) in tests {
            for test in try PolicyTestCase.parse(text, file: file, regions: policy.regions, agencies: policy.agencies) {
                #expect(test.check(policy).isEmpty, "\(test.name): \(test.check(policy))")
                count += 1
            }
        }
        #expect(count >= 100, "a test per rule and per near miss")
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
        ("      acts: [rape, attempted_rape, forced_sexual_act]", "      acts: [rapee, attempted_rape, forced_sexual_act]", "'rapee' is not a value of acts; did you mean 'rape'?"),
        ("    priority: urgent\n    mandatory: true\n    legalBasis: \"Bộ luật Tố tụng", "    priority: urgent\n    mandatory: true\n    legalBase: \"Bộ luật Tố tụng", "unknown key 'legalBase'; did you mean 'legalBasis'?"),
        ("        - survivor.age: {lt: 18}\n        - context: domestic_violence", "        - survivor.age: {below: 18}\n        - context: domestic_violence", "unknown key 'below'; known keys: lt, lte, gt, gte, eq"),
        ("  - id: family-or-partner", "  - id: sexual-violence-crime", "the rule id 'sexual-violence-crime' appears twice"),
        ("- survivor.financialHardship: true\n        - any:", "- survivor.financialHardship: maybe\n        - any:", "expected true or false"),
        ("        - survivor.age: unknown\n        - not: {source: school}", "        - survivor.age: unknwn\n        - not: {source: school}", "expected a mapping"),
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
                    police: {priority: urgent, mandatory: true, rules: [violent-crime, physical-vulnerable-survivor, physical-assault]}
                    culture-dv: {priority: high, mandatory: false, held: false, rules: [family-or-partner]}
                    commune-committee: {priority: urgent, mandatory: false, held: false, rules: [shelter, family-or-partner]}
                    womens-union: urgent
                    health: urgent
                  blocksMediation: true
            """, file: "inline.yaml", regions: regions, agencies: policy.agencies)
        #expect(tests.count == 1)
        #expect(tests[0].check(policy) == [])
    }

    /// A `referrals.held` test names agencies of the policy; a mediation refusal naming an
    /// unknown one is refused with its position.
    @Test func heldReferralsNameAgencies() throws {
        let error = policyError(try files(replacing: "referrals.held: [police, commune-committee]", with: "referrals.held: [polise]",
                                          in: "mediation.yaml"))
        guard case let .policy(file, _, _, reason)? = error else { Issue.record("no error"); return }
        #expect(file == "mediation.yaml")
        #expect(reason == "'polise' is not a value of referrals.held; did you mean 'police'?")
    }

    /// Without consent an agency can only get less: a field outside `receives` is refused.
    @Test func withoutConsentIsASubset() throws {
        let error = policyError(try files(replacing: "receivesWithoutConsent: [survivor.name, survivor.address, perpetrator.name, incident.date, risk.answers]",
                                          with: "receivesWithoutConsent: [survivor.name, survivor.idNumber]", in: "agencies.yaml"))
        guard case let .policy(file, _, _, reason)? = error else { Issue.record("no error"); return }
        #expect(file == "agencies.yaml")
        #expect(reason.contains("'survivor.idNumber' is not in this agency's receives list"))
    }

    /// `unknown` matches an unrecorded number or answer, and nothing else; a comparison
    /// never matches an unknown number.
    @Test func unknownIsAValue() throws {
        let policy = try Policy(files: try files(), hash: "test")
        let tests = try PolicyTestCase.parse("""
            tests:
              - name: unknown age, not from a school
                case: {survivor.age: unknown, acts: [sexual_touching], incident.daysSince: 10}
                expect: {referrals: {police: {priority: high, mandatory: false, rules: [sexual-touching-age-unknown]}, health: high}}
              - name: unknown hardship is not hardship
                case: {perpetrator.relationship: spouse, survivor.financialHardship: unknown}
                expect: {referrals: {culture-dv: normal, commune-committee: normal}}
            """, file: "inline.yaml", regions: policy.regions, agencies: policy.agencies)
        for test in tests { #expect(test.check(policy) == [], "\(test.name)") }
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

    /// Nobody receives the reporter; a danger screen that could never be high is refused.
    @Test func reporterNeverReceivedAndScreensCanFindDanger() throws {
        let files = try self.files()
        let police = try #require(files["agencies.yaml"]!.range(of: "receives: ["))
        var agencies = files["agencies.yaml"]!
        agencies.replaceSubrange(police, with: "receives: [reporter.name, ")
        var withReporter = files; withReporter["agencies.yaml"] = agencies
        #expect(throws: CoreError.self) { try Policy(files: withReporter, hash: "test") }
        var never = files
        never["risk.yaml"] = files["risk.yaml"]!.replacingOccurrences(of: "anyYesOf: [1, 2, 3, 4]", with: "anyYesOf: []")
        #expect(never["risk.yaml"] != files["risk.yaml"])
        #expect(throws: CoreError.self) { try Policy(files: never, hash: "test") }
    }
}
