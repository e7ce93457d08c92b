import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Errors of the service layer: what the faces show, mapped to exit codes by the CLI and to
/// HTTP statuses by the server, each in one place.
public enum HavenError: Error, Equatable, Sendable {
    case noStore(path: String)
    case storeExists(path: String)
    case keyFileMissing(path: String)
    case keyFileExists(path: String)
    case keyFileCorrupt(path: String)
    case wrongKeyFile
    case wrongPassphrase
    case passphraseRequired
    case notSignedIn
    case invalidToken
    case forbidden(role: Role, action: AuditAction)
    case caseNotFound(id: String)
    case userNotFound(id: String)
    case tampered(caseID: String, field: String)
    case caseClosed(id: String)
    /// The case changed (another officer, another window) while it was being corrected.
    case caseChangedMeanwhile(id: String)
    /// Another process activated a policy while this use case ran; nothing was written.
    case policyChangedMeanwhile
    /// The store's engine is backed up with its own tools, not by copying one file.
    case backupByEngine
    /// The store was moved to another database (`haven store migrate`): use that one.
    case storeMoved(to: String)
    /// A move into this database stopped half-way: run it again to finish it.
    case storeMoveUnfinished
    /// The store is being moved (its last checks): it takes no changes until the move finishes.
    case storeBeingMoved(to: String)
    case invalidInput(CoreError)
    /// Input rejected line by line (import); `lines` are 1-based with their error.
    case importRejected(lines: [LineError])
    case noCommunes
    case agencyRequired
    /// A data-sharing partner's account must name its organisation.
    case partnerRequired
    case fileUnreadable(path: String)
    case storeBusy
    case storeIO(detail: String)
    case keyFileOutdated
    case keysInUse
    /// Another rotation or retirement holds the key file's lock.
    case keysBusy
    /// An output path that exists (a file, a symlink) and `force` was not given, or a folder.
    case outputExists(path: String)
    case outputIsDirectory(path: String)
    /// An output path inside the store, or a key file: never written, even with `force`.
    case outputProtected(path: String)
    /// A file the user asked for (a report, an export, a bundle) could not be written.
    case fileWrite(path: String, reason: String)
    /// A signed store setting (an agency key, a trusted origin, the active policy) was changed outside Haven.
    case settingTampered(setting: String)
    /// A case's clear columns or sealed-field list no longer match its integrity tag.
    case caseTampered(caseID: String)
    /// Revoking the last active administrator would leave a store nobody can manage.
    case lastAdministrator
    /// An agency already has a key; replacing it must be asked for.
    case agencyKeyExists(agency: String)
    case auditBroken(sequence: Int64, reason: AuditProblem)
    case policyTestsFailed(count: Int)
    case agencyUnknown(id: String)
    case agencyHasNoKey(agency: String)
    case wrongAgencyKey(expected: String, found: String)
    case referralNotFound(id: String)
    case referralNotAllowed(id: String, status: ReferralStatus, action: AuditAction)
    case consentMissing(referral: String, consent: ConsentKind)
    case packetUnreadable(referral: String)
    case bundleRejected(reason: BundleProblem)
    /// `haven store migrate` refused or stopped (nothing of the source is changed).
    case migrationRefused(reason: MigrationProblem)
    case teamRequired
    case teamNotFound(id: String)
    case mediationNotFound(id: String)
    /// Mediation refused for the case, with every reason.
    case mediationRefused(caseID: String, reasons: [PolicyReason])
    /// The team does not meet the composition rules.
    case teamNotQualified(team: String, reasons: [PolicyReason])
    case mediationNotAllowed(id: String, status: MediationStatus, action: AuditAction)
    case mediationAlreadyOpen(caseID: String, mediation: String)
    /// A store URL of an engine this build does not have (PostgreSQL).
    case storeEngineUnavailable(scheme: String)
    /// No draft with this id among the user's own (or it expired).
    case draftNotFound(id: String)
    /// A draft that cannot be opened (edited outside Haven, or its key retired).
    case draftUnreadable(id: String)
    /// The annual report's own attack pinned or narrowed protected counts: it is not issued.
    case disclosureAuditFailed(count: Int)
    /// A server address refused before any request: plain HTTP beyond this machine, or no host.
    case serverAddressRefused(url: String)
    /// A command that runs only beside the store (it reads the key file or the store's files)
    /// given a server's address.
    case localOnly
    /// `haven serve` could not listen on the address (in use, not allowed, not this machine's).
    case listenFailed(address: String)
    /// No answer from the server (refused, timed out, TLS failed).
    case serverUnreachable(url: String)
    /// A server's error answer that is not one of Haven's own errors (a proxy's, say).
    case serverRefused(status: Int, message: String)
    case `internal`(detail: String)

    /// The message in `language`, saying what went wrong and what to do next.
    /// The same error with the request fields it names as a face names them (the CLI: flags).
    public func renamingFields(_ rename: (String) -> String?) -> HavenError {
        switch self {
        case .invalidInput(let core): .invalidInput(core.renamingPath(rename))
        case .keyFileCorrupt(let path): .keyFileCorrupt(path: rename(path) ?? path)
        default: self
        }
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .noStore(let path): Catalogue.text(.errorNoStore, language, ["path": path])
        case .storeExists(let path): Catalogue.text(.errorStoreExists, language, ["path": path])
        case .keyFileMissing(let path): Catalogue.text(.errorKeyFileMissing, language, ["path": path])
        case .keyFileExists(let path): Catalogue.text(.errorKeyFileExists, language, ["path": path])
        case .keyFileCorrupt(let path): Catalogue.text(.errorKeyFileCorrupt, language, ["path": path])
        case .wrongKeyFile: Catalogue.text(.errorWrongKeyFile, language)
        case .wrongPassphrase: Catalogue.text(.errorWrongPassphrase, language)
        case .passphraseRequired: Catalogue.text(.errorPassphraseRequired, language)
        case .notSignedIn: Catalogue.text(.errorNotSignedIn, language)
        case .invalidToken: Catalogue.text(.errorInvalidToken, language)
        case let .forbidden(role, action):
            Catalogue.text(.errorForbidden, language, ["role": role.label(language), "action": action.label(language)])
        case .caseNotFound(let id): Catalogue.text(.errorCaseNotFound, language, ["id": id])
        case .userNotFound(let id): Catalogue.text(.errorUserNotFound, language, ["id": id])
        case let .tampered(caseID, field): Catalogue.text(.errorTampered, language, ["id": caseID, "field": field])
        case .caseClosed(let id): Catalogue.text(.errorCaseClosed, language, ["id": id])
        case .caseChangedMeanwhile(let id): Catalogue.text(.errorCaseChangedMeanwhile, language, ["id": id])
        case .policyChangedMeanwhile: Catalogue.text(.errorPolicyChangedMeanwhile, language)
        case .backupByEngine: Catalogue.text(.errorBackupByEngine, language)
        case .storeMoved(let target): Catalogue.text(.errorStoreMoved, language, ["target": target])
        case .storeMoveUnfinished: Catalogue.text(.errorStoreMoveUnfinished, language)
        case .storeBeingMoved(let target): Catalogue.text(.errorStoreBeingMoved, language, ["target": target])
        case .invalidInput(let error): error.message(language)
        case .importRejected(let lines):
            (lines.map { Catalogue.text(.importLineError, language, ["line": "\($0.line)", "message": $0.error.message(language)]) }
                + [Catalogue.text(.errorImportRejected, language, ["count": "\(lines.count)"])]).joined(separator: "\n")
        case .noCommunes: Catalogue.text(.errorNoCommunes, language)
        case .agencyRequired: Catalogue.text(.errorAgencyRequired, language)
        case .partnerRequired: Catalogue.text(.errorPartnerRequired, language)
        case .fileUnreadable(let path): Catalogue.text(.errorFileRead, language, ["path": path])
        case .storeBusy: Catalogue.text(.errorStoreBusy, language)
        case .storeIO(let detail): Catalogue.text(.errorStoreIO, language, ["detail": detail])
        case .keyFileOutdated: Catalogue.text(.errorKeyFileOutdated, language)
        case .keysInUse: Catalogue.text(.errorKeysInUse, language)
        case .keysBusy: Catalogue.text(.errorKeysBusy, language)
        case .outputExists(let path): Catalogue.text(.errorOutputExists, language, ["path": path])
        case .outputIsDirectory(let path): Catalogue.text(.errorOutputIsDirectory, language, ["path": path])
        case .outputProtected(let path): Catalogue.text(.errorOutputProtected, language, ["path": path])
        case let .fileWrite(path, reason): Catalogue.text(.errorFileWrite, language, ["path": path, "reason": reason])
        case .settingTampered(let setting): Catalogue.text(.errorSettingTampered, language, ["setting": setting])
        case .caseTampered(let id): Catalogue.text(.errorCaseTampered, language, ["id": id])
        case .lastAdministrator: Catalogue.text(.errorLastAdministrator, language)
        case .agencyKeyExists(let agency): Catalogue.text(.errorAgencyKeyExists, language, ["agency": agency])
        case let .auditBroken(sequence, reason): Catalogue.text(.errorAuditBroken, language, ["seq": "\(sequence)", "reason": reason.message(language)])
        case .internal(let detail): Catalogue.text(.errorInternal, language, ["detail": detail])
        case .policyTestsFailed(let count): Catalogue.text(.errorPolicyTestsFailed, language, ["count": "\(count)"])
        case .draftNotFound(let id): Catalogue.text(.errorDraftNotFound, language, ["id": id])
        case .draftUnreadable(let id): Catalogue.text(.errorDraftUnreadable, language, ["id": id])
        case .disclosureAuditFailed(let count): Catalogue.text(.errorDisclosureAuditFailed, language, ["count": "\(count)"])
        case .agencyUnknown(let id): Catalogue.text(.errorAgencyUnknown, language, ["id": id])
        case .agencyHasNoKey(let agency): Catalogue.text(.errorAgencyHasNoKey, language, ["agency": agency])
        case let .wrongAgencyKey(expected, found):
            Catalogue.text(.errorWrongAgencyKey, language, ["expected": expected, "found": found])
        case .referralNotFound(let id): Catalogue.text(.errorReferralNotFound, language, ["id": id])
        case let .referralNotAllowed(id, status, action):
            Catalogue.text(.errorReferralNotAllowed, language, ["id": id, "status": status.label(language), "action": action.label(language)])
        case let .consentMissing(referral, consent):
            Catalogue.text(.errorConsentMissing, language, ["id": referral, "consent": consent.label(language)])
        case .packetUnreadable(let id): Catalogue.text(.errorPacketUnreadable, language, ["id": id])
        case .bundleRejected(let reason): Catalogue.text(.errorBundleRejected, language, ["reason": reason.message(language)])
        case .migrationRefused(let reason): reason.message(language)
        case .teamRequired: Catalogue.text(.errorTeamRequired, language)
        case .teamNotFound(let id): Catalogue.text(.errorTeamNotFound, language, ["id": id])
        case .mediationNotFound(let id): Catalogue.text(.errorMediationNotFound, language, ["id": id])
        case let .mediationRefused(caseID, reasons):
            ([Catalogue.text(.errorMediationRefused, language, ["id": caseID])] + reasons.map { "  - \($0.message.text(language)) [\($0.rule)]" })
                .joined(separator: "\n")
        case let .teamNotQualified(team, reasons):
            ([Catalogue.text(.errorTeamNotQualified, language, ["id": team])] + reasons.map { "  - \($0.message.text(language)) [\($0.rule)]" })
                .joined(separator: "\n")
        case let .mediationNotAllowed(id, status, action):
            Catalogue.text(.errorMediationNotAllowed, language, ["id": id, "status": status.label(language), "action": action.label(language)])
        case let .mediationAlreadyOpen(caseID, mediation):
            Catalogue.text(.errorMediationAlreadyOpen, language, ["id": caseID, "mediation": mediation])
        case .storeEngineUnavailable(let scheme): Catalogue.text(.errorEngineUnavailable, language, ["scheme": scheme])
        case .serverAddressRefused(let url): Catalogue.text(.errorServerAddressRefused, language, ["url": url])
        case .localOnly: Catalogue.text(.errorLocalOnly, language)
        case .listenFailed(let address): Catalogue.text(.errorListenFailed, language, ["address": address])
        case .serverUnreachable(let url): Catalogue.text(.errorServerUnreachable, language, ["url": url])
        case let .serverRefused(status, message): Catalogue.text(.errorServerRefused, language, ["status": "\(status)", "message": message])
        }
    }

    /// Converts errors of the lower layers; a `HavenError` passes unchanged.
    public static func from(_ error: any Error) -> HavenError {
        switch error {
        case let error as HavenError: return error
        case let error as CoreError: return .invalidInput(error)
        case let error as StoreError:
            switch error {
            case .notFound(let path): return .noStore(path: path)
            case .alreadyExists(let path): return .storeExists(path: path)
            case .busy: return .storeBusy
            case .io(let detail): return .storeIO(detail: detail)
            case .corrupt(let detail): return .storeIO(detail: "corrupt data (\(detail))")
            case .duplicate(let what): return .internal(detail: "duplicate key in \(what)")
            }
        case let error as HavenCryptoError:
            switch error {
            case .wrongPassphrase: return .wrongPassphrase
            case .passphraseRequired: return .passphraseRequired
            case .malformedKeyFile: return .keyFileCorrupt(path: "")
            case .authenticationFailed(let context): return .tampered(caseID: "", field: context)
            case .unknownKeyVersion(let v): return .internal(detail: "unknown master key version \(v)")
            case .badSignature(let context): return .auditBroken(sequence: 0, reason: .badSignature(context: context))
            }
        default:
            return .internal(detail: String(describing: type(of: error)))
        }
    }
}

/// One rejected input line.
public struct LineError: Equatable, Sendable {
    public let line: Int
    public let error: HavenError
    public init(line: Int, error: HavenError) { self.line = line; self.error = error }
}

// Errors travel between `haven serve` and a remote CLI as themselves (in the error answer's
// `haven` member), so a remote command prints and exits exactly as a local one.
extension HavenError: Codable {}
extension LineError: Codable {}
