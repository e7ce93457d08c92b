import HavenCore
import HavenTestSupport
import Testing

@Suite("Reading intake JSON")
struct IntakeFormTests {
    func parse(_ json: String) throws -> IntakeForm { try Fixtures.form(json) }

    /// The issue's sample parses with every field.
    @Test func sample() throws {
        let form = try parse(Fixtures.intakeJSON())
        #expect(form.commune == "my-thoi")
        #expect(form.survivor.birthYear == 1994)
        #expect(form.incident.acts == [.beating, .threats])
        #expect(form.consent.referral && !form.consent.police)
        #expect(form.riskAnswers?.count == 11)
    }

    /// A value far from every known one is answered with the list of known values.
    @Test func unknownValueListsKnownOnes() {
        let error = CoreError.unknownValue(path: "survivor.sex", value: "zzzz", kind: "sex", suggestions: [], known: ["female", "male"])
        #expect(error.message(.en).hasSuffix("Known values: female, male."))
        #expect(error.message(.vi).hasSuffix("Các giá trị hợp lệ: female, male."))
        let close = CoreError.unknownValue(path: "survivor.sex", value: "femal", kind: "sex", suggestions: ["female"], known: ["female", "male"])
        #expect(close.message(.en).hasSuffix("Did you mean: female?"))
    }

    /// A mistyped act is refused with its path and the closest act.
    @Test func unknownActSuggests() {
        #expect(throws: CoreError.unknownValue(path: "incident.acts[1]", value: "threat", kind: "act",
                                               suggestions: ["threats", "threats_to_kill"], known: Act.rawValues)) {
            try parse(Fixtures.intakeJSON(acts: ["beating", "threat"]))
        }
    }

    /// A mistyped commune is refused with the closest slugs.
    @Test func unknownCommuneSuggests() throws {
        do {
            _ = try parse(Fixtures.intakeJSON(commune: "my-thoy"))
            Issue.record("expected an error")
        } catch let CoreError.unknownValue(path, value, _, suggestions, _) {
            #expect(path == "commune" && value == "my-thoy")
            #expect(suggestions.first == "my-thoi")
        }
    }

    /// A commune may be given by its Vietnamese name.
    @Test func communeByName() throws {
        #expect(try parse(Fixtures.intakeJSON(commune: "Mỹ Thới")).commune == "my-thoi")
    }

    /// A misspelt member is an error, not silently dropped data.
    @Test func unknownMember() {
        let json = Fixtures.intakeJSON().replacingOccurrences(of: "\"narrative\"", with: "\"narative\"")
        #expect(throws: CoreError.unknownField(path: "incident.narative", suggestions: ["narrative"])) { try parse(json) }
    }

    @Test func missingAndWrongTypes() {
        #expect(throws: CoreError.missingField(path: "source")) {
            try parse(Fixtures.intakeJSON().replacingOccurrences(of: "\"source\": \"commune-police\",", with: ""))
        }
        #expect(throws: CoreError.wrongType(path: "survivor.disability", expected: "true or false")) {
            try parse(Fixtures.intakeJSON().replacingOccurrences(of: "\"disability\": false", with: "\"disability\": \"no\""))
        }
        #expect(throws: CoreError.invalidValue(path: "incident.acts", reason: .noActs)) {
            try parse(Fixtures.intakeJSON(acts: []))
        }
        #expect(throws: CoreError.invalidValue(path: "risk.answers", reason: .lapAnswers(expected: 11, got: 2))) {
            try parse(Fixtures.intakeJSON().replacingOccurrences(
                of: "[false, false, false, true, false, false, false, false, false, false, false]", with: "[true, false]"))
        }
    }

    /// Errors about sealed fields never repeat the value (a birth date, a phone number).
    @Test func errorsDoNotRepeatPersonalData() {
        let json = Fixtures.intakeJSON(birthDate: "1994-13-02").replacingOccurrences(of: "0912345678", with: "09123x5678")
        do {
            _ = try parse(json)
            Issue.record("expected an error")
        } catch let error as CoreError {
            for language in Language.allCases {
                let message = error.message(language)
                #expect(!message.contains("1994-13-02"))
                #expect(!message.contains("09123x5678"))
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// "unknown" is accepted for coded values and counts as absent for others.
    @Test func unknownValues() throws {
        let json = Fixtures.intakeJSON()
            .replacingOccurrences(of: "\"birthDate\": \"1994-03-02\"", with: "\"birthDate\": \"unknown\"")
            .replacingOccurrences(of: "\"relationship\": \"spouse\"", with: "\"relationship\": \"unknown\"")
            .replacingOccurrences(of: "\"injury\": \"minor\"", with: "\"injury\": \"unknown\"")
            .replacingOccurrences(of: "\"screen\": \"lap\", \"answers\": [false, false, false, true, false, false, false, false, false, false, false]", with: "\"screen\": \"danger\", \"answers\": [false, false, false, false]")
        let form = try parse(json)
        #expect(form.survivor.birthDate == nil)
        #expect(form.perpetrator.relationship == .unknown)
        #expect(form.incident.injury == .unknown)
    }

    /// Writing a form as JSON and reading it back gives the same form.
    @Test func roundTrip() throws {
        let form = try parse(Fixtures.intakeJSON())
        #expect(try parse(form.json.text) == form)
        var generator = SyntheticCases(seed: 7, regions: try Fixtures.regions(), reportedUpTo: LocalDate(iso: "2026-11-20")!)
        for _ in 0..<300 {
            let synthetic = generator.next()
            #expect(try parse(synthetic.json.text) == synthetic)
        }
    }
}

@Suite("JSON syntax errors name their line and column")
struct JSONValueTests {
    @Test(arguments: [
        ("{\"a\": 1,\n \"b\" 2}", 2, 6),
        ("{\"a\": [1, 2,]}", 1, 13),
        ("{\"a\": \"x\"", 1, 10),
        ("", 1, 1),
        ("{\"a\": 1} x", 1, 10),
        ("{\"a\": 1, \"a\": 2}", 1, 10),
        ("{\n\n  \"Họ tên\": tru}", 3, 13),
    ])
    func position(text: String, line: Int, column: Int) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("expected a syntax error")
        } catch {
            guard case let .jsonSyntax(l, c, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(l == line && c == column, "\(text)")
        }
    }

    @Test func escapesAndNumbers() throws {
        let value = try JSONValue(parsing: #"{"s": "a\"\\\/\n\u0110\ud83d\ude00", "n": -1.5e2, "t": true, "z": null, "l": []}"#)
        #expect(value["s"] == .string("a\"\\/\nĐ😀"))
        #expect(value["n"] == .number(-150))
        #expect(value["t"] == .bool(true))
        #expect(value["z"] == .null)
        #expect(try JSONValue(parsing: value.text) == value)
    }

    /// The risk screen fits the relationship: a partner case cannot skip the lethality
    /// questions with the short screen, nor a son's be read by the LAP's rule.
    @Test func screenFitsTheRelationship() throws {
        let lap = "\"screen\": \"lap\", \"answers\": [false, false, false, true, false, false, false, false, false, false, false]"
        let danger = "\"screen\": \"danger\", \"answers\": [false, false, false, false]"
        #expect(throws: CoreError.invalidValue(path: "risk.screen", reason: .screenForRelationship("lap"))) {
            try Fixtures.form(Fixtures.intakeJSON().replacingOccurrences(of: lap, with: danger))
        }
        #expect(throws: CoreError.invalidValue(path: "risk.screen", reason: .screenForRelationship("danger"))) {
            try Fixtures.form(Fixtures.intakeJSON().replacingOccurrences(of: "\"relationship\": \"spouse\"", with: "\"relationship\": \"child\""))
        }
        #expect(try Fixtures.form(Fixtures.intakeJSON().replacingOccurrences(of: "\"relationship\": \"spouse\"", with: "\"relationship\": \"child\"")
            .replacingOccurrences(of: lap, with: danger)).riskScreen == .danger)
    }
}
