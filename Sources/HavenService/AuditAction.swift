import HavenAPI
import HavenCore

/// Every audited action. The raw value is written in the audit chain; the label names the
/// action in messages ("Your role may not read case details").
public enum AuditAction: String, CodedValue {
    case storeInit = "store.init"
    case login = "login"
    case userAdd = "user.add"
    case userList = "user.list"
    case userRevoke = "user.revoke"
    case userCounts = "user.counts"
    case caseCreate = "case.create"
    case caseList = "case.list"
    case caseShow = "case.show"
    /// A field officer's search by name, phone or birth year (the values typed are not logged).
    case caseFind = "case.find"
    /// A correction after intake: one entry per field changed (its name, never its value).
    case caseEdit = "case.edit"
    /// A case summary and consent form printed for the paper file.
    case casePrint = "case.print"
    /// A referral slip printed for the agency to sign.
    case referralSlip = "referral.slip"
    case caseNote = "case.note"
    case caseClose = "case.close"
    case auditVerify = "audit.verify"
    case auditLog = "audit.log"
    case caseConsent = "case.consent"
    case caseRoute = "case.route"
    case referralList = "referral.list"
    case referralShow = "referral.show"
    case referralAck = "referral.ack"
    case referralAccept = "referral.accept"
    case referralDecline = "referral.decline"
    case referralClose = "referral.close"
    case referralRelease = "referral.release"
    case referralOverdue = "referral.overdue"
    case referralHeld = "referral.held"
    /// A field officer following the referrals of their own communes' cases.
    case referralMine = "referral.mine"
    case referralExport = "referral.export"
    case referralImport = "referral.import"
    case agencyKeygen = "agency.keygen"
    case agencyList = "agency.list"
    case policyActivate = "policy.activate"
    case policyExplain = "policy.explain"
    /// Explaining a stored case reads its facts (exact age, acts, consent, days since the
    /// incident): only those who may read the case.
    case policyExplainCase = "policy.explain.case"
    case mediationEligible = "mediation.eligible"
    case mediationTeamAdd = "mediation.team.add"
    case mediationTeamList = "mediation.team.list"
    case mediationOpen = "mediation.open"
    case mediationShow = "mediation.show"
    case mediationSession = "mediation.session"
    case mediationFollowUp = "mediation.followup"
    case mediationDue = "mediation.due"
    case mediationLogbook = "mediation.logbook"
    case mediationStats = "mediation.stats"
    case statsQuery = "stats.query"
    case reportAnnual = "report.annual"
    case exportData = "export"
    case storeBackup = "store.backup"
    /// The store moved to another engine (`haven store migrate`), recorded before the copy.
    case storeMigrate = "store.migrate"
    case keysRotate = "keys.rotate"
    case keysRetire = "keys.retire"
    case draftSave = "draft.save"
    case draftResume = "draft.resume"
    case draftDiscard = "draft.discard"
    public static let codeNamespace = "action"
}
