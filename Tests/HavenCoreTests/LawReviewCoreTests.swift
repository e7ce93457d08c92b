import Foundation
import HavenCore
import HavenTestSupport
import Testing

/// Core derivations the law review (issue #8) depends on.
@Suite("Law review: risk screens and ages")
struct LawReviewCoreTests {
    /// An incomplete LAP screen is unknown unless what was answered already decides it: an
    /// unasked lethality question (1–3) must not read as "no".
    @Test func incompleteRiskScreen() {
        let lap = RiskPolicy.lap
        var onlyFour = [Bool?](repeating: nil, count: 11)
        onlyFour[3] = false
        #expect(lap.level(onlyFour) == .unknown, "questions 1–3 were never asked")
        var firstYes = [Bool?](repeating: nil, count: 11)
        firstYes[0] = true
        #expect(lap.level(firstYes) == .high, "a yes to question 1 decides it")
        var threeNoRestOpen = [Bool?](repeating: nil, count: 11)
        threeNoRestOpen[0] = false; threeNoRestOpen[1] = false; threeNoRestOpen[2] = false
        #expect(lap.level(threeNoRestOpen) == .unknown, "4 of questions 4–11 could still be yes")
        var enough = [Bool?](repeating: false, count: 11)
        enough[10] = nil; enough[9] = nil; enough[8] = nil
        #expect(lap.level(enough) == .standard, "three unanswered cannot reach 4")
        #expect(lap.level([Bool?](repeating: false, count: 11)) == .standard)
        #expect(lap.level([Bool?](repeating: nil, count: 11)) == .unknown)
    }

    /// With a birth year only, a survivor who may be 59 or 60 counts as an older person
    /// (Penal Code Art. 134(1)(c) protects those 60 and over), while for the child tests the
    /// younger age is kept.
    @Test func olderPersonTakesTheHigherAge() throws {
        var form = try Fixtures.form(Fixtures.intakeJSON(birthDate: "2000-01-01"))
        form.survivor.birthDate = nil
        form.survivor.birthYear = 1966
        let commune = try #require(try Fixtures.regions().commune("my-thoi"))
        let facts = try CaseFacts.derive(from: form, commune: commune, now: Fixtures.now)
        #expect(facts.survivorAge == 59)
        #expect(facts.olderPerson)
        form.survivor.birthYear = 1967
        #expect(!(try CaseFacts.derive(from: form, commune: commune, now: Fixtures.now)).olderPerson)
    }
}
