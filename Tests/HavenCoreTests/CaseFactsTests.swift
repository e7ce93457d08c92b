import Foundation
import HavenCore
import HavenTestSupport
import Testing

@Suite("Deriving the coded facts of a case")
struct CaseFactsTests {
    func facts(_ json: String, now: Date = Fixtures.now) throws -> CaseFacts {
        let regions = try Fixtures.regions()
        let form = try IntakeForm(json: Array(json.utf8), regions: regions)
        return try CaseFacts.derive(from: form, commune: try #require(regions.commune(form.commune)), now: now)
    }

    /// The sample case: physical assault by a spouse, reported the next day, 32 years old.
    @Test func sampleCase() throws {
        let f = try facts(Fixtures.intakeJSON())
        #expect(f.gbvType == .physicalAssault)
        #expect(f.contexts == [.intimatePartnerViolence, .domesticViolence])
        #expect(f.survivorAge == 32)
        #expect(f.survivorAgeGroup == .age26to40)
        #expect(f.reportingDelay == .days0to3)
        #expect(f.incidentMonth == "2026-11")
        #expect(f.formerDistrict == "long-xuyen")
        #expect(f.risk == .standard)
        #expect(f.perpetratorAgeGroup == .age26to40)
    }

    /// With a birth year only, a survivor who may be 17 or 18 counts as 17: a child.
    @Test func birthYearOnlyErsOnTheChildSide() throws {
        let json = Fixtures.intakeJSON().replacingOccurrences(of: "\"birthDate\": \"1994-03-02\"", with: "\"birthYear\": 2008")
        let f = try facts(json.replacingOccurrences(of: "\"beating\", \"threats\"", with: "\"sexual_touching\""))
        #expect(f.survivorAge == 17)
        #expect(f.survivorIsChild)
        #expect(f.contexts.contains(.childSexualAbuse))
    }

    /// Child marriage is early marriage at any age; forced marriage only for a child.
    @Test func earlyMarriage() {
        #expect(CaseContext.derive(acts: [.childMarriage], relationship: .parent, survivorAge: 20).contains(.earlyMarriage))
        #expect(CaseContext.derive(acts: [.forcedMarriage], relationship: .parent, survivorAge: 16).contains(.earlyMarriage))
        #expect(!CaseContext.derive(acts: [.forcedMarriage], relationship: .parent, survivorAge: 18).contains(.earlyMarriage))
        #expect(CaseContext.derive(acts: [.trafficking], relationship: .stranger, survivorAge: 30) == [.trafficking])
    }

    /// The LAP screen: any of 1–3, or 4 of 4–11, is high; 3 of 4–11 is not; no answer is unknown.
    @Test func lethalityScreen() {
        var answers = [Bool?](repeating: false, count: 11)
        #expect(RiskScreen.lapLevel(answers) == .standard)
        for first in 0..<3 {
            var a = answers; a[first] = true
            #expect(RiskScreen.lapLevel(a) == .high)
        }
        answers[3] = true; answers[5] = true; answers[10] = true
        #expect(RiskScreen.lapLevel(answers) == .standard)
        answers[7] = true
        #expect(RiskScreen.lapLevel(answers) == .high)
        #expect(RiskScreen.lapLevel([Bool?](repeating: nil, count: 11)) == .unknown)
    }

    /// The short danger screen for violence by someone other than a partner: any yes is high,
    /// all no is standard, a no with an unanswered question is unknown; risk.yaml's `others:`
    /// block gives it, and the case facts read a danger screen with it (not with the LAP rule).
    @Test func dangerScreen() throws {
        #expect(RiskPolicy.danger.level([false, false, false, false]) == .standard)
        #expect(RiskPolicy.danger.level([false, false, false, true]) == .high)
        #expect(RiskPolicy.danger.level([false, nil, false, false]) == .unknown)
        let policy = try Policy(files: try PackagePaths.policyFiles(), hash: "test")
        #expect(policy.dangerRisk == .danger && policy.risk == .lap)
        let son = Fixtures.intakeJSON()
            .replacingOccurrences(of: "\"relationship\": \"spouse\"", with: "\"relationship\": \"child\"")
            .replacingOccurrences(of: "[false, false, false, true, false, false, false, false, false, false, false]", with: "[false, false, false, true]")
            .replacingOccurrences(of: "\"screen\": \"lap\"", with: "\"screen\": \"danger\"")
        #expect(try facts(son).risk == .high, "one yes of four: high (under the LAP rule it would be standard)")
        let form = try Fixtures.form(son)
        #expect(form.riskScreen == .danger && form.riskAnswers == [false, false, false, true])
        #expect(try Fixtures.form(form.json.text).riskScreen == .danger,
                "the canonical form keeps the screen")
        #expect(throws: CoreError.invalidValue(path: "risk.answers", reason: .lapAnswers(expected: 4, got: 11))) {
            try Fixtures.form(son.replacingOccurrences(of: "[false, false, false, true]",
                                                       with: "[false, false, false, true, false, false, false, false, false, false, false]"))
        }
        // The stored answers tell the screen by their count.
        let answers = IntakeAnswers.answers(of: try facts(son), sealed: SealedField.values(of: form))
        #expect(answers["danger.4"] == "yes" && answers["risk.1"] == nil)
    }

    /// An incident after the report, or a birth after the incident, is refused.
    @Test func impossibleDates() throws {
        #expect(throws: CoreError.invalidValue(path: "incident.date", reason: .afterReportDate)) {
            try facts(Fixtures.intakeJSON(reportedAt: "2026-11-18T09:00:00+07:00"))
        }
        #expect(throws: CoreError.invalidValue(path: "survivor.birthDate", reason: .afterIncident)) {
            try facts(Fixtures.intakeJSON(birthDate: "2026-11-20"))
        }
    }

    /// The report day is the calendar day in the offset the time was written in.
    @Test func reportDayUsesTheWrittenOffset() throws {
        let f = try facts(Fixtures.intakeJSON(reportedAt: "2026-11-19T23:30:00Z"))
        #expect(f.reportDate == LocalDate(iso: "2026-11-19"))
        let g = try facts(Fixtures.intakeJSON(reportedAt: "2026-11-20T06:30:00+07:00"))
        #expect(g.reportDate == LocalDate(iso: "2026-11-20"))
    }
}
