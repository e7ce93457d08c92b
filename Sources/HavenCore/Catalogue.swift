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
    case httpTooManyFailures
    case problemTooManyDimensions
    case pageSignOut
    case pageSignInHeading
    case pageTokenLabel
    case pageSignIn
    case pageSignInNote
    case pageSignInFailed
    case pageDashboardHeading
    case pageAnonymised
    case pageCasesHeading
    case pageTypeHeading
    case pageTotal
    case pageMethodNote
    case pageOverdueHeading
    case pageOverdueEmpty
    case pageAgency
    case pagePriority
    case pageOverdue
    case pagePending
    case pageMediationHeading
    case pageMediationOpened
    case pageMediationAgreements
    case pageMediationRate
    case pageMediationRecur6
    case pageMediationRecur12
    case pageReportHeading
    case pageReportLink
    case pageInboxHeading
    case pageSealedNote
    case pageInboxEmpty
    case pageID
    case pageStatus
    case pageDue
    case pageCommune
    case pageOverdueMark
    case pageAcknowledge
    case pageAccept
    case pageDecline
    case pageReason
    case pageRefusedHeading
    case pageExpired
    case pageBack
    case serveListening
    case usageTogether
    case usageListen
    case httpBodyTooLarge
    case httpNotFound
    case httpBadBody
    case httpBadQuery
    case httpServerError
    case bundleUnsupportedVersion
    case bundleEntriesNotOpened
    case bundleIndexNotSigned
    case bundleSealedBeforeSignedTerms
    case bundleWrongAgency
    case bundleOriginKeyInvalid
    case bundleOriginKeyChanged
    case bundleBadSignature
    case bundleNotSealedHere
    case errorEngineUnavailable
    case errorServerAddressRefused
    case errorLocalOnly
    case errorListenFailed
    case errorServerUnreachable
    case errorServerRefused
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
    case migrateSchemaVersions, migrateTargetInUse, migrateOtherMove, migrateSourceChanged, migrateCountsDiffer
    case migrateDone, migrateResumed, migrateRestarted, migrateVerified, errorStoreMoved, errorStoreMoveUnfinished, migrateTargetNotEmptied, errorStoreBeingMoved
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

    /// The catalogue by area (Catalogue/Catalogue+Area.swift): each key in exactly one (a test checks).
    public static let areas: [(name: String, texts: [String: [Language: String]])] = [
        ("errors", errors), ("usage", usage), ("intake", intake), ("cases", cases), ("referrals", referrals), ("mediation", mediation), ("statistics", statistics), ("screens", screens), ("store", store), ("codes", codes), ("server", server), ("pages", pages),
    ]

    /// Every entry: message keys and `<namespace>.<code>` labels.
    public static let entries: [String: [Language: String]] = areas.reduce(into: [:]) { all, area in
        all.merge(area.texts) { first, _ in first }
    }
}
