import Foundation

// The catalogue of every user-facing string, in Vietnamese and English.
// Check Vietnamese wording with a Vietnamese reader before release (GLOSSARY.md).
// A test fails when a key lacks either language or their {placeholders} differ.

/// Keys of the message catalogue.
public enum MessageKey: String, CaseIterable, Sendable {
    case problemNotATime
    case problemNotADate
    case problemLongerThan
    case problemPhoneFormat
    case problemNoActs
    case problemLapAnswers
    case problemBirthYearMismatch
    case problemAfterReportDate
    case problemAfterIncident
    case problemAfterReportYear
    case problemInTheFuture
    case problemBefore
    case problemNameLength
    case problemNoteLength
    case problemAgreementOnly
    case problemNotTeamMember
    case problemNotForMeasure
    case problemDimensionTwice
    case problemNotTheStoreMethod
    case problemNotPublishedUnderSuppression
    case problemAlsoInBy
    case problemNotPositive
    case problemNoCases
    case problemConsentFlags, problemSearchCriterion, problemSearchName, problemSearchPhone, problemSearchYear
    case problemEmptyInput
    case problemNoTerminal
    case auditEntryMissing
    case auditNotFollowing
    case auditContentChanged
    case auditEntriesDeleted
    case auditCheckpointMismatch
    case auditCheckpointDeleted
    case auditHeadMissing
    case auditHeadInvalid
    case auditHeadElsewhere
    case auditBadSignature
    case bundleNotABundle
    case bundleWrongAgency
    case bundleOriginKeyInvalid
    case bundleOriginKeyChanged
    case bundleBadSignature
    case bundleNotSealedHere
    case errorEngineUnavailable
    case statsTotal
    case statsPopulationTotal
    case statsMedianHoursToAck
    case statsOverdue
    case usageOneOf
    case usageDate
    case usageRange
    case usagePositive
    case usageExactlyOne
    case usagePeriod
    case usageNeeds
    case usageWhere
    case headerMediation
    case headerTeam
    case headerGroup
    case headerOpened
    case headerAgreements
    case headerAgreementRate
    case headerRecurred6
    case headerRecurred12
    case headerMedianDaysFirstSession
    case headerRefusedByReason
    case keysRotated
    case keysRetired
    case keysNothingToRetire
    case errorKeyFileOutdated
    case errorKeysInUse
    case problemControlCharacters, auditRolledBack, auditAnchorMismatch, auditAnchorUnreadable, auditRecordWithoutAudit
    case errorFileWrite, errorSettingTampered, auditRecordMissing, auditNoAnchor, errorCaseTampered, auditCaseTampered
    case errorOutputProtected, problemAtLeast, problemYearRange, usageYear, usageNoiseRemoved
    case errorKeysBusy, errorOutputExists, errorOutputIsDirectory, errorLastAdministrator, errorAgencyKeyExists
    case mediationStartDue
    case mediationMediators
    case mediationConflicted
    case followUpDue
    case followUpDone
    case followUpRecurred
    case followUpNoRecurrence
    case routePolicy
    case routeRaised
    case routeNoLongerReferred
    case reportCasesByTypeSex
    case reportCasesByTypeSexAge
    case reportCasesByAgeSex
    case reportCasesByDistrictSex
    case reportCasesByCommuneSex
    case reportCasesBySourceSex
    case reportCasesByDelay
    case reportCasesByRepeat
    case reportSurvivorsByTypeSex
    case reportSurvivorsByAgeSex
    case reportSurvivorsByDistrictSex
    case reportReferralsByAgencyStatus
    case reportReferralTimes
    case reportLegalAidByStatus
    case reportMediationsByOutcome
    case reportTitle
    case reportPreviousTotal
    case reportMedianHoursToAck
    case reportShareOverdue
    case reportMediationsOpened
    case reportAgreementsReached
    case reportAgreementRate
    case reportRecurred6
    case reportRecurred12
    case reportMedianDaysToFirstSession
    case reportRefused
    case reportCasesReported
    case reportGrassrootsMediation
    case reportGenerated
    case reportMethods, reportMethodsAttack, reportMethodsTable, reportMethodsHiddenCells, reportMethodsHiddenPeople, reportMethodsMove
    case reportMethodsPerturbedMove, reportMethodsPromisePerturb, reportMethodsPromiseSuppress, reportMethodsNarrowest, reportMethodsMeanAll, reportMethodsHarness
    case statsSuppressedNote
    case statsPerturbedNote
    case chartHiddenLeftOut
    case exportKAnonymous
    case statsHiddenShare
    case statsCoarsened
    case statsCoarsenOffer
    case errorTeamRequired
    case errorTeamNotFound
    case errorMediationNotFound
    case errorMediationRefused
    case errorTeamNotQualified
    case errorMediationNotAllowed
    case errorMediationAlreadyOpen
    case mediationEligibleYes
    case mediationEligibleNo
    case mediationOpened
    case mediationRecorded
    case teamAdded
    case mediatorAdded
    case noFollowUpsDue
    case suppressedCell
    case headerPending
    case explainMediationAllowed, explainMediationRefused, packetBasisConsent, packetBasisMandatory, packetProsecution
    case headerHeldOverdue, headerHeldSince, heldPastDeadline, noHeldReferrals
    case eventReferralSent
    case eventReferralHeld
    case eventReferralAcknowledged
    case eventReferralAccepted
    case eventReferralDeclined
    case eventReferralClosed
    case eventConsentChanged
    case errorPolicyTestsFailed, errorDisclosureAuditFailed
    case errorAgencyUnknown
    case errorAgencyHasNoKey
    case errorWrongAgencyKey
    case errorReferralNotFound
    case errorReferralNotAllowed
    case errorConsentMissing
    case errorPacketUnreadable
    case errorBundleRejected
    case referralsHeader
    case headerAgency, headerCase, headerAttention, headerIncident
    case noOfficerReferrals, attentionHeld, attentionHeldPastDeadline, attentionDeclined, attentionOverdue
    case headerPriority
    case headerDue
    case headerRules
    case headerOverdue
    case mandatoryLabel
    case noReferrals
    case referralUpdated
    case referralReleased
    case consentRecorded, consentReleased, askFind, noCasesFound, askNote
    case importSkipped, bundleOriginNotTrusted, bundleSignatureInvalid, bundleFingerprintMismatch, originIdentity, originTrusted
    case agencyKeyWritten, agencyKeyFingerprint, agencyKeyReplacedFrom, agencyKeyReplacedNotice
    case bundleExported
    case bundleImported
    case policyValid
    case policyTestsPassed
    case policyActivated
    case routeUnchanged
    case warningHeld
    case eventRouted
    case didYouMean
    case knownValues
    case errorJSONSyntax
    case errorMissingField
    case errorWrongType
    case errorUnknownField
    case errorUnknownValue
    case errorInvalidValue
    case errorUnknownCommune
    case errorNoStore
    case errorStoreExists
    case errorKeyFileMissing
    case errorKeyFileExists
    case errorKeyFileCorrupt
    case errorWrongKeyFile
    case errorWrongPassphrase
    case errorPassphraseRequired
    case errorNotSignedIn
    case errorInvalidToken
    case errorForbidden
    case errorCaseNotFound
    case errorUserNotFound
    case errorTampered
    /// What to do about an error, in the CLI's words (the faces word their own; see CLI.hint(for:)).
    case hintNotSignedIn, hintCaseNotFound, hintUserNotFound, hintTampered, hintCaseChangedMeanwhile, hintNoCommunes, hintPartnerRequired, hintAgencyRequired, hintImportRejected, hintPolicyTestsFailed, hintAgencyUnknown, hintAgencyHasNoKey, hintReferralNotFound, hintConsentMissing, hintTeamRequired, hintTeamNotFound, hintLastAdministrator, hintAgencyKeyExists, hintKeysInUse, hintDraftNotFound
    case errorCaseClosed, errorCaseChangedMeanwhile, errorPolicyChangedMeanwhile, errorBackupByEngine
    case paperConfidential, paperCaseTitle, paperPrinted, paperConsentTitle, paperConsentIntro, paperConsentRecorded, paperAgree, paperDisagree, paperSignSurvivor, paperSignGuardian, paperSignOfficer, paperSignDate, paperSlipTitle, paperSlipTo, paperSlipFrom, paperSlipDue, paperSlipBasis, paperSlipGrounds, paperSlipReceived, paperSlipDelivered, paperSlipOnly, paperCaseFacts, paperLegalBasis, paperWritten, explainPolicy, explainReceives
    case eventEdited, eventMediationOpened, eventMediationSession, eventMediationFollowUp, eventMediationEnded
    case timelineReleased, timelineRepeat, timelinePolicy, timelineRecurred, askToken, usageEditVersion, editTellAgencies
    case askCarerConsent, askReporterName, askReporterPhone, askReporterRelationship
    case dangerQ1, dangerQ2, dangerQ3, dangerQ4, problemScreenForRelationship, paperRiskScreenLAP, paperRiskScreenDanger
    case editQuitConfirm, editReviewTitle, editStopped, editDiscarded, editSaved, editNothing, editMediationStopped, editIntro
    case errorStoreBusy
    case errorStoreIO
    case errorFileRead
    case errorInternal
    case errorAuditBroken
    case errorNoCommunes
    case errorAgencyRequired
    case errorPartnerRequired
    case errorImportRejected
    case warningNoPassphrase
    case warningRepeatSurvivor
    case promptPassphrase
    case promptPassphraseRepeat
    case passphraseMismatch
    case initDone
    case loginDone
    case userAdded
    case userRevoked
    case caseCreated
    case noteAdded
    case caseClosedDone
    case importSummary
    case importLineError
    case auditIntact
    case noCases
    case headerID
    case headerCommune
    case headerType
    case headerStatus
    case headerReported
    case headerSex
    case headerAgeGroup
    case headerName
    case headerRole
    case headerRevoked, headerMonth, headerCreated
    case headerTime
    case headerActor
    case headerAction
    case headerTarget
    case headerOutcome
    case sectionSurvivor
    case sectionPerpetrator
    case sectionIncident
    case sectionConsent
    case sectionTimeline
    case fieldName
    case fieldBirthDate
    case fieldBirthYear
    case fieldPhone
    case fieldAddress
    case fieldIDNumber
    case fieldNarrative
    case fieldActs
    case fieldContext
    case fieldRisk
    case fieldInjury
    case fieldSource
    case fieldRelationship
    case fieldEthnicity
    case fieldIncidentDate
    case fieldDelay
    case fieldFlags
    case fieldNote
    case yes
    case no
    case flagDisability
    case flagPregnant
    case flagChildUnder36Months
    case flagOlderPerson
    case consentReferral
    case consentPolice
    case consentMediation
    case consentStatistics
    case wishLegalAid
    case wishShelter
    case wishMedical
    case askIntro
    case clockInvalid, clockIgnored, clockFixed, intakeDraftNotSaved, logoutDone, logoutNothing
    case answerRequired, answerNotADate, answerDateAfterToday, answerDateBeforeBirth, answerNotABirth, answerNotAYear, answerNotAPhone, answerNotYesNo, answerNotInList, answerNotInListSuggest, answerAmbiguous, answerCommuneNotYours, answerTooLong, intakeEcho, intakeUnknown, intakeSkipped, intakeYes, intakeNo, intakeCommuneFixed, intakeNarrativeHint, intakeRiskNotPartner, intakeReviewTitle, intakeReviewPrompt, intakeReviewBad, intakeNotSaved, intakeQuitConfirm, intakeDraftKept, intakeDraftResumed, intakeDiscardConfirm, intakeDiscarded, askIdNumber, draftsNone, draftsLine, errorDraftNotFound, errorDraftUnreadable
    case askChoose
    case askChooseMany
    case askYesNo
    case askInvalid
    case askRequired
    case askCancelled
    case askCommune
    case askSource
    case askSurvivorName
    case askSurvivorSex
    case askSurvivorBirth
    case askPhone
    case askAddress
    case askEthnicity
    case askDisability
    case askPregnant
    case askChildUnder36Months
    case askPerpetratorName
    case askPerpetratorSex
    case askPerpetratorBirthYear
    case askRelationship
    case askIncidentDate
    case askActs
    case askInjury
    case askChildrenPresent
    case askNarrative
    case askRiskIntro
    case askConsentReferral
    case askConsentPolice
    case askConsentMediation
    case askConsentStatistics
    case askWishLegalAid
    case askWishShelter
    case askWishMedical
    case askYesNoUnknown, askCannotDefend, askFinancialHardship, askSeparated, askWishProsecution
    case askContactChannel, askContactTimes, askContactSafePerson, askCarerName, askCarerPhone, askCarerRelationship
    case lapQ1
    case lapQ2
    case lapQ3
    case lapQ4
    case lapQ5
    case lapQ6
    case lapQ7
    case lapQ8
    case lapQ9
    case lapQ10
    case lapQ11
    case eventCreated
    case eventNoteAdded
    case eventStatusChanged
}

/// Looks up catalogue text and fills `{name}` placeholders.
public enum Catalogue {
    /// Message text in `language` with `arguments` substituted.
    public static func text(_ key: MessageKey, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        fill(entries[key.rawValue]?[language] ?? key.rawValue, arguments)
    }

    /// Text for a catalogue key given as a string (coded-value labels).
    public static func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        fill(entries[key]?[language] ?? key, arguments)
    }

    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty else { return template }
        var result = template
        for (name, value) in arguments { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    /// Every entry: message keys and `<namespace>.<code>` labels.
    public static let entries: [String: [Language: String]] = [
        "didYouMean": [.en: "Did you mean: {options}?", .vi: "Có phải ý bạn là: {options}?"],
        "knownValues": [.en: "Known values: {options}.", .vi: "Các giá trị hợp lệ: {options}."],
        "errorJSONSyntax": [.en: "The JSON is not valid at line {line}, column {column}: {reason}. Correct it and try again.", .vi: "JSON không hợp lệ tại dòng {line}, cột {column}: {reason}. Hãy sửa và thử lại."],
        "errorMissingField": [.en: "The field {path} is required.", .vi: "Trường {path} là bắt buộc."],
        "errorWrongType": [.en: "The field {path} must be {expected}.", .vi: "Trường {path} phải là {expected}."],
        "errorUnknownField": [.en: "The field {path} is not part of the intake format.", .vi: "Trường {path} không có trong mẫu tiếp nhận."],
        "errorUnknownValue": [.en: "{path}: '{value}' is not a known {kind}.", .vi: "{path}: '{value}' không phải là {kind} hợp lệ."],
        "errorInvalidValue": [.en: "{path}: {reason}.", .vi: "{path}: {reason}."],
        "errorUnknownCommune": [.en: "'{value}' is not a commune of An Giang (see Policies/an-giang/regions.yaml).", .vi: "'{value}' không phải là xã/phường của An Giang (xem Policies/an-giang/regions.yaml)."],
        "errorNoStore": [.en: "No store at {path}. Run 'haven init' to create one.", .vi: "Không có kho dữ liệu tại {path}. Hãy chạy 'haven init' để tạo."],
        "errorStoreExists": [.en: "A store already exists at {path}; nothing was changed. Choose another --store.", .vi: "Đã có kho dữ liệu tại {path}; không thay đổi gì. Hãy chọn --store khác."],
        "errorKeyFileMissing": [.en: "No key file at {path}. Pass --key-file (or set HAVEN_KEY_FILE) with the key file that 'haven init' made for this store.", .vi: "Không có tệp khóa tại {path}. Hãy dùng --key-file (hoặc HAVEN_KEY_FILE) với tệp khóa mà 'haven init' đã tạo cho kho này."],
        "errorKeyFileExists": [.en: "A key file already exists at {path}; nothing was changed. Choose another --key-file.", .vi: "Đã có tệp khóa tại {path}; không thay đổi gì. Hãy chọn --key-file khác."],
        "errorKeyFileCorrupt": [.en: "The key file at {path} is damaged or not a Haven key file. Restore it from your backup.", .vi: "Tệp khóa tại {path} bị hỏng hoặc không phải tệp khóa Haven. Hãy khôi phục từ bản sao lưu."],
        "errorWrongKeyFile": [.en: "The key file does not belong to this store. Use the key file that 'haven init' made for it.", .vi: "Tệp khóa không thuộc kho dữ liệu này. Hãy dùng tệp khóa mà 'haven init' đã tạo cho kho."],
        "errorWrongPassphrase": [.en: "The passphrase does not open the key file. Try again, or check HAVEN_PASSPHRASE.", .vi: "Mật khẩu không mở được tệp khóa. Hãy thử lại hoặc kiểm tra HAVEN_PASSPHRASE."],
        "errorPassphraseRequired": [.en: "The key file is protected by a passphrase. Run on a terminal to be asked for it, or set HAVEN_PASSPHRASE.", .vi: "Tệp khóa được bảo vệ bằng mật khẩu. Hãy chạy trên cửa sổ dòng lệnh để nhập, hoặc đặt HAVEN_PASSPHRASE."],
        "errorNotSignedIn": [.en: "No token for this store.", .vi: "Chưa có mã truy cập cho kho này."],
        "hintNotSignedIn": [.en: "Set HAVEN_TOKEN or run 'haven login'.", .vi: "Hãy đặt HAVEN_TOKEN hoặc chạy 'haven login'."],
        "errorInvalidToken": [.en: "The token is not valid or has been revoked. Ask an administrator for a new one.", .vi: "Mã truy cập không hợp lệ hoặc đã bị thu hồi. Hãy đề nghị quản trị viên cấp mã mới."],
        "errorForbidden": [.en: "Your role ({role}) may not {action}. The attempt was recorded in the audit log.", .vi: "Vai trò của bạn ({role}) không được phép {action}. Lần thử này đã được ghi vào nhật ký."],
        "errorCaseNotFound": [.en: "No case {id}.", .vi: "Không có vụ việc {id}."],
        "hintCaseNotFound": [.en: "Check the id with 'haven case list'.", .vi: "Hãy kiểm tra mã bằng 'haven case list'."],
        "errorUserNotFound": [.en: "No user {id}.", .vi: "Không có người dùng {id}."],
        "hintUserNotFound": [.en: "See 'haven user list'.", .vi: "Xem 'haven user list'."],
        "errorTampered": [.en: "The encrypted field {field} of case {id} failed its integrity check: it was changed or moved. Nothing was shown.", .vi: "Trường mã hóa {field} của vụ việc {id} không qua được kiểm tra toàn vẹn: dữ liệu đã bị sửa hoặc chuyển chỗ. Không hiển thị gì."],
        "hintTampered": [.en: "Run 'haven audit verify' and restore from backup.", .vi: "Hãy chạy 'haven audit verify' và khôi phục từ bản sao lưu."],
        "errorCaseChangedMeanwhile": [.en: "Case {id} was changed by someone else while you corrected it; nothing was saved.", .vi: "Vụ việc {id} đã được người khác thay đổi trong lúc bạn sửa; chưa lưu gì."],
        "hintCaseChangedMeanwhile": [.en: "Run 'haven case edit {id}' again.", .vi: "Hãy chạy lại 'haven case edit {id}'."],
        "errorCaseClosed": [.en: "Case {id} is closed; nothing was changed.", .vi: "Vụ việc {id} đã đóng; không thay đổi gì."],
        "errorStoreBusy": [.en: "The store stayed locked by another process. Try again in a moment.", .vi: "Kho dữ liệu đang bị tiến trình khác khóa. Hãy thử lại sau giây lát."],
        "errorStoreIO": [.en: "The store could not be read or written: {detail}. Check the disk and the file permissions.", .vi: "Không đọc/ghi được kho dữ liệu: {detail}. Hãy kiểm tra ổ đĩa và quyền truy cập tệp."],
        "errorFileRead": [.en: "Cannot read {path}. Check that the file exists and can be read.", .vi: "Không đọc được {path}. Hãy kiểm tra tệp có tồn tại và có quyền đọc."],
        "errorInternal": [.en: "Internal error: {detail}. Nothing was changed. Please report it.", .vi: "Lỗi nội bộ: {detail}. Không có thay đổi nào. Hãy báo lại lỗi này."],
        "errorAuditBroken": [.en: "The audit chain is broken at entry {seq}: {reason}.", .vi: "Chuỗi nhật ký bị phá vỡ tại mục {seq}: {reason}."],
        "errorNoCommunes": [.en: "A field officer needs at least one commune.", .vi: "Cán bộ cơ sở cần ít nhất một xã, phường."],
        "hintNoCommunes": [.en: "Give it with --commune.", .vi: "Hãy ghi bằng --commune."],
        "errorPartnerRequired": [.en: "A data-sharing partner needs the partner organisation's name (letters, digits and -, e.g. unfpa).", .vi: "Đối tác chia sẻ dữ liệu cần tên tổ chức đối tác (chữ, số và -, ví dụ unfpa)."],
        "hintPartnerRequired": [.en: "Give it with --agency.", .vi: "Hãy ghi bằng --agency."],
        "errorAgencyRequired": [.en: "A caseworker needs an agency.", .vi: "Cán bộ tiếp nhận, xử lý cần có cơ quan."],
        "hintAgencyRequired": [.en: "Give it with --agency.", .vi: "Hãy ghi bằng --agency."],
        "errorImportRejected": [.en: "{count} lines were rejected; nothing was imported (all or nothing).", .vi: "{count} dòng bị từ chối; không nhập dòng nào (tất cả hoặc không gì cả)."],
        "hintImportRejected": [.en: "Without --atomic the good lines are kept.", .vi: "Không có --atomic thì các dòng đúng được giữ."],
        "warningNoPassphrase": [.en: "Warning: the key file is not protected by a passphrase. Anyone who can read it can read every case. Keep it on an encrypted disk.", .vi: "Cảnh báo: tệp khóa không được bảo vệ bằng mật khẩu. Ai đọc được tệp này sẽ đọc được mọi vụ việc. Hãy lưu trên ổ đĩa được mã hóa."],
        "warningRepeatSurvivor": [.en: "{count} earlier case(s) match this survivor.", .vi: "{count} vụ việc trước đây trùng người bị bạo lực này."],
        "promptPassphrase": [.en: "Passphrase for the key file: ", .vi: "Mật khẩu tệp khóa: "],
        "promptPassphraseRepeat": [.en: "Repeat the passphrase: ", .vi: "Nhập lại mật khẩu: "],
        "passphraseMismatch": [.en: "The passphrases do not match.", .vi: "Hai mật khẩu không khớp."],
        "initDone": [.en: "Store created at {store}.\nKey file: {keyFile} (keep a backup apart from the store).\nAdministrator token, shown once; keep it safe:\n  {token}", .vi: "Đã tạo kho dữ liệu tại {store}.\nTệp khóa: {keyFile} (hãy sao lưu riêng khỏi kho).\nMã truy cập quản trị, chỉ hiện một lần; hãy giữ cẩn thận:\n  {token}"],
        "loginDone": [.en: "Signed in as {name} ({role}).", .vi: "Đã đăng nhập: {name} ({role})."],
        "userAdded": [.en: "User {id} ({name}, {role}) created. Token, shown once:\n  {token}", .vi: "Đã tạo người dùng {id} ({name}, {role}). Mã truy cập, chỉ hiện một lần:\n  {token}"],
        "userRevoked": [.en: "User {id} revoked; their token no longer works.", .vi: "Đã thu hồi người dùng {id}; mã truy cập không còn hiệu lực."],
        "caseCreated": [.en: "Case {id} created ({type}).", .vi: "Đã tạo vụ việc {id} ({type})."],
        "noteAdded": [.en: "Note added to case {id} (encrypted).", .vi: "Đã thêm ghi chú vào vụ việc {id} (được mã hóa)."],
        "caseClosedDone": [.en: "Case {id} closed: {outcome}.", .vi: "Đã đóng vụ việc {id}: {outcome}."],
        "importSummary": [.en: "Cases imported: {imported}; lines rejected: {rejected}.", .vi: "Đã nhập {imported} vụ việc, từ chối {rejected} dòng."],
        "importLineError": [.en: "line {line}: {message}", .vi: "dòng {line}: {message}"],
        "auditIntact": [.en: "Audit chain intact: {count} entries, {checkpoints} signed checkpoints.", .vi: "Chuỗi nhật ký toàn vẹn: {count} mục, {checkpoints} điểm kiểm tra đã ký."],
        "noCases": [.en: "No cases.", .vi: "Không có vụ việc nào."],
        "headerID": [.en: "ID", .vi: "Mã"],
        "headerCommune": [.en: "Commune", .vi: "Xã/phường"],
        "headerType": [.en: "Type", .vi: "Loại"],
        "headerStatus": [.en: "Status", .vi: "Trạng thái"],
        "headerReported": [.en: "Reported", .vi: "Ngày tiếp nhận"],
        "headerSex": [.en: "Sex", .vi: "Giới tính"],
        "headerAgeGroup": [.en: "Age group", .vi: "Nhóm tuổi"],
        "headerName": [.en: "Name", .vi: "Họ tên"],
        "headerRole": [.en: "Role", .vi: "Vai trò"],
        "headerRevoked": [.en: "Revoked", .vi: "Đã thu hồi"],
        "headerTime": [.en: "Time", .vi: "Thời gian"],
        "headerActor": [.en: "Actor", .vi: "Người thực hiện"],
        "headerAction": [.en: "Action", .vi: "Thao tác"],
        "headerTarget": [.en: "Target", .vi: "Đối tượng"],
        "headerOutcome": [.en: "Outcome", .vi: "Kết quả"],
        "sectionSurvivor": [.en: "Survivor", .vi: "Người bị bạo lực"],
        "sectionPerpetrator": [.en: "Perpetrator", .vi: "Người có hành vi bạo lực"],
        "sectionIncident": [.en: "Incident", .vi: "Vụ bạo lực"],
        "sectionConsent": [.en: "Consent", .vi: "Sự đồng ý"],
        "sectionTimeline": [.en: "Timeline", .vi: "Diễn biến"],
        "fieldName": [.en: "Name", .vi: "Họ tên"],
        "fieldBirthDate": [.en: "Birth date", .vi: "Ngày sinh"],
        "fieldBirthYear": [.en: "Birth year", .vi: "Năm sinh"],
        "fieldPhone": [.en: "Phone", .vi: "Điện thoại"],
        "fieldAddress": [.en: "Address", .vi: "Địa chỉ"],
        "fieldIDNumber": [.en: "Identity number", .vi: "Số định danh"],
        "fieldNarrative": [.en: "Narrative", .vi: "Tường thuật"],
        "fieldActs": [.en: "Acts", .vi: "Hành vi"],
        "fieldContext": [.en: "Context", .vi: "Bối cảnh"],
        "fieldRisk": [.en: "Risk", .vi: "Nguy cơ"],
        "fieldInjury": [.en: "Injury", .vi: "Thương tích"],
        "fieldSource": [.en: "Source", .vi: "Nguồn tiếp nhận"],
        "fieldRelationship": [.en: "Relationship", .vi: "Quan hệ"],
        "fieldEthnicity": [.en: "Ethnicity", .vi: "Dân tộc"],
        "fieldIncidentDate": [.en: "Incident date", .vi: "Ngày xảy ra"],
        "fieldDelay": [.en: "Reporting delay", .vi: "Thời gian đến khi trình báo"],
        "fieldFlags": [.en: "Priority groups", .vi: "Nhóm ưu tiên"],
        "fieldNote": [.en: "Note", .vi: "Ghi chú"],
        "yes": [.en: "yes", .vi: "có"],
        "no": [.en: "no", .vi: "không"],
        "flagDisability": [.en: "disability", .vi: "người khuyết tật"],
        "flagPregnant": [.en: "pregnant", .vi: "đang mang thai"],
        "flagChildUnder36Months": [.en: "caring for a child under 36 months", .vi: "nuôi con dưới 36 tháng tuổi"],
        "flagOlderPerson": [.en: "older person", .vi: "người cao tuổi"],
        "consentReferral": [.en: "referral to services", .vi: "chuyển gửi đến dịch vụ"],
        "consentPolice": [.en: "referral to the police", .vi: "chuyển gửi đến công an"],
        "consentMediation": [.en: "grassroots mediation", .vi: "hòa giải ở cơ sở"],
        "consentStatistics": [.en: "anonymised statistics", .vi: "thống kê ẩn danh"],
        "wishLegalAid": [.en: "wants legal aid", .vi: "muốn được trợ giúp pháp lý"],
        "wishShelter": [.en: "wants temporary shelter", .vi: "muốn có nơi tạm lánh"],
        "wishMedical": [.en: "wants medical care", .vi: "muốn được chăm sóc y tế"],
        "askIntro": [.en: "New case. Answer each question; press Enter to skip an optional one. Every answer is checked as you type it and kept in an encrypted draft; a review screen comes before saving. Ctrl-C stops (the draft is kept).", .vi: "Vụ việc mới. Hãy trả lời từng câu; nhấn Enter để bỏ qua câu không bắt buộc. Mỗi câu trả lời được kiểm tra ngay khi gõ và được giữ trong bản nháp đã mã hóa; trước khi lưu có màn hình xem lại. Ctrl-C để dừng (bản nháp vẫn được giữ)."],
        "askChoose": [.en: "Choose by number or name", .vi: "Chọn theo số thứ tự hoặc gõ tên"],
        "askChooseMany": [.en: "Choose one or more by number or name, separated by commas", .vi: "Chọn một hoặc nhiều, theo số thứ tự hoặc tên, cách nhau bởi dấu phẩy"],
        "askYesNo": [.en: "yes or no", .vi: "có hoặc không"],
        "askYesNoUnknown": [.en: "yes, no, or Enter if unknown", .vi: "có, không, hoặc Enter nếu không rõ"],
        "askCannotDefend": [.en: "Is the survivor unable to defend themself (ill, frail, dependent)?", .vi: "Người bị bạo lực có ở tình trạng không có khả năng tự vệ (ốm đau, yếu, lệ thuộc) không?"],
        "askFinancialHardship": [.en: "Is the survivor in financial hardship (for free legal aid)?", .vi: "Người bị bạo lực có khó khăn về tài chính không (để được trợ giúp pháp lý miễn phí)?"],
        "askSeparated": [.en: "Have they separated, or are they separating?", .vi: "Hai người đã hoặc đang ly thân, chia tay không?"],
        "askWishProsecution": [.en: "Does the survivor ask for the perpetrator to be prosecuted?", .vi: "Người bị bạo lực có yêu cầu khởi tố người gây bạo lực không?"],
        "askContactChannel": [.en: "How may the survivor be contacted safely? (Enter to skip)", .vi: "Liên hệ với người bị bạo lực thế nào thì an toàn? (Enter để bỏ qua)"],
        "askContactTimes": [.en: "When is it safe to contact them (optional)", .vi: "Liên hệ vào lúc nào thì an toàn (không bắt buộc)"],
        "askContactSafePerson": [.en: "A safe person to contact through, with their phone (optional)", .vi: "Người tin cậy có thể liên hệ qua, kèm số điện thoại (không bắt buộc)"],
        "askCarerName": [.en: "A non-offending carer of the child: name (optional)", .vi: "Người chăm sóc trẻ không gây bạo lực: họ tên (không bắt buộc)"],
        "askCarerPhone": [.en: "The carer's phone (optional)", .vi: "Số điện thoại người chăm sóc (không bắt buộc)"],
        "askCarerRelationship": [.en: "The carer's relationship to the child (optional)", .vi: "Quan hệ của người chăm sóc với trẻ (không bắt buộc)"],
        "askInvalid": [.en: "Not accepted: {reason}.", .vi: "Chưa được: {reason}."],
        "askRequired": [.en: "an answer is required", .vi: "câu này bắt buộc"],
        "askCancelled": [.en: "Cancelled; nothing was saved.", .vi: "Đã hủy; không lưu gì."],
        "askCommune": [.en: "Commune (name)", .vi: "Xã/phường (tên)"],
        "askSource": [.en: "Reported by", .vi: "Nguồn tiếp nhận"],
        "askSurvivorName": [.en: "Survivor's full name", .vi: "Họ tên người bị bạo lực"],
        "askSurvivorSex": [.en: "Survivor's sex", .vi: "Giới tính người bị bạo lực"],
        "askSurvivorBirth": [.en: "Survivor's birth date, birth year or age (Enter if unknown)", .vi: "Ngày sinh, năm sinh hoặc tuổi của người bị bạo lực (Enter nếu không rõ)"],
        "askPhone": [.en: "Phone (optional)", .vi: "Điện thoại (không bắt buộc)"],
        "askAddress": [.en: "Address (optional)", .vi: "Địa chỉ (không bắt buộc)"],
        "askEthnicity": [.en: "Ethnicity", .vi: "Dân tộc"],
        "askDisability": [.en: "Does the survivor have a disability?", .vi: "Người bị bạo lực có khuyết tật không?"],
        "askPregnant": [.en: "Is the survivor pregnant?", .vi: "Người bị bạo lực có đang mang thai không?"],
        "askChildUnder36Months": [.en: "Is the survivor caring for a child under 36 months?", .vi: "Người bị bạo lực có đang nuôi con dưới 36 tháng tuổi không?"],
        "askPerpetratorName": [.en: "Perpetrator's name (optional)", .vi: "Họ tên người có hành vi bạo lực (không bắt buộc)"],
        "askPerpetratorSex": [.en: "Perpetrator's sex", .vi: "Giới tính người có hành vi bạo lực"],
        "askPerpetratorBirthYear": [.en: "Perpetrator's birth year or age (optional)", .vi: "Năm sinh hoặc tuổi của người có hành vi bạo lực (không bắt buộc)"],
        "askRelationship": [.en: "Perpetrator's relationship to the survivor", .vi: "Quan hệ của người có hành vi bạo lực với người bị bạo lực"],
        "askIncidentDate": [.en: "Incident date (day/month/year, 'yesterday', or 'unknown')", .vi: "Ngày xảy ra (ngày/tháng/năm, «hôm qua», hoặc «không rõ»)"],
        "askActs": [.en: "What happened", .vi: "Hành vi đã xảy ra"],
        "askInjury": [.en: "Injury", .vi: "Mức độ thương tích"],
        "askChildrenPresent": [.en: "Were children present?", .vi: "Có trẻ em chứng kiến không?"],
        "askNarrative": [.en: "What happened, in the survivor's words (optional)", .vi: "Diễn biến theo lời người bị bạo lực (không bắt buộc)"],
        "askRiskIntro": [.en: "Risk screening (Lethality Assessment): answer each question.", .vi: "Sàng lọc nguy cơ (đánh giá nguy cơ gây chết người): trả lời từng câu."],
        "askConsentReferral": [.en: "Does the survivor consent to referral to services?", .vi: "Người bị bạo lực có đồng ý chuyển gửi đến dịch vụ không?"],
        "askConsentPolice": [.en: "Does the survivor consent to referral to the police?", .vi: "Người bị bạo lực có đồng ý chuyển gửi đến công an không?"],
        "askConsentMediation": [.en: "Does the survivor consent to grassroots mediation?", .vi: "Người bị bạo lực có đồng ý hòa giải ở cơ sở không?"],
        "askConsentStatistics": [.en: "Does the survivor consent to anonymised statistics?", .vi: "Người bị bạo lực có đồng ý đưa vào thống kê ẩn danh không?"],
        "askWishLegalAid": [.en: "Does the survivor want legal aid?", .vi: "Người bị bạo lực có muốn được trợ giúp pháp lý không?"],
        "askWishShelter": [.en: "Does the survivor want temporary shelter?", .vi: "Người bị bạo lực có muốn có nơi tạm lánh không?"],
        "askWishMedical": [.en: "Does the survivor want medical care?", .vi: "Người bị bạo lực có muốn được chăm sóc y tế không?"],
        "lapQ1": [.en: "Has the perpetrator ever used a weapon against the survivor or threatened them with one?", .vi: "Người có hành vi bạo lực đã từng dùng hung khí hoặc đe dọa dùng hung khí với người bị bạo lực chưa?"],
        "lapQ2": [.en: "Has the perpetrator threatened to kill the survivor or the children?", .vi: "Người có hành vi bạo lực có đe dọa giết người bị bạo lực hoặc con cái không?"],
        "lapQ3": [.en: "Does the survivor think the perpetrator might try to kill them?", .vi: "Người bị bạo lực có nghĩ người đó có thể tìm cách giết mình không?"],
        "lapQ4": [.en: "Does the perpetrator have a gun, or can they get one easily?", .vi: "Người có hành vi bạo lực có súng hoặc dễ dàng có được súng không?"],
        "lapQ5": [.en: "Has the perpetrator ever tried to choke or strangle the survivor?", .vi: "Người có hành vi bạo lực đã từng bóp cổ người bị bạo lực chưa?"],
        "lapQ6": [.en: "Is the perpetrator violently or constantly jealous, or do they control most of the survivor's daily activities?", .vi: "Người có hành vi bạo lực có ghen tuông dữ dội, thường xuyên hoặc kiểm soát hầu hết sinh hoạt hằng ngày của người bị bạo lực không?"],
        "lapQ7": [.en: "Has the survivor left or separated from the perpetrator after living together or being married?", .vi: "Người bị bạo lực đã rời bỏ hoặc ly thân sau khi chung sống hoặc kết hôn với người đó chưa?"],
        "lapQ8": [.en: "Is the perpetrator unemployed?", .vi: "Người có hành vi bạo lực có đang thất nghiệp không?"],
        "lapQ9": [.en: "Has the perpetrator ever tried to kill themselves?", .vi: "Người có hành vi bạo lực đã từng tìm cách tự sát chưa?"],
        "lapQ10": [.en: "Does the survivor have a child that the perpetrator knows is not theirs?", .vi: "Người bị bạo lực có con mà người đó biết không phải con mình không?"],
        "lapQ11": [.en: "Does the perpetrator follow or spy on the survivor, or leave threatening messages?", .vi: "Người có hành vi bạo lực có theo dõi, rình rập hoặc để lại tin nhắn đe dọa người bị bạo lực không?"],
        "eventCreated": [.en: "case created", .vi: "tạo vụ việc"],
        "eventNoteAdded": [.en: "note added", .vi: "thêm ghi chú"],
        "eventStatusChanged": [.en: "status changed", .vi: "thay đổi trạng thái"],
        "sex.female": [.en: "female", .vi: "nữ"],
        "sex.male": [.en: "male", .vi: "nam"],
        "sex.unknown": [.en: "unknown", .vi: "không rõ"],
        "ageGroup.0-11": [.en: "0–11", .vi: "0–11 tuổi"],
        "ageGroup.12-17": [.en: "12–17", .vi: "12–17 tuổi"],
        "ageGroup.18-25": [.en: "18–25", .vi: "18–25 tuổi"],
        "ageGroup.26-40": [.en: "26–40", .vi: "26–40 tuổi"],
        "ageGroup.41-60": [.en: "41–60", .vi: "41–60 tuổi"],
        "ageGroup.61+": [.en: "61 and over", .vi: "từ 61 tuổi"],
        "ageGroup.unknown": [.en: "unknown", .vi: "không rõ"],
        "delay.0-3d": [.en: "0–3 days", .vi: "0–3 ngày"],
        "delay.4-5d": [.en: "4–5 days", .vi: "4–5 ngày"],
        "delay.6-14d": [.en: "6–14 days", .vi: "6–14 ngày"],
        "delay.2w-1m": [.en: "2 weeks–1 month", .vi: "2 tuần–1 tháng"],
        "delay.over-1m": [.en: "over 1 month", .vi: "trên 1 tháng"],
        "delay.unknown": [.en: "unknown", .vi: "không rõ"],
        "act.rape": [.en: "rape", .vi: "giao cấu trái ý muốn"],
        "act.attempted_rape": [.en: "attempted rape", .vi: "giao cấu trái ý muốn chưa đạt"],
        "act.sexual_touching": [.en: "sexual touching", .vi: "đụng chạm, sờ mó tình dục"],
        "act.forced_sexual_act": [.en: "forced sexual act", .vi: "ép buộc thực hiện hành vi tình dục"],
        "act.beating": [.en: "beating", .vi: "đánh đập, hành hạ"],
        "act.strangulation": [.en: "strangulation", .vi: "bóp cổ"],
        "act.weapon": [.en: "use of a weapon", .vi: "dùng hung khí"],
        "act.burning": [.en: "burning", .vi: "gây bỏng"],
        "act.confinement": [.en: "confinement", .vi: "giam giữ, nhốt"],
        "act.forced_marriage": [.en: "forced marriage", .vi: "cưỡng ép kết hôn"],
        "act.child_marriage": [.en: "child marriage", .vi: "tảo hôn"],
        "act.withholding_money": [.en: "withholding money or property", .vi: "chiếm giữ, kiểm soát tiền bạc, tài sản"],
        "act.preventing_work": [.en: "preventing work", .vi: "ngăn cản làm việc"],
        "act.denial_of_services": [.en: "denial of services (health, education)", .vi: "ngăn cản tiếp cận dịch vụ (y tế, giáo dục)"],
        "act.insults": [.en: "insults", .vi: "lăng mạ, xúc phạm danh dự, nhân phẩm"],
        "act.threats": [.en: "threats", .vi: "đe dọa"],
        "act.threats_to_kill": [.en: "threats to kill", .vi: "đe dọa giết"],
        "act.isolation": [.en: "isolation", .vi: "cô lập, cách ly, không cho giao tiếp"],
        "act.stalking": [.en: "stalking", .vi: "theo dõi, quấy rối"],
        "act.forced_to_witness": [.en: "forced to witness violence", .vi: "buộc chứng kiến bạo lực"],
        "act.trafficking": [.en: "trafficking", .vi: "mua bán người"],
        "gbvType.rape": [.en: "rape", .vi: "hiếp dâm"],
        "gbvType.sexual_assault": [.en: "sexual assault", .vi: "tấn công tình dục (không giao cấu)"],
        "gbvType.physical_assault": [.en: "physical assault", .vi: "bạo lực thể chất"],
        "gbvType.forced_marriage": [.en: "forced marriage", .vi: "cưỡng ép kết hôn, tảo hôn"],
        "gbvType.denial_of_resources": [.en: "denial of resources, opportunities or services", .vi: "từ chối, tước đoạt nguồn lực, cơ hội, dịch vụ"],
        "gbvType.psychological_abuse": [.en: "psychological / emotional abuse", .vi: "bạo lực tinh thần"],
        "gbvType.non_gbv": [.en: "non-GBV", .vi: "không phải bạo lực trên cơ sở giới"],
        "context.intimate_partner_violence": [.en: "intimate-partner violence", .vi: "bạo lực do bạn đời, người yêu"],
        "context.domestic_violence": [.en: "domestic violence", .vi: "bạo lực gia đình"],
        "context.child_sexual_abuse": [.en: "child sexual abuse", .vi: "xâm hại tình dục trẻ em"],
        "context.early_marriage": [.en: "early marriage", .vi: "tảo hôn"],
        "context.trafficking": [.en: "trafficking", .vi: "mua bán người"],
        "relationship.spouse": [.en: "spouse", .vi: "vợ/chồng"],
        "relationship.former_spouse": [.en: "former spouse", .vi: "vợ/chồng cũ"],
        "relationship.cohabiting": [.en: "living together as a couple (not married)", .vi: "chung sống như vợ chồng"],
        "relationship.intimate_partner": [.en: "partner (living arrangement not recorded)", .vi: "bạn đời (chưa rõ có chung sống)"],
        "relationship.former_partner": [.en: "former partner who lived with the survivor", .vi: "người từng chung sống như vợ chồng"],
        "relationship.dating": [.en: "boyfriend or girlfriend (never lived together)", .vi: "người yêu (không chung sống)"],
        "relationship.grandchild": [.en: "grandchild", .vi: "cháu (nội, ngoại)"],
        "relationship.parent": [.en: "parent", .vi: "cha/mẹ"],
        "relationship.child": [.en: "child", .vi: "con"],
        "relationship.sibling": [.en: "sibling", .vi: "anh/chị/em ruột"],
        "relationship.in_law": [.en: "in-law", .vi: "người thân bên vợ/chồng"],
        "relationship.other_family": [.en: "other family member", .vi: "thành viên gia đình khác"],
        "relationship.acquaintance": [.en: "acquaintance", .vi: "người quen"],
        "relationship.employer": [.en: "employer", .vi: "người sử dụng lao động"],
        "relationship.stranger": [.en: "stranger", .vi: "người lạ"],
        "relationship.unknown": [.en: "unknown", .vi: "không rõ"],
        "source.commune-committee": [.en: "commune People's Committee", .vi: "UBND xã"],
        "source.commune-police": [.en: "commune police", .vi: "Công an xã"],
        "source.school": [.en: "school", .vi: "nhà trường"],
        "source.village-head": [.en: "village head", .vi: "trưởng ấp, khóm"],
        "source.front": [.en: "Fatherland Front", .vi: "Mặt trận Tổ quốc"],
        "source.womens-union": [.en: "Women's Union", .vi: "Hội Phụ nữ"],
        "source.hotline": [.en: "hotline", .vi: "đường dây nóng"],
        "source.health": [.en: "health facility", .vi: "cơ sở y tế"],
        "source.self": [.en: "self-report", .vi: "tự trình báo"],
        "source.other": [.en: "other", .vi: "khác"],
        "injury.none": [.en: "none", .vi: "không có"],
        "injury.minor": [.en: "minor", .vi: "nhẹ"],
        "injury.serious": [.en: "serious", .vi: "nghiêm trọng"],
        "injury.unknown": [.en: "unknown", .vi: "không rõ"],
        "ethnicity.kinh": [.en: "Kinh", .vi: "Kinh"],
        "ethnicity.khmer": [.en: "Khmer", .vi: "Khmer"],
        "ethnicity.hoa": [.en: "Hoa", .vi: "Hoa"],
        "ethnicity.cham": [.en: "Cham", .vi: "Chăm"],
        "ethnicity.other": [.en: "other", .vi: "dân tộc khác"],
        "ethnicity.unknown": [.en: "unknown", .vi: "không rõ"],
        "risk.high": [.en: "high", .vi: "nguy cơ cao"],
        "risk.standard": [.en: "not high", .vi: "không cao"],
        "risk.unknown": [.en: "not screened", .vi: "chưa sàng lọc"],
        "status.open": [.en: "open", .vi: "đang xử lý"],
        "status.closed": [.en: "closed", .vi: "đã đóng"],
        "outcome.services_provided": [.en: "services provided", .vi: "đã hỗ trợ dịch vụ"],
        "outcome.referred_elsewhere": [.en: "referred elsewhere", .vi: "đã chuyển nơi khác"],
        "outcome.survivor_declined": [.en: "survivor declined further help", .vi: "người bị bạo lực từ chối hỗ trợ thêm"],
        "outcome.lost_contact": [.en: "lost contact", .vi: "mất liên lạc"],
        "outcome.relocated": [.en: "survivor relocated", .vi: "người bị bạo lực đã chuyển đi"],
        "outcome.other": [.en: "other", .vi: "khác"],
        "role.field-officer": [.en: "field officer", .vi: "cán bộ cơ sở"],
        "role.caseworker": [.en: "agency caseworker", .vi: "cán bộ tiếp nhận, xử lý"],
        "role.mediator": [.en: "mediator", .vi: "hòa giải viên"],
        "role.supervisor": [.en: "supervisor", .vi: "cán bộ giám sát"],
        "role.admin": [.en: "administrator", .vi: "quản trị viên"],
        "role.data-partner": [.en: "data-sharing partner", .vi: "đối tác chia sẻ dữ liệu"],
        "communeKind.xa": [.en: "commune", .vi: "xã"],
        "communeKind.phuong": [.en: "ward", .vi: "phường"],
        "communeKind.dac-khu": [.en: "special zone", .vi: "đặc khu"],
        "action.store.init": [.en: "create a store", .vi: "tạo kho dữ liệu"],
        "action.login": [.en: "sign in", .vi: "đăng nhập"],
        "action.user.add": [.en: "add users", .vi: "thêm người dùng"],
        "action.user.list": [.en: "list users", .vi: "xem danh sách người dùng"],
        "action.user.revoke": [.en: "revoke users", .vi: "thu hồi người dùng"],
        "action.case.create": [.en: "log cases in this commune", .vi: "tiếp nhận vụ việc tại xã/phường này"],
        "action.case.list": [.en: "list cases", .vi: "xem danh sách vụ việc"],
        "action.case.show": [.en: "read this case's details", .vi: "xem chi tiết vụ việc này"],
        "action.case.note": [.en: "add notes to this case", .vi: "thêm ghi chú vào vụ việc này"],
        "action.case.close": [.en: "close this case", .vi: "đóng vụ việc này"],
        "action.audit.verify": [.en: "verify the audit log", .vi: "kiểm tra nhật ký"],
        "action.audit.log": [.en: "read the audit log", .vi: "xem nhật ký"],
        "errorDisclosureAuditFailed": [.en: "The report was not made: its own attack recovered or narrowed {count} protected counts. Nothing was published; tell the administrator (disclosure.yaml may need a larger perturbation).", .vi: "Không lập báo cáo: cuộc tấn công kiểm tra của chính báo cáo đã suy ra hoặc thu hẹp {count} số được bảo vệ. Không có gì được công bố; hãy báo quản trị viên (có thể cần tăng mức làm nhiễu trong disclosure.yaml)."],
        "errorPolicyTestsFailed": [.en: "{count} policy tests failed; nothing was changed.", .vi: "{count} phép thử chính sách không đạt; không thay đổi gì."],
        "hintPolicyTestsFailed": [.en: "Run 'haven policy test DIR' to see them.", .vi: "Chạy 'haven policy test DIR' để xem."],
        "errorAgencyUnknown": [.en: "No agency '{id}' in the active policy.", .vi: "Không có cơ quan '{id}' trong chính sách hiện hành."],
        "hintAgencyUnknown": [.en: "See 'haven agency list'.", .vi: "Xem 'haven agency list'."],
        "errorAgencyHasNoKey": [.en: "The agency '{agency}' has no key yet.", .vi: "Cơ quan '{agency}' chưa có khóa."],
        "hintAgencyHasNoKey": [.en: "An administrator runs 'haven agency keygen {agency} --out FILE'.", .vi: "Quản trị viên chạy 'haven agency keygen {agency} --out TỆP'."],
        "errorWrongAgencyKey": [.en: "This key file belongs to '{found}', not to '{expected}'.", .vi: "Tệp khóa này thuộc về '{found}', không phải '{expected}'."],
        "errorReferralNotFound": [.en: "No referral {id} that you may see.", .vi: "Không có chuyển gửi {id} mà bạn được xem."],
        "hintReferralNotFound": [.en: "Check the id with 'haven referral list'.", .vi: "Kiểm tra mã bằng 'haven referral list'."],
        "errorReferralNotAllowed": [.en: "Referral {id} is {status}: you cannot {action} it now; nothing was changed.", .vi: "Chuyển gửi {id} đang ở trạng thái {status}: không thể {action} lúc này; không thay đổi gì."],
        "errorConsentMissing": [.en: "Referral {id} needs the survivor's consent ({consent}) first.", .vi: "Chuyển gửi {id} cần sự đồng ý của người bị bạo lực ({consent}) trước."],
        "hintConsentMissing": [.en: "Record it with 'haven case consent'.", .vi: "Ghi nhận bằng 'haven case consent'."],
        "errorPacketUnreadable": [.en: "The packet of referral {id} does not open with this key: it was changed, or the key belongs to another agency.", .vi: "Gói tin của chuyển gửi {id} không mở được bằng khóa này: đã bị sửa hoặc khóa thuộc cơ quan khác."],
        "errorBundleRejected": [.en: "The bundle was refused and nothing was imported: {reason}.", .vi: "Gói chuyển gửi bị từ chối, không nhập gì: {reason}."],
        "referralsHeader": [.en: "Referrals", .vi: "Chuyển gửi"],
        "headerAgency": [.en: "Agency", .vi: "Cơ quan"],
        "headerCase": [.en: "Case", .vi: "Vụ việc"],
        "headerAttention": [.en: "To do", .vi: "Cần làm"],
        "headerIncident": [.en: "Incident", .vi: "Ngày xảy ra"],
        "noOfficerReferrals": [.en: "No referrals of your cases.", .vi: "Không có chuyển gửi nào của vụ việc bạn phụ trách."],
        "attentionHeld": [.en: "waiting for consent", .vi: "chờ sự đồng ý"],
        "attentionHeldPastDeadline": [.en: "ask for consent again", .vi: "hỏi lại sự đồng ý"],
        "attentionDeclined": [.en: "declined ({reason}): refer elsewhere or close", .vi: "bị từ chối ({reason}): chuyển nơi khác hoặc đóng"],
        "attentionOverdue": [.en: "not acknowledged in time: call the agency", .vi: "chưa xác nhận đúng hạn: gọi cơ quan"],
        "headerPriority": [.en: "Priority", .vi: "Mức ưu tiên"],
        "headerDue": [.en: "Due", .vi: "Hạn"],
        "headerRules": [.en: "Rules", .vi: "Quy tắc"],
        "headerOverdue": [.en: "Overdue", .vi: "Quá hạn"],
        "mandatoryLabel": [.en: "mandatory", .vi: "bắt buộc"],
        "noReferrals": [.en: "No referrals.", .vi: "Không có chuyển gửi nào."],
        "referralUpdated": [.en: "Referral {id}: {status}.", .vi: "Chuyển gửi {id}: {status}."],
        "referralReleased": [.en: "Referral {id} sent to {agency}.", .vi: "Đã gửi chuyển gửi {id} đến {agency}."],
        "consentRecorded": [.en: "Consent recorded for case {id}.", .vi: "Đã ghi nhận sự đồng ý cho vụ việc {id}."],
        "askFind": [.en: "Survivor's name, phone or year of birth", .vi: "Họ tên, số điện thoại hoặc năm sinh của người bị bạo lực"],
        "noCasesFound": [.en: "No case of your communes matches.", .vi: "Không có vụ việc nào ở xã của bạn khớp."],
        "askNote": [.en: "Type the note; an empty line ends it.", .vi: "Nhập ghi chú; một dòng trống để kết thúc."],
        "consentReleased": [.en: "referral {id} sent to {agency} now that consent is given; to be acknowledged by {due}",
                            .vi: "đã gửi chuyển gửi {id} đến {agency} vì đã có sự đồng ý; hạn xác nhận {due}"],
        "bundleOriginNotTrusted": [.en: "the bundle comes from store {origin}, which this store does not trust yet (its key's fingerprint: {fingerprint}). Call the sender, compare the fingerprint, and have an administrator run `haven agency trust-origin`", .vi: "gói đến từ kho {origin}, kho này chưa tin cậy (dấu vân tay khóa: {fingerprint}). Hãy gọi cho nơi gửi, đối chiếu dấu vân tay, rồi nhờ quản trị viên chạy `haven agency trust-origin`"],
        "bundleSignatureInvalid": [.en: "the bundle's own signature does not match its content (an entry removed, added or changed, or another origin, agency, count or time)", .vi: "chữ ký của gói không khớp nội dung (có mục bị xóa, thêm, sửa, hoặc nơi gửi, cơ quan, số lượng, thời gian khác)"],
        "bundleFingerprintMismatch": [.en: "the fingerprint does not match the key; check both with the sender", .vi: "dấu vân tay không khớp với khóa; hãy kiểm tra lại cả hai với nơi gửi"],
        "originIdentity": [.en: "This store as an origin of bundles: id {id}\nkey {key}\nfingerprint {fingerprint}\nGive the key to the receiving office; read the fingerprint to its administrator by phone.", .vi: "Kho này là nơi gửi gói: mã {id}\nkhóa {key}\ndấu vân tay {fingerprint}\nGửi khóa cho văn phòng nhận; đọc dấu vân tay cho quản trị viên bên đó qua điện thoại."],
        "originTrusted": [.en: "Bundles from store {id} are now trusted (key {fingerprint}).", .vi: "Đã tin cậy các gói từ kho {id} (khóa {fingerprint})."],
        "importSkipped": [.en: "{count} lines were already imported and were skipped (line → case): {lines}", .vi: "{count} dòng đã được nhập trước đó nên được bỏ qua (dòng → vụ việc): {lines}"],
        "agencyKeyFingerprint": [.en: "Fingerprint of the new key: {fingerprint} (read it to the agency, or compare it, before they use the key).", .vi: "Dấu vân tay của khóa mới: {fingerprint} (đọc cho cơ quan, hoặc đối chiếu, trước khi dùng khóa)."],
        "agencyKeyReplacedFrom": [.en: "It REPLACES the key {old}: referrals sent from now on open only with the new key. This was recorded in the audit log and the agency's inbox shows it.", .vi: "Khóa này THAY THẾ khóa {old}: chuyển gửi từ nay chỉ mở được bằng khóa mới. Việc này đã ghi vào nhật ký kiểm toán và hộp thư của cơ quan sẽ hiển thị."],
        "agencyKeyReplacedNotice": [.en: "Note: your agency's key was replaced at {at} (old {old}, new {new}). If your agency did not ask for this, tell the provincial supervisors now: whoever holds the new key reads your referrals.", .vi: "Lưu ý: khóa của cơ quan bạn đã được thay lúc {at} (cũ {old}, mới {new}). Nếu cơ quan không yêu cầu, hãy báo ngay cho cán bộ giám sát tỉnh: ai giữ khóa mới sẽ đọc được chuyển gửi của bạn."],
        "agencyKeyWritten": [.en: "Private key of '{agency}' written to {path} (keep it at the agency; the store keeps only the public key). {sealed} waiting referrals sealed.", .vi: "Đã ghi khóa riêng của '{agency}' vào {path} (giữ tại cơ quan; kho chỉ giữ khóa công khai). Đã niêm phong {sealed} chuyển gửi đang chờ."],
        "bundleExported": [.en: "{count} referrals for '{agency}' written to {path}.", .vi: "Đã ghi {count} chuyển gửi cho '{agency}' vào {path}."],
        "bundleImported": [.en: "{count} referrals imported for '{agency}' from store {origin}.", .vi: "Đã nhập {count} chuyển gửi cho '{agency}' từ kho {origin}."],
        "policyValid": [.en: "Policy valid: {agencies} agencies, {rules} rules, {communes} communes. Hash {hash}.", .vi: "Chính sách hợp lệ: {agencies} cơ quan, {rules} quy tắc, {communes} xã/phường. Mã băm {hash}."],
        "policyTestsPassed": [.en: "{passed} of {total} policy tests passed.", .vi: "{passed}/{total} phép thử chính sách đạt."],
        "policyActivated": [.en: "Policy {hash} is now active.", .vi: "Chính sách {hash} đã được áp dụng."],
        "routeUnchanged": [.en: "Routing under the active policy changes nothing.", .vi: "Định tuyến theo chính sách hiện hành không thay đổi gì."],
        "warningHeld": [.en: "{count} referral(s) held until the survivor consents.", .vi: "{count} chuyển gửi đang chờ sự đồng ý của người bị bạo lực."],
        "eventRouted": [.en: "routed", .vi: "định tuyến"],
        "action.case.consent": [.en: "record consent for this case", .vi: "ghi nhận sự đồng ý cho vụ việc này"],
        "action.case.route": [.en: "route this case", .vi: "định tuyến vụ việc này"],
        "action.referral.list": [.en: "list this agency's referrals", .vi: "xem danh sách chuyển gửi của cơ quan này"],
        "action.referral.show": [.en: "open this referral", .vi: "mở chuyển gửi này"],
        "action.referral.ack": [.en: "acknowledge this referral", .vi: "xác nhận đã nhận chuyển gửi này"],
        "action.referral.accept": [.en: "accept this referral", .vi: "tiếp nhận chuyển gửi này"],
        "action.referral.decline": [.en: "decline this referral", .vi: "từ chối chuyển gửi này"],
        "action.referral.close": [.en: "close this referral", .vi: "đóng chuyển gửi này"],
        "action.referral.release": [.en: "send this held referral", .vi: "gửi chuyển gửi đang chờ này"],
        "action.policy.explain.case": [.en: "explain a stored case's routing", .vi: "giải thích định tuyến của một vụ việc"],
        "action.user.counts": [.en: "see field-officer accounts per commune", .vi: "xem số tài khoản cán bộ cơ sở theo xã"],
        "action.referral.held": [.en: "list held referrals", .vi: "xem chuyển gửi đang chờ đồng ý"],
        "action.referral.mine": [.en: "follow your cases' referrals", .vi: "theo dõi chuyển gửi của vụ việc mình"],
        "action.referral.overdue": [.en: "see overdue counts", .vi: "xem số chuyển gửi quá hạn"],
        "action.referral.export": [.en: "export this agency's referrals", .vi: "xuất chuyển gửi của cơ quan này"],
        "action.referral.import": [.en: "import referrals for this agency", .vi: "nhập chuyển gửi cho cơ quan này"],
        "action.agency.keygen": [.en: "create agency keys", .vi: "tạo khóa cơ quan"],
        "action.agency.list": [.en: "list agencies", .vi: "xem danh sách cơ quan"],
        "action.policy.activate": [.en: "activate a policy", .vi: "áp dụng chính sách"],
        "action.policy.explain": [.en: "explain routing", .vi: "giải thích định tuyến"],
        "priority.normal": [.en: "normal", .vi: "bình thường"],
        "priority.high": [.en: "high", .vi: "cao"],
        "priority.urgent": [.en: "urgent", .vi: "khẩn cấp"],
        "consentKind.referral": [.en: "referral to services", .vi: "chuyển gửi đến dịch vụ"],
        "consentKind.police": [.en: "referral to the police", .vi: "chuyển gửi đến công an"],
        "flag.disability": [.en: "disability", .vi: "khuyết tật"],
        "flag.pregnant": [.en: "pregnant", .vi: "mang thai"],
        "flag.childUnder36Months": [.en: "child under 36 months", .vi: "nuôi con dưới 36 tháng"],
        "flag.olderPerson": [.en: "older person", .vi: "người cao tuổi"],
        "contactChannel.phone": [.en: "phone call", .vi: "gọi điện thoại"],
        "contactChannel.sms": [.en: "text message", .vi: "tin nhắn"],
        "contactChannel.in_person": [.en: "in person", .vi: "gặp trực tiếp"],
        "contactChannel.safe_person": [.en: "through the safe person", .vi: "qua người tin cậy"],
        "contactChannel.no_contact": [.en: "do not contact; the survivor will come", .vi: "không liên hệ; người bị bạo lực sẽ tự đến"],
        "flag.cannotDefend": [.en: "cannot defend themself (ill, frail, dependent)", .vi: "không có khả năng tự vệ (ốm đau, yếu, lệ thuộc)"],
        "referralStatus.held": [.en: "held (no consent yet)", .vi: "đang chờ đồng ý"],
        "referralStatus.pending": [.en: "sent, awaiting acknowledgement", .vi: "đã gửi, chờ xác nhận"],
        "referralStatus.acknowledged": [.en: "acknowledged", .vi: "đã xác nhận"],
        "referralStatus.accepted": [.en: "accepted", .vi: "đã tiếp nhận"],
        "referralStatus.declined": [.en: "declined", .vi: "đã từ chối"],
        "referralStatus.closed": [.en: "closed", .vi: "đã đóng"],
        "declineReason.not_competent": [.en: "not within our competence", .vi: "không thuộc thẩm quyền"],
        "declineReason.survivor_unreachable": [.en: "survivor unreachable", .vi: "không liên lạc được người bị bạo lực"],
        "declineReason.survivor_declined": [.en: "survivor declined", .vi: "người bị bạo lực từ chối"],
        "declineReason.duplicate": [.en: "duplicate", .vi: "trùng lặp"],
        "declineReason.insufficient_information": [.en: "insufficient information", .vi: "thiếu thông tin"],
        "declineReason.no_capacity": [.en: "no capacity", .vi: "không đủ năng lực tiếp nhận"],
        "declineReason.other": [.en: "other", .vi: "khác"],
        "referralAction.counselling": [.en: "counselling", .vi: "tư vấn"],
        "referralAction.legal_advice": [.en: "legal advice", .vi: "tư vấn pháp luật"],
        "referralAction.legal_representation": [.en: "legal representation", .vi: "đại diện pháp lý"],
        "referralAction.medical_care": [.en: "medical care", .vi: "chăm sóc y tế"],
        "referralAction.forensic_exam": [.en: "forensic examination", .vi: "giám định pháp y"],
        "referralAction.shelter": [.en: "shelter", .vi: "nơi tạm lánh"],
        "referralAction.protection_order": [.en: "protection order", .vi: "biện pháp bảo vệ"],
        "referralAction.no_contact_order": [.en: "no-contact order", .vi: "biện pháp cấm tiếp xúc"],
        "referralAction.investigation": [.en: "investigation", .vi: "điều tra"],
        "referralAction.prosecution": [.en: "prosecution", .vi: "truy tố"],
        "referralAction.financial_support": [.en: "financial support", .vi: "hỗ trợ tài chính"],
        "referralAction.other": [.en: "other", .vi: "khác"],
        "headerPending": [.en: "Pending", .vi: "Đang chờ"],
        "explainMediationAllowed": [.en: "Grassroots mediation: may be opened (with a qualified team)", .vi: "Hòa giải ở cơ sở: có thể mở (với tổ hòa giải đủ điều kiện)"],
        "explainMediationRefused": [.en: "Grassroots mediation: refused", .vi: "Hòa giải ở cơ sở: không được phép"],
        "packetBasisConsent": [.en: "sent with the survivor's consent", .vi: "gửi với sự đồng ý của người bị bạo lực"],
        "packetBasisMandatory": [.en: "sent by a mandatory rule WITHOUT the survivor's consent: only what is needed to act", .vi: "gửi theo quy định bắt buộc, KHÔNG có sự đồng ý của người bị bạo lực: chỉ những gì cần để xử lý"],
        "packetProsecution": [.en: "asks for prosecution (CPC Art. 155)", .vi: "yêu cầu khởi tố (Điều 155 BLTTHS)"],
        "headerHeldOverdue": [.en: "Held, consent not yet asked again", .vi: "Đang giữ, chưa hỏi lại ý kiến đồng ý"],
        "headerMonth": [.en: "Month", .vi: "Tháng"],
        "headerCreated": [.en: "Created", .vi: "Đã tạo"],
        "headerHeldSince": [.en: "Held since", .vi: "Giữ từ"],
        "heldPastDeadline": [.en: "past the agency's deadline: ask the survivor's consent again", .vi: "quá thời hạn của cơ quan: hỏi lại ý kiến đồng ý của người bị bạo lực"],
        "noHeldReferrals": [.en: "No held referrals in your communes.", .vi: "Không có chuyển gửi nào đang chờ đồng ý ở xã của bạn."],
        "eventReferralSent": [.en: "referral sent", .vi: "đã gửi chuyển gửi"],
        "eventReferralHeld": [.en: "referral held (no consent)", .vi: "chuyển gửi chờ đồng ý"],
        "eventReferralAcknowledged": [.en: "referral acknowledged", .vi: "chuyển gửi đã được xác nhận"],
        "eventReferralAccepted": [.en: "referral accepted", .vi: "chuyển gửi đã được tiếp nhận"],
        "eventReferralDeclined": [.en: "referral declined", .vi: "chuyển gửi bị từ chối"],
        "eventReferralClosed": [.en: "referral closed", .vi: "chuyển gửi đã đóng"],
        "eventConsentChanged": [.en: "consent changed", .vi: "thay đổi sự đồng ý"],
        "errorTeamRequired": [.en: "A mediator needs a team.", .vi: "Hòa giải viên cần có tổ hòa giải."],
        "hintTeamRequired": [.en: "Give it with --team (see 'haven mediation team list').", .vi: "Hãy ghi bằng --team (xem 'haven mediation team list')."],
        "errorTeamNotFound": [.en: "No mediation team {id}.", .vi: "Không có tổ hòa giải {id}."],
        "hintTeamNotFound": [.en: "See 'haven mediation team list'.", .vi: "Xem 'haven mediation team list'."],
        "errorMediationNotFound": [.en: "No mediation {id} that you may see.", .vi: "Không có vụ hòa giải {id} mà bạn được xem."],
        "errorMediationRefused": [.en: "Mediation is refused for case {id}; nothing was opened:", .vi: "Không được hòa giải vụ việc {id}; không mở hòa giải:"],
        "errorTeamNotQualified": [.en: "Team {id} may not take this case; nothing was opened:", .vi: "Tổ {id} không được nhận vụ việc này; không mở hòa giải:"],
        "errorMediationNotAllowed": [.en: "Mediation {id} is {status}: you cannot {action} now; nothing was changed.", .vi: "Vụ hòa giải {id} đang ở trạng thái {status}: không thể {action} lúc này; không thay đổi gì."],
        "errorMediationAlreadyOpen": [.en: "Case {id} already has mediation {mediation} under way.", .vi: "Vụ việc {id} đang được hòa giải ({mediation})."],
        "mediationEligibleYes": [.en: "Case {id} may go to grassroots mediation (its referrals stay).", .vi: "Vụ việc {id} có thể hòa giải ở cơ sở (các chuyển gửi vẫn giữ nguyên)."],
        "mediationEligibleNo": [.en: "Case {id} may not go to grassroots mediation:", .vi: "Vụ việc {id} không được hòa giải ở cơ sở:"],
        "mediationOpened": [.en: "Mediation {id} opened with team {team}; first session due by {due}.", .vi: "Đã mở hòa giải {id} với tổ {team}; phiên đầu tiên trước {due}."],
        "mediationRecorded": [.en: "Mediation {id}: {status}.", .vi: "Hòa giải {id}: {status}."],
        "teamAdded": [.en: "Team {id} ({name}) created in {commune}.", .vi: "Đã tạo tổ {id} ({name}) tại {commune}."],
        "mediatorAdded": [.en: "Mediator {id} added to team {team}.", .vi: "Đã thêm hòa giải viên {id} vào tổ {team}."],
        "noFollowUpsDue": [.en: "No follow-ups due.", .vi: "Không có lần theo dõi nào đến hạn."],
        "suppressedCell": [.en: "<{k}", .vi: "<{k}"],
        "action.mediation.eligible": [.en: "check mediation eligibility", .vi: "kiểm tra điều kiện hòa giải"],
        "action.mediation.team.add": [.en: "manage mediation teams", .vi: "quản lý tổ hòa giải"],
        "action.mediation.team.list": [.en: "list mediation teams", .vi: "xem danh sách tổ hòa giải"],
        "action.mediation.open": [.en: "open mediation", .vi: "mở hòa giải"],
        "action.mediation.show": [.en: "read this mediation", .vi: "xem vụ hòa giải này"],
        "action.mediation.session": [.en: "record a mediation session", .vi: "ghi nhận phiên hòa giải"],
        "action.mediation.followup": [.en: "record a follow-up", .vi: "ghi nhận theo dõi sau hòa giải"],
        "action.mediation.due": [.en: "list follow-ups due", .vi: "xem các lần theo dõi đến hạn"],
        "action.mediation.logbook": [.en: "read the mediation logbook", .vi: "xem sổ theo dõi hòa giải"],
        "action.mediation.stats": [.en: "see mediation statistics", .vi: "xem thống kê hòa giải"],
        "escalation.none": [.en: "none", .vi: "không"],
        "escalation.risk": [.en: "risk to life or health", .vi: "nguy cơ đối với tính mạng, sức khỏe"],
        "escalation.crime": [.en: "signs of a crime", .vi: "dấu hiệu tội phạm"],
        "mediationStatus.open": [.en: "open", .vi: "đang hòa giải"],
        "mediationStatus.agreement": [.en: "agreement reached, follow-ups running", .vi: "hòa giải thành, đang theo dõi"],
        "mediationStatus.completed": [.en: "completed without recurrence", .vi: "hoàn thành, không tái diễn"],
        "mediationStatus.failed": [.en: "failed: violence recurred", .vi: "thất bại: bạo lực tái diễn"],
        "mediationStatus.closed": [.en: "ended", .vi: "đã kết thúc"],
        "sessionOutcome.agreement": [.en: "agreement", .vi: "hòa giải thành"],
        "sessionOutcome.no-agreement": [.en: "no agreement", .vi: "hòa giải không thành"],
        "sessionOutcome.adjourned": [.en: "adjourned", .vi: "tạm hoãn"],
        "sessionOutcome.stopped-by-party": [.en: "stopped by a party", .vi: "một bên dừng hòa giải"],
        "mediationEnd.no_agreement": [.en: "no agreement", .vi: "hòa giải không thành"],
        "mediationEnd.stopped_by_party": [.en: "stopped by a party", .vi: "một bên dừng"],
        "mediationEnd.recurrence": [.en: "violence recurred", .vi: "bạo lực tái diễn"],
        "mediationEnd.escalation_risk": [.en: "escalated: risk", .vi: "dừng do nguy cơ"],
        "mediationEnd.escalation_crime": [.en: "escalated: signs of a crime", .vi: "dừng do dấu hiệu tội phạm"],
        "mediationEnd.not_eligible": [.en: "stopped: the corrected case may not be mediated", .vi: "dừng: vụ việc sau khi sửa không được hòa giải"],
        "action.case.edit": [.en: "correct this case", .vi: "sửa vụ việc này"],
        "mediationEnd.completed": [.en: "completed", .vi: "hoàn thành"],
        "statsTotal": [.en: "Total", .vi: "Tổng số"],
        "statsPopulationTotal": [.en: "All, including those without consent to statistics: {total}", .vi: "Tất cả, kể cả các trường hợp không đồng ý cho thống kê: {total}"],
        "statsSuppressedNote": [.en: "x = hidden to protect people: a count from 1 to {kminus}, or another count hidden so that none can be worked out; an x may stand for any number.", .vi: "x = ẩn để bảo vệ người liên quan: số từ 1 đến {kminus}, hoặc số khác được ẩn để không thể suy ra; ô x có thể là bất kỳ số nào."],
        "statsPerturbedNote": [.en: "Counts are perturbed to protect people: each count of {k} or more is moved by at most {max}, a count from 1 to {kminus} shows as 0 or {k}, and a 0 may stand for up to {k}. Totals are perturbed on their own and may differ slightly from the sum of their cells; the same people always give the same figure.", .vi: "Số liệu được làm nhiễu để bảo vệ người liên quan: mỗi số từ {k} trở lên bị thay đổi tối đa {max}, số từ 1 đến {kminus} hiển thị là 0 hoặc {k}, và số 0 có thể là tối đa {k}. Các tổng được làm nhiễu riêng nên có thể chênh lệch nhẹ so với tổng các ô; cùng một nhóm người luôn cho cùng một số."],
        "exportKAnonymous": [.en: "Every combination of quasi-identifiers occurs at least {k} times. Generalised: {generalised}. Rows with quasi-identifiers withheld (*): {withheld}; rows left out: {leftOut}.", .vi: "Mỗi tổ hợp thuộc tính gián tiếp xuất hiện ít nhất {k} lần. Đã khái quát hóa: {generalised}. Số dòng bị ẩn thuộc tính (*): {withheld}; số dòng bị loại: {leftOut}."],
        "chartHiddenLeftOut": [.en: "{count} hidden cells (x) are not drawn.", .vi: "{count} ô bị ẩn (x) không được vẽ."],
        "statsCoarsened": [.en: "Coarsened (--coarsen): {pairs}.", .vi: "Đã gộp nhóm (--coarsen): {pairs}."],
        "statsCoarsenOffer": [.en: "This table loses {share} of its people to disclosure control; coarser categories would show more: {pairs}. Run it again with --coarsen to use them.", .vi: "Bảng này mất {share} số người do kiểm soát công bố; nhóm gộp rộng hơn sẽ hiện được nhiều hơn: {pairs}. Chạy lại với --coarsen để dùng chúng."],
        "statsHiddenShare": [.en: "Hidden cells hold {share} of the people in this table.", .vi: "Các ô bị ẩn chứa {share} số người trong bảng này."],
        "action.stats.query": [.en: "see statistics", .vi: "xem thống kê"],
        "action.report.annual": [.en: "produce the annual report", .vi: "lập báo cáo hằng năm"],
        "action.export": [.en: "export data", .vi: "xuất dữ liệu"],
        "measure.cases": [.en: "cases", .vi: "vụ việc"],
        "measure.referrals": [.en: "referrals", .vi: "chuyển gửi"],
        "measure.mediations": [.en: "mediations", .vi: "hòa giải"],
        "measure.survivors": [.en: "survivors", .vi: "người bị bạo lực"],
        "statsMedianHoursToAck": [.en: "median h to ack", .vi: "trung vị giờ đến khi nhận"],
        "statsOverdue": [.en: "overdue", .vi: "quá hạn"],
        "usageOneOf": [.en: "{option} takes one of: {values}.", .vi: "{option} chỉ nhận một trong: {values}."],
        "usageDate": [.en: "{option} takes a date written YYYY-MM-DD.", .vi: "{option} cần một ngày dạng YYYY-MM-DD."],
        "usageRange": [.en: "{option} takes {min} to {max}.", .vi: "{option} nhận giá trị từ {min} đến {max}."],
        "usagePositive": [.en: "{option} takes a positive number.", .vi: "{option} cần một số dương."],
        "usageExactlyOne": [.en: "Give exactly one of {first} or {second}.", .vi: "Hãy nêu đúng một trong {first} hoặc {second}."],
        "usagePeriod": [.en: "{option} takes a year, a quarter or a month: 2026, 2026-Q3 or 2026-11.", .vi: "{option} nhận một năm, một quý hoặc một tháng: 2026, 2026-Q3 hoặc 2026-11."],
        "usageNeeds": [.en: "{option} needs {other}.", .vi: "{option} cần đi kèm {other}."],
        "usageWhere": [.en: "{option} takes dimension=value, not '{value}'.", .vi: "{option} cần dạng chiều=giá trị, không phải '{value}'."],
        "headerMediation": [.en: "Mediation", .vi: "Hòa giải"],
        "headerTeam": [.en: "Team", .vi: "Tổ hòa giải"],
        "headerGroup": [.en: "group", .vi: "nhóm"],
        "headerOpened": [.en: "opened", .vi: "đã mở"],
        "headerAgreements": [.en: "agreements", .vi: "hòa giải thành"],
        "headerAgreementRate": [.en: "agreement rate", .vi: "tỷ lệ thành"],
        "headerRecurred6": [.en: "recurred ≤6m", .vi: "tái diễn ≤6 tháng"],
        "headerRecurred12": [.en: "recurred ≤12m", .vi: "tái diễn ≤12 tháng"],
        "headerMedianDaysFirstSession": [.en: "median days to 1st session", .vi: "trung vị ngày đến phiên đầu"],
        "headerRefusedByReason": [.en: "refused (by reason)", .vi: "từ chối (theo lý do)"],
        "keysRotated": [.en: "Master key version {version}; {count} data keys re-wrapped. Back up the new key file: {path}", .vi: "Khóa chính phiên bản {version}; đã bọc lại {count} khóa dữ liệu. Hãy sao lưu tệp khóa mới: {path}"],
        "keysRetired": [.en: "Retired master key versions {versions}; the key file now holds only version {version}: {path}. Copies of the old key file still hold them: destroy them, and with them the means to read backups older than the rotation.", .vi: "Đã loại bỏ các phiên bản khóa chính {versions}; tệp khóa nay chỉ còn phiên bản {version}: {path}. Các bản sao cũ của tệp khóa vẫn còn chúng: hãy hủy các bản đó, khi đó các bản sao lưu cũ hơn lần thay khóa sẽ không đọc được nữa."],
        "keysNothingToRetire": [.en: "Nothing to retire: the key file holds only version {version}.", .vi: "Không có gì để loại bỏ: tệp khóa chỉ có phiên bản {version}."],
        "errorBackupByEngine": [.en: "This store's database server keeps its own backups (its dump and base-backup tools); Haven copies only an embedded store.", .vi: "Máy chủ cơ sở dữ liệu của kho này có công cụ sao lưu riêng (bản dump và sao lưu nền); Haven chỉ sao chép kho nhúng."],
        "errorPolicyChangedMeanwhile": [.en: "A routing policy was activated while this command ran; nothing was written. Run the command again.", .vi: "Một chính sách chuyển gửi vừa được kích hoạt trong khi lệnh đang chạy; chưa có gì được ghi. Hãy chạy lại lệnh."],
        "errorKeyFileOutdated": [.en: "The key file this command loaded is older than the store's master key (it was rotated meanwhile). Run the command again; nothing was written.", .vi: "Tệp khóa mà lệnh này đã nạp cũ hơn khóa chính của kho (khóa vừa được thay). Hãy chạy lại lệnh; chưa có gì được ghi."],
        "errorKeysBusy": [.en: "Another key rotation or retirement is running on this key file. Wait for it to finish, then run the command again.", .vi: "Một lần xoay vòng hoặc loại bỏ khóa khác đang chạy trên tệp khóa này. Hãy chờ xong rồi chạy lại lệnh."],
        "errorOutputExists": [.en: "{path} already exists; nothing was written. Choose another file, or add --force to replace it.", .vi: "{path} đã tồn tại; chưa ghi gì. Hãy chọn tệp khác, hoặc thêm --force để ghi đè."],
        "auditRolledBack": [.en: "the log was rolled back: the anchor beside the key file records entry {anchored}, the database ends at {found}", .vi: "nhật ký đã bị quay lui: tệp neo cạnh tệp khóa ghi mục {anchored}, cơ sở dữ liệu chỉ đến mục {found}"],
        "auditAnchorMismatch": [.en: "the entry the anchor beside the key file names was changed", .vi: "mục mà tệp neo cạnh tệp khóa ghi nhận đã bị sửa"],
        "auditAnchorUnreadable": [.en: "the audit anchor beside the key file is damaged", .vi: "tệp neo nhật ký cạnh tệp khóa bị hỏng"],
        "auditRecordWithoutAudit": [.en: "{kind} {id} has no audit entry of its making (inserted outside Haven)", .vi: "{kind} {id} không có mục nhật ký tạo ra nó (được chèn ngoài Haven)"],
        "problemControlCharacters": [.en: "holds a control or text-direction character; type it again as plain text", .vi: "có ký tự điều khiển hoặc ký tự đổi hướng văn bản; hãy nhập lại dạng chữ thường"],
        "problemAtLeast": [.en: "must be at least {min}", .vi: "phải từ {min} trở lên"],
        "problemYearRange": [.en: "must be a year from {from} to {to}", .vi: "phải là năm từ {from} đến {to}"],
        "usageYear": [.en: "{option} must be a year from {from} to {to}.", .vi: "{option} phải là năm từ {from} đến {to}."],
        "usageNoiseRemoved": [.en: "The noise mode (--privacy dp, --epsilon) was removed: its answers could be averaged back to exact counts. Every table is now perturbed by default (cell-key perturbation), the same figure for the same people every time; use --method suppress for exact counts with hidden cells.", .vi: "Chế độ nhiễu (--privacy dp, --epsilon) đã bị gỡ bỏ: có thể lấy trung bình các kết quả để suy ra số chính xác. Mọi bảng nay mặc định được làm nhiễu theo khóa ô, cùng một nhóm người luôn cho cùng một số; dùng --method suppress để có số chính xác với các ô bị ẩn."],
        "auditNoAnchor": [.en: "Warning: no audit anchor beside the key file, so a rollback of the log could not be checked. After a restore this is expected; otherwise find out where it went.", .vi: "Cảnh báo: không có tệp neo nhật ký cạnh tệp khóa nên không kiểm tra được việc quay lui nhật ký. Sau khi khôi phục thì đây là bình thường; nếu không, hãy tìm hiểu vì sao mất."],
        "auditRecordMissing": [.en: "{kind} {id} was created according to the log but is gone from the database (deleted outside Haven)", .vi: "{kind} {id} đã được tạo theo nhật ký nhưng không còn trong cơ sở dữ liệu (bị xóa ngoài Haven)"],
        "errorCaseTampered": [.en: "Case {id} was changed outside Haven (its clear fields no longer match its encrypted record); nothing was shown or sent. Restore it from a backup and check who had access to the database.", .vi: "Vụ việc {id} đã bị sửa ngoài Haven (các trường rõ không còn khớp với hồ sơ mã hóa); chưa hiển thị hay gửi gì. Hãy khôi phục từ bản sao lưu và kiểm tra ai đã truy cập cơ sở dữ liệu."],
        "auditCaseTampered": [.en: "case {id} was changed outside Haven (its integrity tag does not match)", .vi: "vụ việc {id} đã bị sửa ngoài Haven (thẻ toàn vẹn không khớp)"],
        "errorSettingTampered": [.en: "The store's setting '{setting}' was changed outside Haven (its signature does not match); nothing was sent or done. Check who had access to the database and restore it from a backup.", .vi: "Thiết lập '{setting}' của kho đã bị sửa ngoài Haven (chữ ký không khớp); chưa gửi hay làm gì. Hãy kiểm tra ai đã truy cập cơ sở dữ liệu và khôi phục từ bản sao lưu."],
        "errorFileWrite": [.en: "Could not write {path}: {reason}. Check the folder exists, is writable and has space; nothing was changed.", .vi: "Không ghi được {path}: {reason}. Hãy kiểm tra thư mục tồn tại, ghi được và còn chỗ trống; chưa có gì thay đổi."],
        "errorOutputProtected": [.en: "{path} is part of the store or a key file; Haven never writes a report or export there. Choose a file elsewhere.", .vi: "{path} là một phần của kho dữ liệu hoặc tệp khóa; Haven không bao giờ ghi báo cáo hay tệp xuất vào đó. Hãy chọn tệp ở nơi khác."],
        "errorOutputIsDirectory": [.en: "{path} is a folder; give a file name.", .vi: "{path} là một thư mục; hãy cho tên tệp."],
        "errorLastAdministrator": [.en: "This is the last active administrator: revoking it would leave a store nobody can manage. Add another administrator first.", .vi: "Đây là quản trị viên cuối cùng còn hiệu lực: thu hồi sẽ không còn ai quản lý được kho. Hãy thêm một quản trị viên khác trước."],
        "hintLastAdministrator": [.en: "(haven user add --role admin)", .vi: "(haven user add --role admin)"],
        "errorAgencyKeyExists": [.en: "Agency {agency} already has a key; nothing was changed. Replacing it makes every later referral readable only with the new key; it is audited and the agency is told.", .vi: "Cơ quan {agency} đã có khóa; chưa thay đổi gì. Thay khóa thì mọi chuyển gửi sau chỉ đọc được bằng khóa mới; việc này được ghi nhật ký và cơ quan được báo."],
        "hintAgencyKeyExists": [.en: "Add --replace if that is what you mean.", .vi: "Thêm --replace nếu đúng ý bạn."],
        "errorKeysInUse": [.en: "Some cases still use an older master-key version, so it cannot be retired; re-wrap them first.", .vi: "Vẫn còn vụ việc dùng phiên bản khóa chính cũ nên chưa thể loại bỏ; hãy bọc lại trước."],
        "hintKeysInUse": [.en: "Run `haven keys rotate`.", .vi: "Hãy chạy `haven keys rotate`."],
        "mediationStartDue": [.en: "start due {date}", .vi: "hạn bắt đầu {date}"],
        "mediationMediators": [.en: "mediators {names}", .vi: "hòa giải viên {names}"],
        "mediationConflicted": [.en: "conflict of interest: {names}", .vi: "xung đột lợi ích: {names}"],
        "followUpDue": [.en: "follow-up due {date}", .vi: "hạn theo dõi {date}"],
        "followUpDone": [.en: "done {date}", .vi: "đã làm {date}"],
        "followUpRecurred": [.en: "RECURRED", .vi: "TÁI DIỄN"],
        "followUpNoRecurrence": [.en: "no recurrence", .vi: "không tái diễn"],
        "routePolicy": [.en: "policy {hash}", .vi: "chính sách {hash}"],
        "routeRaised": [.en: "{agency} now {priority} ({id})", .vi: "{agency} nay là {priority} ({id})"],
        "routeNoLongerReferred": [.en: "{agency}: no longer referred by this policy; the referral {id} is kept", .vi: "{agency}: chính sách này không còn chuyển gửi đến; chuyển gửi {id} vẫn được giữ"],
        "reportCasesByTypeSex": [.en: "Cases by type of violence and sex of the survivor", .vi: "Vụ việc theo loại bạo lực và giới tính người bị bạo lực"],
        "reportCasesByTypeSexAge": [.en: "Cases by type, sex and age group", .vi: "Vụ việc theo loại, giới tính và nhóm tuổi"],
        "reportCasesByAgeSex": [.en: "Cases by age group and sex", .vi: "Vụ việc theo nhóm tuổi và giới tính"],
        "reportCasesByDistrictSex": [.en: "Cases by former district and sex", .vi: "Vụ việc theo huyện (cũ) và giới tính"],
        "reportCasesByCommuneSex": [.en: "Cases by commune and sex", .vi: "Vụ việc theo xã/phường và giới tính"],
        "reportCasesBySourceSex": [.en: "Cases by reporting source and sex", .vi: "Vụ việc theo nguồn tiếp nhận và giới tính"],
        "reportSurvivorsByTypeSex": [.en: "Survivors (each person once, by their first case of the year) by type of violence and sex", .vi: "Người bị bạo lực (mỗi người một lần, theo vụ việc đầu tiên trong năm) theo loại bạo lực và giới tính"],
        "reportSurvivorsByAgeSex": [.en: "Survivors by age group and sex", .vi: "Người bị bạo lực theo nhóm tuổi và giới tính"],
        "reportSurvivorsByDistrictSex": [.en: "Survivors by former district and sex", .vi: "Người bị bạo lực theo huyện cũ và giới tính"],
        "reportCasesByRepeat": [.en: "Repeat victimisation: cases whose survivor had another case in the 12 months before, by sex", .vi: "Bị bạo lực lặp lại: vụ việc mà người bị bạo lực đã có vụ việc khác trong 12 tháng trước, theo giới tính"],
        "reportCasesByDelay": [.en: "Cases by time from incident to report", .vi: "Vụ việc theo thời gian từ khi xảy ra đến khi trình báo"],
        "reportReferralsByAgencyStatus": [.en: "Referrals by agency and status", .vi: "Chuyển gửi theo cơ quan và trạng thái"],
        "reportReferralTimes": [.en: "Referrals by agency: time to acknowledgement and share overdue", .vi: "Chuyển gửi theo cơ quan: thời gian xác nhận và tỷ lệ quá hạn"],
        "reportLegalAidByStatus": [.en: "Legal-aid referrals by status", .vi: "Chuyển gửi trợ giúp pháp lý theo trạng thái"],
        "reportMediationsByOutcome": [.en: "Mediations by outcome", .vi: "Hòa giải theo kết quả"],
        "reportTitle": [.en: "Gender-based violence in An Giang province — annual report {year}", .vi: "Bạo lực trên cơ sở giới tại tỉnh An Giang — báo cáo hằng năm {year}"],
        "reportPreviousTotal": [.en: "{previousYear} total", .vi: "Tổng {previousYear}"],
        "reportMedianHoursToAck": [.en: "median hours to acknowledgement", .vi: "số giờ trung vị đến khi xác nhận"],
        "reportShareOverdue": [.en: "share overdue", .vi: "tỷ lệ quá hạn"],
        "reportMediationsOpened": [.en: "Mediations opened", .vi: "Số vụ hòa giải"],
        "reportAgreementsReached": [.en: "Agreements reached", .vi: "Hòa giải thành"],
        "reportAgreementRate": [.en: "Agreement rate", .vi: "Tỷ lệ hòa giải thành"],
        "reportRecurred6": [.en: "Violence recurred within 6 months of an agreement", .vi: "Tái diễn trong 6 tháng sau hòa giải thành"],
        "reportRecurred12": [.en: "Violence recurred within 12 months of an agreement", .vi: "Tái diễn trong 12 tháng sau hòa giải thành"],
        "reportMedianDaysToFirstSession": [.en: "Median days from assignment to first session", .vi: "Số ngày trung vị từ khi phân công đến phiên đầu"],
        "reportRefused": [.en: "Refused: {reason}", .vi: "Từ chối: {reason}"],
        "reportCasesReported": [.en: "Cases reported in", .vi: "Số vụ việc tiếp nhận năm"],
        "reportGrassrootsMediation": [.en: "Grassroots mediation", .vi: "Hòa giải ở cơ sở"],
        "reportGenerated": [.en: "Generated", .vi: "Lập lúc"],
        "reportMethods": [.en: "Methods and information loss", .vi: "Phương pháp và mức mất thông tin"],
        "reportMethodsAttack": [.en: "When this report was made, Haven attacked it on this store's data: an attacker holding its {figures} figures (both years, the population line, the mediation figures) and integer bounds on every count over every sum between them recovered none of the counts from 1 to {kminus} behind them, and narrowed none below {promise}.", .vi: "Khi lập báo cáo này, Haven đã tấn công chính nó trên dữ liệu của kho: kẻ tấn công nắm {figures} số liệu của báo cáo (cả hai năm, dòng tổng dân số, số liệu hòa giải) và cận nguyên cho mọi số trên mọi tổng giữa chúng không suy ra được số nào từ 1 đến {kminus} đằng sau các số liệu đó và không thu hẹp số nào dưới {promise}."],
        "reportMethodsHarness": [.en: "The same attack on everything a supervisor can obtain is run by Haven's tests on synthetic provinces of 200, 2,000 and 20,000 cases.", .vi: "Các bài kiểm thử của Haven chạy cùng cuộc tấn công trên mọi thứ cán bộ giám sát có thể lấy, với các tỉnh giả lập 200, 2.000 và 20.000 vụ việc."],
        "reportMethodsPromisePerturb": [.en: "two possible values", .vi: "hai giá trị có thể"],
        "reportMethodsPromiseSuppress": [.en: "the whole range 0–{kminus}", .vi: "toàn bộ khoảng 0–{kminus}"],
        "reportMethodsNarrowest": [.en: "The narrowest range it kept for such a count holds {range} values.", .vi: "Khoảng hẹp nhất nó giữ được cho một số như vậy có {range} giá trị."],
        "reportMethodsMeanAll": [.en: "Across all tables of the year, counts moved by {mean} on average.", .vi: "Trên mọi bảng của năm, các số bị dịch chuyển trung bình {mean}."],
        "reportMethodsTable": [.en: "Table", .vi: "Bảng"],
        "reportMethodsHiddenCells": [.en: "Cells hidden (zeros included)", .vi: "Số ô bị ẩn (kể cả ô 0)"],
        "reportMethodsHiddenPeople": [.en: "Share of people in hidden cells", .vi: "Tỷ lệ người trong ô bị ẩn"],
        "reportMethodsMove": [.en: "Mean move of a non-zero count", .vi: "Mức dịch chuyển trung bình của số khác 0"],
        "reportMethodsPerturbedMove": [.en: "Counts are perturbed by at most ±{max} (mean {mean} for counts of {from} or more); counts from 1 to {kminus} are shown as 0 or {k}. The mean move of each table is measured on this store's data, and printed only where {cells} or more cells are shown non-zero: over fewer it would tell how far particular counts moved.", .vi: "Các số được làm nhiễu tối đa ±{max} (trung bình {mean} với số từ {from} trở lên); số từ 1 đến {kminus} được hiện là 0 hoặc {k}. Mức dịch chuyển trung bình của từng bảng được đo trên dữ liệu của kho này và chỉ in khi có từ {cells} ô khác 0 trở lên: với ít ô hơn nó sẽ cho biết từng số đã dịch chuyển bao nhiêu."],
        "dimension.gbvType": [.en: "type of violence", .vi: "loại bạo lực"],
        "dimension.repeatVictimisation": [.en: "repeat victimisation (another case in the 12 months before)", .vi: "bị bạo lực lặp lại (có vụ việc khác trong 12 tháng trước)"],
        "dimension.context": [.en: "context", .vi: "bối cảnh"],
        "dimension.survivorSex": [.en: "survivor's sex", .vi: "giới tính người bị bạo lực"],
        "dimension.survivorAgeGroup": [.en: "survivor's age group", .vi: "nhóm tuổi người bị bạo lực"],
        "dimension.ethnicityGroup": [.en: "ethnicity", .vi: "dân tộc"],
        "dimension.disability": [.en: "disability", .vi: "khuyết tật"],
        "dimension.perpetratorRelationship": [.en: "relationship of the perpetrator", .vi: "quan hệ của người có hành vi bạo lực"],
        "dimension.perpetratorSex": [.en: "perpetrator's sex", .vi: "giới tính người có hành vi bạo lực"],
        "dimension.source": [.en: "reporting source", .vi: "nguồn tiếp nhận"],
        "dimension.commune": [.en: "commune", .vi: "xã/phường"],
        "dimension.formerDistrict": [.en: "former district", .vi: "huyện (cũ)"],
        "dimension.month": [.en: "month", .vi: "tháng"],
        "dimension.quarter": [.en: "quarter", .vi: "quý"],
        "dimension.year": [.en: "year", .vi: "năm"],
        "dimension.reportingDelay": [.en: "time to report", .vi: "thời gian đến khi trình báo"],
        "dimension.risk": [.en: "risk", .vi: "nguy cơ"],
        "dimension.agency": [.en: "agency", .vi: "cơ quan"],
        "dimension.referralStatus": [.en: "referral status", .vi: "trạng thái chuyển gửi"],
        "dimension.mediationOutcome": [.en: "mediation outcome", .vi: "kết quả hòa giải"],
        "dimension.ageBand": [.en: "survivor's age band", .vi: "độ tuổi người bị bạo lực"],
        "dimension.typeGroup": [.en: "group of types of violence", .vi: "nhóm loại bạo lực"],
        "ageBand.0-17": [.en: "child (0–17)", .vi: "trẻ em (0–17 tuổi)"],
        "ageBand.18+": [.en: "adult (18 and over)", .vi: "người lớn (từ 18 tuổi)"],
        "ageBand.unknown": [.en: "unknown", .vi: "không rõ"],
        "typeGroup.sexual": [.en: "sexual (rape, sexual assault)", .vi: "tình dục (hiếp dâm, tấn công tình dục)"],
        "typeGroup.physical": [.en: "physical", .vi: "thể chất"],
        "typeGroup.other": [.en: "psychological, economic or forced marriage", .vi: "tinh thần, kinh tế hoặc cưỡng ép kết hôn"],
        "typeGroup.non_gbv": [.en: "non-GBV", .vi: "không phải bạo lực trên cơ sở giới"],
        "action.store.backup": [.en: "back up the store", .vi: "sao lưu kho dữ liệu"],
        "action.keys.rotate": [.en: "rotate the master key", .vi: "thay khóa chính"],
        "action.keys.retire": [.en: "retire old master-key versions", .vi: "loại bỏ phiên bản khóa chính cũ"],
        "clockInvalid": [.en: "HAVEN_CLOCK is not a time such as 2026-12-01T10:00:00+07:00; using the system clock.", .vi: "HAVEN_CLOCK không phải một thời điểm như 2026-12-01T10:00:00+07:00; dùng đồng hồ hệ thống."],
        "clockIgnored": [.en: "HAVEN_CLOCK is ignored: this store was not made for drills (haven init --allow-fixed-clock).", .vi: "Bỏ qua HAVEN_CLOCK: kho này không được tạo để diễn tập (haven init --allow-fixed-clock)."],
        "clockFixed": [.en: "Note: the clock is fixed at {time} by HAVEN_CLOCK.", .vi: "Lưu ý: đồng hồ được cố định ở {time} (HAVEN_CLOCK)."],
        "logoutDone": [.en: "Signed out: the token for this store is no longer saved on this computer.", .vi: "Đã đăng xuất: mã truy cập của kho này không còn được lưu trên máy này."],
        "logoutNothing": [.en: "No token for this store was saved on this computer.", .vi: "Máy này không lưu mã truy cập nào của kho này."],
        "intakeDraftNotSaved": [.en: "The draft could not be saved just now (the store is busy); the answers are kept here and saved with the next one.", .vi: "Chưa lưu được bản nháp lúc này (kho đang bận); các câu trả lời vẫn được giữ và sẽ được lưu cùng câu tiếp theo."],
        "action.draft.save": [.en: "keep intake drafts", .vi: "lưu phiếu tiếp nhận dở dang"],
        "action.draft.resume": [.en: "resume intake drafts", .vi: "tiếp tục phiếu tiếp nhận dở dang"],
        "action.draft.discard": [.en: "discard intake drafts", .vi: "xóa phiếu tiếp nhận dở dang"],
        "answerRequired": [.en: "this question needs an answer", .vi: "câu này cần có câu trả lời"],
        "answerNotADate": [.en: "not a date; type day/month/year, e.g. 30/11/2026, 'yesterday', or 'unknown'", .vi: "chưa đúng dạng ngày; hãy gõ ngày/tháng/năm, ví dụ 30/11/2026, «hôm qua», hoặc «không rõ»"],
        "answerDateAfterToday": [.en: "this date is after today", .vi: "ngày này ở sau hôm nay"],
        "answerDateBeforeBirth": [.en: "this date is before the survivor's birth", .vi: "ngày này ở trước ngày sinh của người bị bạo lực"],
        "answerNotABirth": [.en: "type a birth date (30/11/1985), a birth year (1985) or an age (40, 40 years), or 'unknown'", .vi: "hãy gõ ngày sinh (30/11/1985), năm sinh (1985) hoặc tuổi (40, 40 tuổi), hoặc «không rõ»"],
        "answerNotAYear": [.en: "type a birth year (1985) or an age (40)", .vi: "hãy gõ năm sinh (1985) hoặc tuổi (40)"],
        "answerNotAPhone": [.en: "a phone number is 8 to 15 digits (spaces allowed), nothing else; put notes under 'when is it safe to contact'", .vi: "số điện thoại gồm 8 đến 15 chữ số (có thể có dấu cách), không kèm chữ; ghi chú hãy ghi ở câu «liên hệ lúc nào thì an toàn»"],
        "answerNotYesNo": [.en: "answer yes or no", .vi: "hãy trả lời có hoặc không"],
        "answerNotInList": [.en: "not in the list; type its number or its name", .vi: "không có trong danh sách; hãy gõ số thứ tự hoặc tên"],
        "answerNotInListSuggest": [.en: "not in the list. Did you mean: {suggestions}? Type its number or its name", .vi: "không có trong danh sách. Có phải ý bạn là: {suggestions}? Hãy gõ số thứ tự hoặc tên"],
        "answerAmbiguous": [.en: "this fits more than one: {options}; type the number", .vi: "câu trả lời này ứng với nhiều mục: {options}; hãy gõ số thứ tự"],
        "answerCommuneNotYours": [.en: "{name} is not one of your communes", .vi: "{name} không thuộc địa bàn bạn phụ trách"],
        "answerTooLong": [.en: "too long (at most {max} characters)", .vi: "quá dài (tối đa {max} ký tự)"],
        "intakeEcho": [.en: "  → {value}", .vi: "  → {value}"],
        "intakeUnknown": [.en: "unknown", .vi: "không rõ"],
        "intakeSkipped": [.en: "(not given)", .vi: "(bỏ trống)"],
        "intakeYes": [.en: "yes", .vi: "có"],
        "intakeNo": [.en: "no", .vi: "không"],
        "intakeCommuneFixed": [.en: "Commune: {name} (your only commune)", .vi: "Xã/phường: {name} (địa bàn duy nhất của bạn)"],
        "intakeNarrativeHint": [.en: "(several lines allowed; an empty line ends it)", .vi: "(có thể viết nhiều dòng; để trống một dòng để kết thúc)"],
        "intakeRiskNotPartner": [.en: "Risk screening: the Lethality Assessment screen is for violence by a partner or former partner; for this relationship the policy's short danger screen is asked (any yes: high danger).", .vi: "Sàng lọc nguy cơ: bảng đánh giá nguy cơ gây chết người dành cho bạo lực do vợ/chồng hoặc bạn đời (kể cả trước đây) gây ra; với quan hệ này, hỏi bảng sàng lọc nguy hiểm ngắn theo quy định (có một câu «có» là nguy cơ cao)."],
        "editIntro": [.en: "Correcting case {id}: its answers are below. Type a number to change one.",
                      .vi: "Sửa vụ việc {id}: các câu trả lời ở dưới. Gõ số thứ tự để sửa."],
        "editReviewTitle": [.en: "The case's answers:", .vi: "Các câu trả lời của vụ việc:"],
        "editQuitConfirm": [.en: "Stop without saving the corrections? (yes to stop, no to go on)", .vi: "Dừng mà không lưu các chỗ sửa? (có để dừng, không để tiếp tục)"],
        "editStopped": [.en: "Nothing was changed.", .vi: "Chưa thay đổi gì."],
        "editDiscarded": [.en: "The corrections were discarded; nothing was changed.", .vi: "Đã bỏ các chỗ sửa; không thay đổi gì."],
        "editSaved": [.en: "Case {id} corrected: {fields}.", .vi: "Đã sửa vụ việc {id}: {fields}."],
        "editNothing": [.en: "No answer changed; case {id} is as it was.", .vi: "Không có câu trả lời nào thay đổi; vụ việc {id} giữ nguyên."],
        "editMediationStopped": [.en: "mediation {id} stopped: the corrected case may not be mediated",
                                 .vi: "đã dừng hòa giải {id}: vụ việc sau khi sửa không được hòa giải"],
        "intakeReviewTitle": [.en: "Review before saving:", .vi: "Xem lại trước khi lưu:"],
        "intakeReviewPrompt": [.en: "Type a number to change that answer, Enter to save, or 'cancel' to discard the intake", .vi: "Gõ số thứ tự để sửa câu đó, Enter để lưu, hoặc «hủy» để bỏ phiếu này"],
        "intakeReviewBad": [.en: "Type a number from the list, Enter to save, or 'cancel'.", .vi: "Hãy gõ một số trong danh sách, Enter để lưu, hoặc «hủy»."],
        "intakeNotSaved": [.en: "The case cannot be saved yet: {reason}. Change the answer on the review screen.", .vi: "Chưa thể lưu vụ việc: {reason}. Hãy sửa câu trả lời ở màn hình xem lại."],
        "intakeQuitConfirm": [.en: "Stop this intake? Its answers stay in draft {id} (yes to stop, no to go on)", .vi: "Dừng phiếu này? Các câu trả lời được giữ trong bản nháp {id} (có để dừng, không để tiếp tục)"],
        "intakeDraftKept": [.en: "The intake was not saved as a case. Its answers are kept, encrypted, as draft {id} until {expires}; go on with: haven case new --resume {id}", .vi: "Phiếu chưa được lưu thành vụ việc. Các câu trả lời được giữ (đã mã hóa) trong bản nháp {id} đến {expires}; tiếp tục bằng lệnh: haven case new --resume {id}"],
        "intakeDraftResumed": [.en: "Draft {id}: {count} answers kept. The questions not yet answered follow, then the review.", .vi: "Bản nháp {id}: đã có {count} câu trả lời. Tiếp theo là các câu chưa trả lời, sau đó là màn hình xem lại."],
        "intakeDiscardConfirm": [.en: "Discard this intake and its draft? (yes to discard, no to go back)", .vi: "Bỏ phiếu này và bản nháp của nó? (có để bỏ, không để quay lại)"],
        "intakeDiscarded": [.en: "Discarded; nothing was saved.", .vi: "Đã bỏ; không lưu gì."],
        "askIdNumber": [.en: "Survivor's identity card number (optional)", .vi: "Số CCCD/định danh của người bị bạo lực (không bắt buộc)"],
        "draftsNone": [.en: "No drafts.", .vi: "Không có bản nháp nào."],
        "draftsLine": [.en: "{id}  started {created}, last saved {updated}, {count} answers, kept until {expires}", .vi: "{id}  bắt đầu {created}, lưu lần cuối {updated}, {count} câu trả lời, giữ đến {expires}"],
        "errorDraftNotFound": [.en: "No draft {id} among yours (drafts are kept 7 days).", .vi: "Không có bản nháp {id} của bạn (bản nháp được giữ 7 ngày)."],
        "hintDraftNotFound": [.en: "'haven case drafts' lists them.", .vi: "Lệnh «haven case drafts» liệt kê các bản nháp."],
        "errorDraftUnreadable": [.en: "Draft {id} cannot be opened (changed outside Haven, or its key was retired); nothing was changed.", .vi: "Không mở được bản nháp {id} (đã bị sửa ngoài Haven hoặc khóa của nó đã bị loại bỏ); không thay đổi gì."],
        "errorEngineUnavailable": [.en: "A {scheme}:// store is not available in this version; use a folder for the embedded store (--store DIR).", .vi: "Phiên bản này chưa hỗ trợ kho {scheme}://; hãy dùng một thư mục cho kho nhúng (--store THƯ_MỤC)."],
        "problemNotATime": [.en: "expected a time such as 2026-11-20T09:30:00+07:00", .vi: "cần thời điểm dạng 2026-11-20T09:30:00+07:00"],
        "problemNotADate": [.en: "expected a date written YYYY-MM-DD", .vi: "cần ngày viết dạng YYYY-MM-DD"],
        "problemLongerThan": [.en: "is longer than {max} characters", .vi: "dài quá {max} ký tự"],
        "problemPhoneFormat": [.en: "a phone number has 6 or more digits and only + - ( ) . or spaces besides", .vi: "số điện thoại có từ 6 chữ số, ngoài ra chỉ có + - ( ) . hoặc dấu cách"],
        "problemNoActs": [.en: "list at least one act", .vi: "cần ít nhất một hành vi"],
        "problemLapAnswers": [.en: "this risk screen has {expected} answers, not {got}", .vi: "bảng sàng lọc nguy cơ này có {expected} câu trả lời, không phải {got}"],
        "problemBirthYearMismatch": [.en: "does not agree with survivor.birthDate", .vi: "không khớp với survivor.birthDate"],
        "problemAfterReportDate": [.en: "is after the report date", .vi: "sau ngày tiếp nhận"],
        "problemAfterIncident": [.en: "is after the incident", .vi: "sau ngày xảy ra vụ việc"],
        "problemAfterReportYear": [.en: "is after the report year", .vi: "sau năm tiếp nhận"],
        "problemInTheFuture": [.en: "is in the future", .vi: "ở tương lai"],
        "problemBefore": [.en: "is before {date}", .vi: "trước ngày {date}"],
        "problemNameLength": [.en: "give a name of 1 to 200 characters, without control characters", .vi: "hãy nhập tên từ 1 đến 200 ký tự, không có ký tự điều khiển"],
        "problemNoteLength": [.en: "give a note of 1 to 20000 characters", .vi: "hãy nhập ghi chú từ 1 đến 20000 ký tự"],
        "problemAgreementOnly": [.en: "only an agreement session records agreement text", .vi: "chỉ phiên hòa giải thành mới ghi nội dung thỏa thuận"],
        "problemNotTeamMember": [.en: "{members} is not a member of team {team}", .vi: "{members} không phải thành viên tổ {team}"],
        "problemNotForMeasure": [.en: "{dimension} does not apply to {measure}", .vi: "{dimension} không áp dụng cho {measure}"],
        "problemNotPublishedUnderSuppression": [.en: "this store publishes with suppression, which protects a fixed set of whole-year tables together (filters and quarters or months as periods would be slices whose differences undo it); the tables are: {tables}", .vi: "kho dữ liệu này công bố bằng phương pháp ẩn ô, chỉ bảo vệ cùng lúc một bộ bảng cố định theo cả năm (lọc hoặc chọn kỳ quý, tháng sẽ tạo ra các lát cắt mà hiệu số của chúng làm lộ số thật); các bảng là: {tables}"],
        "problemNotTheStoreMethod": [.en: "this store publishes every table with the method {method} (disclosure.yaml): figures of two methods side by side could be combined to undo both", .vi: "kho dữ liệu này công bố mọi bảng theo phương pháp {method} (disclosure.yaml): số liệu của hai phương pháp đặt cạnh nhau có thể bị kết hợp để suy ra số thật"],
        "problemDimensionTwice": [.en: "a dimension is given twice", .vi: "một chiều được nêu hai lần"],
        "problemAlsoInBy": [.en: "{dimension} is also in --by", .vi: "{dimension} đã có trong --by"],
        "problemNotPositive": [.en: "must be a positive number", .vi: "phải là số dương"],
        "problemNoCases": [.en: "has no cases", .vi: "không có vụ việc nào"],
        "sealed.survivor.name": [.en: "Survivor's name", .vi: "Họ tên người bị bạo lực"],
        "sealed.survivor.birthDate": [.en: "Date of birth", .vi: "Ngày sinh"],
        "sealed.survivor.birthYear": [.en: "Year of birth", .vi: "Năm sinh"],
        "sealed.survivor.phone": [.en: "Phone", .vi: "Điện thoại"],
        "sealed.survivor.address": [.en: "Address", .vi: "Địa chỉ"],
        "sealed.survivor.idNumber": [.en: "Identity number", .vi: "Số định danh cá nhân"],
        "sealed.perpetrator.name": [.en: "Perpetrator's name", .vi: "Họ tên người gây bạo lực"],
        "sealed.perpetrator.birthYear": [.en: "Perpetrator's year of birth", .vi: "Năm sinh người gây bạo lực"],
        "sealed.incident.date": [.en: "Incident date", .vi: "Ngày xảy ra"],
        "sealed.incident.narrative": [.en: "What happened (narrative)", .vi: "Tường thuật sự việc"],
        "sealed.risk.answers": [.en: "Risk screen answers", .vi: "Câu trả lời sàng lọc nguy cơ"],
        "sealed.contact.channel": [.en: "Safe way to contact", .vi: "Cách liên lạc an toàn"],
        "sealed.contact.times": [.en: "Safe times to contact", .vi: "Thời gian liên lạc an toàn"],
        "sealed.contact.safePerson": [.en: "Safe person", .vi: "Người liên lạc an toàn"],
        "sealed.carer.name": [.en: "Carer's name", .vi: "Họ tên người chăm sóc"],
        "sealed.carer.phone": [.en: "Carer's phone", .vi: "Điện thoại người chăm sóc"],
        "sealed.carer.relationship": [.en: "Carer's relationship to the child", .vi: "Quan hệ của người chăm sóc với trẻ"],
        "paperConfidential": [.en: "CONFIDENTIAL — personal data of a survivor of violence. Keep in the locked case file; do not copy or leave unattended.", .vi: "MẬT — thông tin cá nhân của người bị bạo lực. Lưu trong hồ sơ có khóa; không sao chụp, không để ở nơi không có người trông giữ."],
        "paperCaseTitle": [.en: "Case summary {id}", .vi: "Tóm tắt vụ việc {id}"],
        "paperPrinted": [.en: "Printed {at} by {by} from Haven; the printing is recorded in the audit log.", .vi: "In lúc {at} bởi {by} từ Haven; việc in được ghi vào nhật ký kiểm toán."],
        "paperConsentTitle": [.en: "Consent of the survivor — case {id}", .vi: "Phiếu đồng ý của người bị bạo lực — vụ việc {id}"],
        "paperConsentIntro": [.en: "The officer has explained what each agency does and what it will receive. Tick what you agree to; you may change your mind at any time by telling the officer.", .vi: "Cán bộ đã giải thích việc mỗi cơ quan làm và thông tin cơ quan đó nhận. Đánh dấu vào việc bạn đồng ý; bạn có thể thay đổi ý kiến bất cứ lúc nào bằng cách báo cho cán bộ."],
        "paperConsentRecorded": [.en: "as recorded on {date}", .vi: "theo ghi nhận ngày {date}"],
        "paperAgree": [.en: "I agree", .vi: "Đồng ý"],
        "paperDisagree": [.en: "I do not agree", .vi: "Không đồng ý"],
        "paperSignSurvivor": [.en: "Survivor (sign, full name)", .vi: "Người bị bạo lực (ký, ghi rõ họ tên)"],
        "paperSignGuardian": [.en: "Parent or guardian of a child survivor, not the perpetrator (sign, full name)", .vi: "Cha, mẹ hoặc người giám hộ của trẻ, không phải người gây bạo lực (ký, ghi rõ họ tên)"],
        "paperSignOfficer": [.en: "Officer (sign, full name)", .vi: "Cán bộ tiếp nhận (ký, ghi rõ họ tên)"],
        "paperSignDate": [.en: "Date: ……/……/…………", .vi: "Ngày …… tháng …… năm …………"],
        "paperSlipTitle": [.en: "Referral slip {id}", .vi: "Phiếu chuyển gửi {id}"],
        "paperSlipTo": [.en: "To", .vi: "Kính gửi"],
        "paperSlipFrom": [.en: "From", .vi: "Nơi chuyển"],
        "paperSlipDue": [.en: "To be acknowledged by", .vi: "Hạn xác nhận tiếp nhận"],
        "paperSlipBasis": [.en: "Basis", .vi: "Căn cứ"],
        "paperSlipGrounds": [.en: "Why this agency", .vi: "Lý do chuyển đến cơ quan này"],
        "paperSlipReceived": [.en: "Received by the agency (sign, full name, date)", .vi: "Cơ quan tiếp nhận (ký, ghi rõ họ tên, ngày nhận)"],
        "paperSlipDelivered": [.en: "Delivered by (sign, full name)", .vi: "Người chuyển (ký, ghi rõ họ tên)"],
        "paperSlipOnly": [.en: "This slip holds only what the policy lets this agency receive.", .vi: "Phiếu này chỉ có những thông tin mà quy định cho phép cơ quan này nhận."],
        "paperLegalBasis": [.en: "Legal basis", .vi: "Căn cứ pháp lý"],
        "paperWritten": [.en: "Written {file} (personal data: print it, then delete the file).", .vi: "Đã ghi {file} (có thông tin cá nhân: in xong hãy xóa tệp)."],
        "explainPolicy": [.en: "Routing policy {hash}", .vi: "Quy định chuyển gửi {hash}"],
        "explainReceives": [.en: "receives", .vi: "nhận"],
        "eventEdited": [.en: "corrected", .vi: "đã sửa"],
        "eventMediationOpened": [.en: "mediation opened", .vi: "mở hòa giải"],
        "eventMediationSession": [.en: "mediation session", .vi: "buổi hòa giải"],
        "eventMediationFollowUp": [.en: "mediation follow-up", .vi: "theo dõi sau hòa giải"],
        "eventMediationEnded": [.en: "mediation ended", .vi: "kết thúc hòa giải"],
        "timelineReleased": [.en: "sent once consent was given", .vi: "đã gửi sau khi có sự đồng ý"],
        "timelineRepeat": [.en: "violence recurred", .vi: "bạo lực tái diễn"],
        "timelinePolicy": [.en: "policy {hash}", .vi: "quy định {hash}"],
        "timelineRecurred": [.en: "recurred", .vi: "tái diễn"],
        "usageEditVersion": [.en: "--from needs --version: the case's version from 'haven case show ID --json'.",
                             .vi: "--from cần --version: phiên bản của vụ việc lấy từ 'haven case show ID --json'."],
        "editTellAgencies": [.en: "already sent with the earlier details to: {agencies} — tell them of the correction",
                             .vi: "đã gửi thông tin cũ đến: {agencies} — hãy báo cho các cơ quan này biết chỗ sửa"],
        "askCarerConsent": [.en: "Has a parent or guardian (not the perpetrator) agreed to the referrals?",
                            .vi: "Cha mẹ hoặc người giám hộ (không phải người gây bạo lực) đã đồng ý với việc chuyển gửi chưa?"],
        "askReporterName": [.en: "Who reported it, if not the survivor: name (optional, kept sealed)",
                            .vi: "Người báo tin, nếu không phải người bị bạo lực: họ tên (không bắt buộc, được bảo mật)"],
        "askReporterPhone": [.en: "Reporter's phone (optional)", .vi: "Điện thoại người báo tin (không bắt buộc)"],
        "askReporterRelationship": [.en: "Reporter's relationship to the survivor (optional)", .vi: "Quan hệ của người báo tin với người bị bạo lực (không bắt buộc)"],
        "sealed.carer.consent": [.en: "Parent or guardian agreed to the referrals", .vi: "Cha mẹ/người giám hộ đồng ý chuyển gửi"],
        "sealed.reporter.name": [.en: "Reporter's name", .vi: "Họ tên người báo tin"],
        "sealed.reporter.phone": [.en: "Reporter's phone", .vi: "Điện thoại người báo tin"],
        "sealed.reporter.relationship": [.en: "Reporter's relationship to the survivor", .vi: "Quan hệ của người báo tin với người bị bạo lực"],
        "dangerQ1": [.en: "Has the person used a weapon against the survivor, or threatened to?", .vi: "Người đó đã từng dùng hoặc đe dọa dùng hung khí với người bị bạo lực chưa?"],
        "dangerQ2": [.en: "Has the person threatened to kill the survivor or someone in the home?", .vi: "Người đó có đe dọa giết người bị bạo lực hoặc người trong nhà không?"],
        "dangerQ3": [.en: "Has the person choked the survivor, or hurt them badly enough to need medical care?", .vi: "Người đó đã từng bóp cổ, hoặc gây thương tích phải chữa trị cho người bị bạo lực chưa?"],
        "dangerQ4": [.en: "Is the violence getting worse or more frequent?", .vi: "Bạo lực có đang nặng hơn hoặc thường xuyên hơn không?"],
        "problemScreenForRelationship": [.en: "for this relationship the risk screen is '{screen}' (the LAP for a partner or former partner, 'danger' for everyone else)",
                                         .vi: "với quan hệ này, bảng sàng lọc nguy cơ là '{screen}' (LAP cho vợ/chồng hoặc bạn đời, kể cả trước đây; 'danger' cho các quan hệ khác)"],
        "paperRiskScreenLAP": [.en: "Lethality Assessment (partner violence)", .vi: "Đánh giá nguy cơ gây chết người (bạo lực do vợ/chồng, bạn đời)"],
        "paperRiskScreenDanger": [.en: "Short danger screen", .vi: "Sàng lọc nguy hiểm ngắn"],
        "askToken": [.en: "Token", .vi: "Mã đăng nhập"],
        "paperCaseFacts": [.en: "Coded facts", .vi: "Thông tin đã mã hóa"],
        "action.case.print": [.en: "print this case", .vi: "in vụ việc này"],
        "action.referral.slip": [.en: "print a referral slip", .vi: "in phiếu chuyển gửi"],
        "problemSearchCriterion": [.en: "give the survivor's name (--name), phone (--phone) or year of birth (--born)",
                                   .vi: "hãy nhập họ tên (--name), số điện thoại (--phone) hoặc năm sinh (--born) của người bị bạo lực"],
        "problemSearchName": [.en: "the name has no letters to search by", .vi: "họ tên không có chữ nào để tìm"],
        "problemSearchPhone": [.en: "a phone number has at least 6 digits", .vi: "số điện thoại cần ít nhất 6 chữ số"],
        "problemSearchYear": [.en: "give a year of birth such as 1990", .vi: "hãy nhập năm sinh, ví dụ 1990"],
        "action.case.find": [.en: "search cases", .vi: "tìm vụ việc"],
        "problemConsentFlags": [.en: "give at least one of --referral, --police, --mediation, --statistics", .vi: "hãy nêu ít nhất một trong --referral, --police, --mediation, --statistics"],
        "problemEmptyInput": [.en: "the input is empty", .vi: "dữ liệu đầu vào trống"],
        "problemNoTerminal": [.en: "there is no terminal to ask questions on; use --from FILE or --from - with intake JSON", .vi: "không có cửa sổ dòng lệnh để hỏi; hãy dùng --from TỆP hoặc --from - với JSON tiếp nhận"],
        "auditEntryMissing": [.en: "entry {seq} is missing", .vi: "mục {seq} bị thiếu"],
        "auditNotFollowing": [.en: "it does not follow entry {seq} (moved or reordered)", .vi: "mục này không nối tiếp mục {seq} (bị chuyển chỗ hoặc đảo thứ tự)"],
        "auditContentChanged": [.en: "its content was changed", .vi: "nội dung của mục đã bị sửa"],
        "auditEntriesDeleted": [.en: "entries after {seq} were deleted", .vi: "các mục sau mục {seq} đã bị xóa"],
        "auditCheckpointMismatch": [.en: "its signed checkpoint does not match", .vi: "điểm kiểm tra có chữ ký của mục không khớp"],
        "auditCheckpointDeleted": [.en: "its signed checkpoint was deleted", .vi: "điểm kiểm tra có chữ ký của mục đã bị xóa"],
        "auditHeadMissing": [.en: "the signed head of the chain is missing", .vi: "phần đầu có chữ ký của chuỗi bị thiếu"],
        "auditHeadInvalid": [.en: "the signed head of the chain is not valid", .vi: "phần đầu có chữ ký của chuỗi không hợp lệ"],
        "auditHeadElsewhere": [.en: "the chain does not end where its signed head says", .vi: "chuỗi không kết thúc tại vị trí phần đầu có chữ ký ghi nhận"],
        "auditBadSignature": [.en: "a signature does not verify ({context})", .vi: "một chữ ký không hợp lệ ({context})"],
        "bundleNotABundle": [.en: "not a Haven referral bundle", .vi: "không phải gói chuyển gửi của Haven"],
        "bundleWrongAgency": [.en: "it is for '{bundle}', and the key is '{key}''s", .vi: "gói dành cho '{bundle}', còn khóa là của '{key}'"],
        "bundleOriginKeyInvalid": [.en: "its origin key is not valid", .vi: "khóa của nơi gửi không hợp lệ"],
        "bundleOriginKeyChanged": [.en: "store {origin} signed with a different key than before", .vi: "kho {origin} đã ký bằng một khóa khác với trước đây"],
        "bundleBadSignature": [.en: "the signature of referral {id} does not verify", .vi: "chữ ký của chuyển gửi {id} không hợp lệ"],
        "bundleNotSealedHere": [.en: "referral {id} is not sealed to this agency", .vi: "chuyển gửi {id} không được niêm phong cho cơ quan này"],
    ]
}
