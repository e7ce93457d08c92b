import Foundation
import HavenCore

/// Everything a face may ask of Haven once a caller is signed in, in wire values only.
///
/// The CLI runs every command on a store through it. `LocalClient` (HavenService) implements
/// it over a store on this machine; an HTTP client implements it over `haven serve`. Every
/// permission is decided behind it, in the service, never by the face. What must stay on the
/// caller's machine is not here: creating a store, reading the key file (keys, backup), and
/// opening a referral packet or making an agency key (HavenService's `ReferralOpener` and
/// `AgencyKeyMaker` use `fetchReferral` and `registerAgencyKey`).
public protocol HavenClient: Sendable {
    /// Who is signed in.
    var caller: Caller { get }
    /// The language of the texts in the answers (warnings, reasons, errors).
    var language: Language { get }
    /// The active policy: agency names, rules, regions and disclosure settings for the faces' words.
    func policy() async throws -> Policy
    /// The store's time (a drill's fixed clock included).
    func now() async throws -> Date

    // MARK: Cases
    func createCase(_ form: IntakeForm) async throws -> CaseCreated
    func importCases(jsonLines: Data, source: String, atomic: Bool,
                     progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> CaseImport
    func drafts() async throws -> [DraftSummary]
    func saveDraft(id: String?, answers: [String: String]) async throws -> String
    func resumeDraft(id: String) async throws -> [String: String]
    func discardDraft(id: String) async throws
    func listCases(status: CaseStatus?, commune: String?, since: LocalDate?, limit: Int?) async throws -> [CaseSummary]
    func findCases(_ search: CaseSearch) async throws -> [CaseSummary]
    func showCase(_ id: String) async throws -> CaseView
    func printCase(_ id: String) async throws -> CaseView
    func caseAnswers(_ id: String) async throws -> CaseAnswers
    func editCase(_ id: String, form: IntakeForm, expected: [String: String]?, version: String?) async throws -> CaseEdited
    func addNote(_ id: String, text: String) async throws -> NoteAdded
    func recordConsent(_ id: String, referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?) async throws -> ConsentRecorded
    func closeCase(_ id: String, outcome: CaseOutcome) async throws -> CaseClosed

    // MARK: Routing and policy
    func reroute(_ id: String) async throws -> RouteChanges
    func explain(caseID: String) async throws -> RoutingExplanation
    func explain(form: IntakeForm) async throws -> RoutingExplanation
    func activatePolicy(files: [String: String], tests: [String: String]) async throws -> PolicyActivated

    // MARK: Referrals and agencies
    func listReferrals(agency: String, status: ReferralStatus?, overdueOnly: Bool) async throws -> [ReferralSummary]
    func agencyKeyNotice(agency: String) async throws -> AgencyKeyNotice?
    func officerReferrals(includeClosed: Bool) async throws -> [OfficerReferral]
    func heldReferrals(pastDeadlineOnly: Bool) async throws -> [HeldReferral]
    func referralSlip(_ id: String) async throws -> ReferralSlip
    /// A referral's packet, still sealed: only the agency's private key opens it, on the caller's side.
    func fetchReferral(_ id: String) async throws -> SealedReferral
    func acknowledgeReferral(_ id: String) async throws -> ReferralSummary
    func acceptReferral(_ id: String) async throws -> ReferralSummary
    func declineReferral(_ id: String, reason: DeclineReason) async throws -> ReferralSummary
    func closeReferral(_ id: String, outcome: CaseOutcome, actions: [ReferralAction]) async throws -> ReferralSummary
    func releaseReferral(_ id: String) async throws -> ReferralSummary
    func overdueReferrals() async throws -> [OverdueCount]
    func exportReferrals(agency: String) async throws -> ReferralBundleFile
    /// Imports an offline bundle, given the index terms its packets hold, read on the caller's
    /// side with the agency's key (the key itself never travels).
    func importReferrals(bundle: Data, opened: [OpenedBundleEntry]) async throws -> BundleImported
    func listAgencies() async throws -> [AgencySummary]
    /// Registers the public half of an agency key made on the caller's side.
    func registerAgencyKey(_ agency: String, publicKey: Data, replace: Bool) async throws -> AgencyKeyResult
    func originIdentity() async throws -> OriginIdentity
    func trustOrigin(_ store: String, publicKey: Data, fingerprint: String) async throws -> OriginTrusted

    // MARK: Mediation
    func mediationEligibility(_ caseID: String) async throws -> MediationEligibility
    func addTeam(commune: String, name: String) async throws -> Team
    func addMediator(team: String, name: String, sex: Sex, ethnicity: EthnicityGroup) async throws -> Mediator
    func listTeams() async throws -> [TeamListing]
    func openMediation(_ caseID: String, team: String, conflicted: [String]) async throws -> MediationState
    func recordSession(_ mediation: String, date: LocalDate, outcome: SessionOutcome, note: String?, agreement: String?,
                       escalate: Escalation) async throws -> MediationState
    func recordFollowUp(_ mediation: String, date: LocalDate, recurred: Bool, note: String?, escalate: Escalation) async throws -> MediationState
    func dueFollowUps() async throws -> [DueFollowUp]
    func showMediation(_ mediation: String) async throws -> MediationView
    func logbook(team: String, year: Int) async throws -> [LogbookEntry]
    func mediationStats(year: Int, by grouping: MediationStatsGrouping) async throws -> [MediationStatsRow]

    // MARK: Users and audit
    func addUser(_ user: NewUser) async throws -> UserCreated
    func listUsers() async throws -> [UserSummary]
    func fieldOfficerAccounts() async throws -> [AccountCount]
    func revokeUser(id: String) async throws -> UserRevoked
    func verifyAudit() async throws -> AuditVerification
    func auditEntries(caseID: String?, limit: Int) async throws -> [AuditEntryView]

    // MARK: Statistics and reports
    func statistics(_ query: StatQuery) async throws -> StatResult
    func annualReport(year: Int, format: ReportFormat) async throws -> ReportDocument
    func incidentRecorder(year: Int) async throws -> IncidentRecorderExport
    /// The statistics export's files, by name.
    func statisticsExport(year: Int) async throws -> [String: String]
}
