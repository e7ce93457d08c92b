import Foundation
import HavenAPI
import HavenCore
import HavenService

extension CLI {
    /// What the officer can do about an error, in this face's words (a command to run, an
    /// option to add). The service's messages say what went wrong and name no command; the HTTP
    /// face will say what to do in its own words.
    static func hint(for error: HavenError, _ language: Language) -> String? {
        func t(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String { Catalogue.text(key, language, arguments) }
        return switch error {
        case .notSignedIn: t(.hintNotSignedIn)
        case .caseNotFound: t(.hintCaseNotFound)
        case .userNotFound: t(.hintUserNotFound)
        case .tampered: t(.hintTampered)
        case .caseChangedMeanwhile(let id): t(.hintCaseChangedMeanwhile, ["id": id])
        case .noCommunes: t(.hintNoCommunes)
        case .partnerRequired: t(.hintPartnerRequired)
        case .agencyRequired: t(.hintAgencyRequired)
        case .importRejected: t(.hintImportRejected)
        case .policyTestsFailed: t(.hintPolicyTestsFailed)
        case .agencyUnknown: t(.hintAgencyUnknown)
        case .agencyHasNoKey(let agency): t(.hintAgencyHasNoKey, ["agency": agency])
        case .referralNotFound: t(.hintReferralNotFound)
        case .consentMissing: t(.hintConsentMissing)
        case .teamRequired: t(.hintTeamRequired)
        case .teamNotFound: t(.hintTeamNotFound)
        case .lastAdministrator: t(.hintLastAdministrator)
        case .agencyKeyExists: t(.hintAgencyKeyExists)
        case .keysInUse: t(.hintKeysInUse)
        case .draftNotFound: t(.hintDraftNotFound)
        default: nil
        }
    }
}
