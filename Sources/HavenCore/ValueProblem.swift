/// What is wrong with a value, as a catalogue message in each language. Never holds the
/// value itself when the value may be personal (a phone, a date of birth).
public enum ValueProblem: Equatable, Sendable, Codable {
    case notATime, notADate, longerThan(Int), phoneFormat, noActs, lapAnswers(expected: Int, got: Int)
    case birthYearMismatch, afterReportDate, afterIncident, afterReportYear, inTheFuture, before(String)
    case nameLength, noteLength, agreementOnlyWithAgreement, notTeamMember(members: String, team: String)
    case notForMeasure(dimension: String, measure: String), dimensionTwice, alsoInBy(String), notPositive, noCases
    case tooManyDimensions(Int)
    case consentFlagsMissing, emptyInput, noTerminal, controlCharacters
    case searchCriterionMissing, searchNameEmpty, searchPhoneShort, searchYearInvalid
    /// The risk screen does not fit the relationship (the expected screen's code).
    case screenForRelationship(String)
    /// A number below its minimum (given as text).
    case atLeast(String)
    /// A year outside the supported range.
    case yearRange(from: Int, to: Int)
    /// A disclosure method other than the one the store's policy publishes with.
    case notTheStoreMethod(String)
    /// Under suppression only a fixed set of whole-year tables is published (listed).
    case notPublishedUnderSuppression(tables: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .notATime: Catalogue.text(.problemNotATime, language)
        case .notADate: Catalogue.text(.problemNotADate, language)
        case .longerThan(let n): Catalogue.text(.problemLongerThan, language, ["max": "\(n)"])
        case .phoneFormat: Catalogue.text(.problemPhoneFormat, language)
        case .noActs: Catalogue.text(.problemNoActs, language)
        case let .lapAnswers(expected, got): Catalogue.text(.problemLapAnswers, language, ["expected": "\(expected)", "got": "\(got)"])
        case .birthYearMismatch: Catalogue.text(.problemBirthYearMismatch, language)
        case .afterReportDate: Catalogue.text(.problemAfterReportDate, language)
        case .afterIncident: Catalogue.text(.problemAfterIncident, language)
        case .afterReportYear: Catalogue.text(.problemAfterReportYear, language)
        case .inTheFuture: Catalogue.text(.problemInTheFuture, language)
        case .before(let date): Catalogue.text(.problemBefore, language, ["date": date])
        case .nameLength: Catalogue.text(.problemNameLength, language)
        case .noteLength: Catalogue.text(.problemNoteLength, language)
        case .agreementOnlyWithAgreement: Catalogue.text(.problemAgreementOnly, language)
        case let .notTeamMember(members, team): Catalogue.text(.problemNotTeamMember, language, ["members": members, "team": team])
        case let .notForMeasure(dimension, measure): Catalogue.text(.problemNotForMeasure, language, ["dimension": dimension, "measure": measure])
        case .dimensionTwice: Catalogue.text(.problemDimensionTwice, language)
        case .tooManyDimensions(let n): Catalogue.text(.problemTooManyDimensions, language, ["max": "\(n)"])
        case .notTheStoreMethod(let method): Catalogue.text(.problemNotTheStoreMethod, language, ["method": method])
        case .notPublishedUnderSuppression(let tables): Catalogue.text(.problemNotPublishedUnderSuppression, language, ["tables": tables])
        case .alsoInBy(let dimension): Catalogue.text(.problemAlsoInBy, language, ["dimension": dimension])
        case .notPositive: Catalogue.text(.problemNotPositive, language)
        case .noCases: Catalogue.text(.problemNoCases, language)
        case .consentFlagsMissing: Catalogue.text(.problemConsentFlags, language)
        case .emptyInput: Catalogue.text(.problemEmptyInput, language)
        case .searchCriterionMissing: Catalogue.text(.problemSearchCriterion, language)
        case .screenForRelationship(let screen): Catalogue.text(.problemScreenForRelationship, language, ["screen": screen])
        case .searchNameEmpty: Catalogue.text(.problemSearchName, language)
        case .searchPhoneShort: Catalogue.text(.problemSearchPhone, language)
        case .searchYearInvalid: Catalogue.text(.problemSearchYear, language)
        case .noTerminal: Catalogue.text(.problemNoTerminal, language)
        case .controlCharacters: Catalogue.text(.problemControlCharacters, language)
        case .atLeast(let minimum): Catalogue.text(.problemAtLeast, language, ["min": minimum])
        case let .yearRange(from, to): Catalogue.text(.problemYearRange, language, ["from": "\(from)", "to": "\(to)"])
        }
    }
}
