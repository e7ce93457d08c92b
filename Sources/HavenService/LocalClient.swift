import Foundation
import HavenAPI
import HavenCore
import HavenStore

/// `HavenClient` over a store on this machine: each call is the service's use case for the
/// signed-in caller, its answer turned into wire values (texts in the caller's language).
public struct LocalClient: HavenClient {
    public let service: HavenService
    public let caller: Caller
    public let language: Language

    public init(service: HavenService, caller: Caller, language: Language) {
        self.service = service; self.caller = caller; self.language = language
    }

    /// Signs in with a token.
    public static func signIn(_ service: HavenService, token: String, language: Language) async throws -> LocalClient {
        LocalClient(service: service, caller: try await service.authenticate(token: token), language: language)
    }

    /// Runs the calls of one request (a dashboard page) with their audit entries written in one
    /// transaction (``HavenService/batch(_:)``).
    public func batch<T: Sendable>(_ body: @Sendable (LocalClient) async throws -> T) async throws -> T {
        try await service.batch { try await service.request { try await body(self) } }
    }

    public func policy() async throws -> Policy { service.context.policy }
    public func now() async throws -> Date { service.context.clock.now() }

    // MARK: Cases

    public func createCase(_ form: IntakeForm) async throws -> CaseCreated {
        try await service.request { CaseCreated(try await service.createCase(form, by: caller), language: language) }
    }

    public func importCases(jsonLines: Data, source: String, atomic: Bool,
                            progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> CaseImport {
        try await service.request {
            let result = try await service.importCases(jsonLines: jsonLines, source: source, atomic: atomic, by: caller, progress: progress)
            return CaseImport(imported: result.imported.count,
                              rejected: result.rejected.map { .init(line: $0.line, error: $0.error.message(language)) },
                              skipped: result.skipped.map { .init(line: $0.line, caseID: $0.caseID.rawValue) },
                              cases: result.imported.map { CaseCreated($0, language: language) })
        }
    }

    public func drafts() async throws -> [DraftSummary] {
        try await service.request { try await service.drafts(by: caller) }
    }
    public func saveDraft(id: String?, answers: [String: String]) async throws -> String {
        try await service.request { try await service.saveDraft(id: id, answers: answers, by: caller) }
    }
    public func resumeDraft(id: String) async throws -> [String: String] {
        try await service.request { try await service.resumeDraft(id: id, by: caller) }
    }
    public func discardDraft(id: String) async throws {
        try await service.request { try await service.discardDraft(id: id, by: caller) }
    }

    public func listCases(status: CaseStatus?, commune: String?, since: LocalDate?, limit: Int?) async throws -> [CaseSummary] {
        try await service.request { try await service.listCases(status: status, commune: commune, since: since, limit: limit, by: caller) }
    }
    public func findCases(_ search: CaseSearch) async throws -> [CaseSummary] {
        try await service.request { try await service.findCases(search, by: caller) }
    }
    public func showCase(_ id: String) async throws -> CaseView {
        try await service.request { CaseView(try await service.showCase(id, by: caller)) }
    }
    public func printCase(_ id: String) async throws -> CaseView {
        try await service.request { try await service.printCase(id, by: caller) }
    }

    public func caseAnswers(_ id: String) async throws -> CaseAnswers {
        try await service.request {
            let (answers, reportDate) = try await service.caseAnswers(id, by: caller)
            return CaseAnswers(answers: answers, reportDate: reportDate)
        }
    }

    public func editCase(_ id: String, form: IntakeForm, expected: [String: String]?, version: String?) async throws -> CaseEdited {
        try await service.request {
            let edit = try await service.editCase(id, form: form, expected: expected, version: version, by: caller)
            return CaseEdited(id: edit.id, changed: edit.changed, agenciesHoldingEarlierDetails: edit.agenciesHoldingEarlierDetails,
                              route: edit.route.map(RouteChanges.init), released: edit.released, mediationsStopped: edit.mediationsStopped)
        }
    }

    public func addNote(_ id: String, text: String) async throws -> NoteAdded {
        try await service.request {
            try await service.addNote(id, text: text, by: caller)
            return NoteAdded(id: try Self.caseID(id))
        }
    }

    public func recordConsent(_ id: String, referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?) async throws -> ConsentRecorded {
        try await service.request {
            let released = try await service.recordConsent(id, referral: referral, police: police, mediation: mediation,
                                                           statistics: statistics, by: caller)
            return ConsentRecorded(id: try Self.caseID(id), released: released)
        }
    }

    public func closeCase(_ id: String, outcome: CaseOutcome) async throws -> CaseClosed {
        try await service.request {
            try await service.closeCase(id, outcome: outcome, by: caller)
            return CaseClosed(id: try Self.caseID(id), outcome: outcome)
        }
    }

    /// A case id the service has just accepted.
    static func caseID(_ text: String) throws -> CaseID {
        guard let id = CaseID(parsing: text) else { throw HavenError.caseNotFound(id: text) }
        return id
    }

    // MARK: Routing and policy

    public func reroute(_ id: String) async throws -> RouteChanges {
        try await service.request { RouteChanges(try await service.reroute(id, by: caller)) }
    }
    public func explain(caseID: String) async throws -> RoutingExplanation {
        try await service.request { RoutingExplanation(try await service.explain(caseID: caseID, by: caller), language: language) }
    }
    public func explain(form: IntakeForm) async throws -> RoutingExplanation {
        try await service.request { RoutingExplanation(try await service.explain(form: form, by: caller), language: language) }
    }
    public func activatePolicy(files: [String: String], tests: [String: String]) async throws -> PolicyActivated {
        try await service.request { PolicyActivated(hash: try await service.activatePolicy(files: files, tests: tests, by: caller).hash) }
    }

    // MARK: Referrals and agencies

    public func listReferrals(agency: String, status: ReferralStatus?, overdueOnly: Bool) async throws -> [ReferralSummary] {
        try await service.request { try await service.listReferrals(agency: agency, status: status, overdueOnly: overdueOnly, by: caller) }
    }
    public func agencyKeyNotice(agency: String) async throws -> AgencyKeyNotice? {
        try await service.request { try await service.agencyKeyNotice(agency: agency, by: caller) }
    }
    public func officerReferrals(includeClosed: Bool) async throws -> [OfficerReferral] {
        try await service.request { try await service.officerReferrals(includeClosed: includeClosed, by: caller) }
    }
    public func heldReferrals(pastDeadlineOnly: Bool) async throws -> [HeldReferral] {
        try await service.request { try await service.heldReferrals(pastDeadlineOnly: pastDeadlineOnly, by: caller) }
    }
    public func referralSlip(_ id: String) async throws -> ReferralSlip {
        try await service.request { try await service.referralSlip(id, by: caller) }
    }
    public func fetchReferral(_ id: String) async throws -> SealedReferral {
        try await service.request { try await service.fetchReferral(id, by: caller) }
    }
    public func acknowledgeReferral(_ id: String) async throws -> ReferralSummary {
        try await service.request { try await service.acknowledgeReferral(id, by: caller) }
    }
    public func acceptReferral(_ id: String) async throws -> ReferralSummary {
        try await service.request { try await service.acceptReferral(id, by: caller) }
    }
    public func declineReferral(_ id: String, reason: DeclineReason) async throws -> ReferralSummary {
        try await service.request { try await service.declineReferral(id, reason: reason, by: caller) }
    }
    public func closeReferral(_ id: String, outcome: CaseOutcome, actions: [ReferralAction]) async throws -> ReferralSummary {
        try await service.request { try await service.closeReferral(id, outcome: outcome, actions: actions, by: caller) }
    }
    public func releaseReferral(_ id: String) async throws -> ReferralSummary {
        try await service.request { try await service.releaseReferral(id, by: caller) }
    }
    public func overdueReferrals() async throws -> [OverdueCount] {
        try await service.request { try await service.overdueReferrals(by: caller) }
    }
    public func exportReferrals(agency: String) async throws -> ReferralBundleFile {
        try await service.request {
            let (data, count) = try await service.exportReferrals(agency: agency, by: caller)
            return ReferralBundleFile(agency: agency, count: count, data: data)
        }
    }
    public func importReferrals(bundle: Data, opened: [OpenedBundleEntry]) async throws -> BundleImported {
        try await service.request {
            let (agency, origin, count) = try await service.importReferrals(bundle: bundle, opened: opened, by: caller)
            return BundleImported(agency: agency, origin: origin, count: count)
        }
    }
    public func listAgencies() async throws -> [AgencySummary] {
        try await service.request { try await service.listAgencies(by: caller) }
    }
    public func registerAgencyKey(_ agency: String, publicKey: Data, replace: Bool) async throws -> AgencyKeyResult {
        try await service.request { try await service.registerAgencyKey(agency, publicKey: publicKey, replace: replace, by: caller) }
    }
    public func originIdentity() async throws -> OriginIdentity {
        try await service.request {
            let identity = try await service.originIdentity(by: caller)
            return OriginIdentity(store: identity.storeID, key: identity.publicKey, fingerprint: identity.fingerprint)
        }
    }
    public func trustOrigin(_ store: String, publicKey: Data, fingerprint: String) async throws -> OriginTrusted {
        try await service.request {
            try await service.trustOrigin(store, publicKey: publicKey, fingerprint: fingerprint, by: caller)
            return OriginTrusted(store: store, fingerprint: HavenService.fingerprint(publicKey))
        }
    }

    // MARK: Mediation

    public func mediationEligibility(_ caseID: String) async throws -> MediationEligibility {
        try await service.request {
            let result = try await service.mediationEligibility(caseID, by: caller)
            return MediationEligibility(caseID: result.caseID, reasons: result.reasons.map { Reason($0, language: language) })
        }
    }
    public func addTeam(commune: String, name: String) async throws -> Team {
        try await service.request { Team(try await service.addTeam(commune: commune, name: name, by: caller)) }
    }
    public func addMediator(team: String, name: String, sex: Sex, ethnicity: EthnicityGroup) async throws -> Mediator {
        try await service.request { Mediator(try await service.addMediator(team: team, name: name, sex: sex, ethnicity: ethnicity, by: caller)) }
    }
    public func listTeams() async throws -> [TeamListing] {
        try await service.request { try await service.listTeams(by: caller).map { TeamListing(team: Team($0.team), mediators: $0.mediators.map(Mediator.init)) } }
    }
    public func openMediation(_ caseID: String, team: String, conflicted: [String]) async throws -> MediationState {
        try await service.request { MediationState(try await service.openMediation(caseID, team: team, conflicted: conflicted, by: caller)) }
    }
    public func recordSession(_ mediation: String, date: LocalDate, outcome: SessionOutcome, note: String?, agreement: String?,
                              escalate: Escalation) async throws -> MediationState {
        try await service.request {
            MediationState(try await service.recordSession(mediation, date: date, outcome: outcome, note: note, agreement: agreement,
            escalate: escalate, by: caller))
        }
    }
    public func recordFollowUp(_ mediation: String, date: LocalDate, recurred: Bool, note: String?,
                               escalate: Escalation) async throws -> MediationState {
        try await service.request { MediationState(try await service.recordFollowUp(mediation, date: date, recurred: recurred, note: note, escalate: escalate, by: caller)) }
    }
    public func dueFollowUps() async throws -> [DueFollowUp] {
        try await service.request { try await service.dueFollowUps(by: caller) }
    }
    public func showMediation(_ mediation: String) async throws -> MediationView {
        try await service.request { MediationView(try await service.showMediation(mediation, by: caller)) }
    }
    public func logbook(team: String, year: Int) async throws -> [LogbookEntry] {
        try await service.request { try await service.logbook(team: team, year: year, by: caller) }
    }
    public func mediationStats(year: Int, by grouping: MediationStatsGrouping) async throws -> [MediationStatsRow] {
        try await service.request { try await service.mediationStats(year: year, by: grouping, actor: caller) }
    }

    // MARK: Users and audit

    public func addUser(_ user: NewUser) async throws -> UserCreated {
        try await service.request {
            let (summary, token) = try await service.addUser(user, by: caller)
            return UserCreated(user: summary, token: token)
        }
    }
    public func listUsers() async throws -> [UserSummary] {
        try await service.request { try await service.listUsers(by: caller) }
    }
    public func fieldOfficerAccounts() async throws -> [AccountCount] {
        try await service.request { try await service.fieldOfficerAccounts(by: caller) }
    }
    public func revokeUser(id: String) async throws -> UserRevoked {
        try await service.request {
            try await service.revokeUser(id: id, by: caller)
            return UserRevoked(id: id)
        }
    }
    public func verifyAudit() async throws -> AuditVerification {
        try await service.request {
            let result = try await service.verifyAudit(by: caller)
            return AuditVerification(entries: Int(result.entries), checkpoints: result.checkpoints, anchored: service.auditAnchorPresent)
        }
    }
    public func auditEntries(caseID: String?, limit: Int) async throws -> [AuditEntryView] {
        try await service.request {
            try await service.auditEntries(caseID: caseID, limit: limit, by: caller).map {
                AuditEntryView(sequence: $0.sequence, at: $0.at, actor: $0.actor, action: $0.action, target: $0.target,
                               outcome: $0.outcome.rawValue, detail: $0.detail, hash: $0.hash.map { String(format: "%02x", $0) }.joined())
            }
        }
    }

    // MARK: Statistics and reports

    public func statistics(_ query: StatQuery) async throws -> StatResult {
        try await service.request { try await service.statistics(query, by: caller) }
    }
    public func annualReport(year: Int, format: ReportFormat) async throws -> ReportDocument {
        try await service.request {
            let report = try await service.annualReport(year: year, language: language, by: caller)
            return ReportDocument(year: year, format: format, text: format == .md ? report.markdown() : report.html())
        }
    }
    public func incidentRecorder(year: Int) async throws -> IncidentRecorderExport {
        try await service.request {
            let (csv, report) = try await service.incidentRecorder(year: year, by: caller)
            return IncidentRecorderExport(csv: csv, k: service.context.policy.disclosure.k, withheld: report.locallySuppressed,
                                          leftOut: report.dropped, levels: report.levels)
        }
    }
    public func statisticsExport(year: Int) async throws -> [String: String] {
        try await service.request { try await service.statisticsExport(year: year, by: caller) }
    }
}

// MARK: - Domain results as wire values

extension CaseCreated {
    init(_ result: IntakeResult, language: Language) {
        self.init(id: result.id, gbvType: result.gbvType, context: result.contexts, survivorAgeGroup: result.survivorAgeGroup,
                  warnings: result.warnings.map { Notice(code: $0.code, message: $0.message(language)) },
                  referrals: result.referrals.map(ReferralBrief.init))
    }
}

extension CaseView {
    init(_ d: CaseDetail) {
        self.init(id: d.id, status: d.status, outcome: d.outcome, facts: d.facts, communeName: d.commune?.name,
                  formerDistrict: d.commune?.formerDistrict, sealed: d.sealed, timeline: d.timeline,
                  referrals: d.referrals.map(ReferralBrief.init), version: d.version)
    }
}

extension RouteChanges {
    init(_ r: RouteResult) {
        self.init(policy: r.policyHash, added: r.added, raised: r.raised, unchanged: r.unchanged, notReferred: r.notReferred)
    }
}

extension Reason {
    init(_ reason: PolicyReason, language: Language) { self.init(rule: reason.rule, message: reason.message.text(language)) }
}

extension RoutingExplanation {
    init(_ e: Explanation, language: Language) {
        let d = e.decision
        self.init(policy: d.policyHash,
                  rules: d.traces.map { .init(rule: $0.rule, fired: $0.fired, tests: $0.tests) },
                  referrals: d.referrals.map { .init(agency: $0.agency, priority: $0.priority, mandatory: $0.mandatory, held: $0.held,
                                                     legalBases: $0.legalBases, rules: $0.rules, receives: e.receives[$0.agency] ?? []) },
                  blocksMediation: d.mediationBlocks.map(\.rule),
                  mediation: .init(eligible: e.mediation.isEmpty, refusals: e.mediation.map { Reason($0, language: language) }))
    }
}

extension Team {
    init(_ t: MediationTeam) { self.init(id: t.id, commune: t.commune, name: t.name, createdAt: t.createdAt) }
}

extension Mediator {
    init(_ m: MediatorRecord) {
        self.init(id: m.id, teamID: m.teamID, name: m.name, sex: m.sex, ethnicity: m.ethnicity, createdAt: m.createdAt)
    }
}

extension MediationState {
    init(_ m: MediationRecord) {
        self.init(id: m.id, caseID: m.caseID, team: m.teamID, status: m.status, startDue: m.startDue, end: m.end)
    }
}

extension MediationView {
    init(_ d: MediationDetail) {
        let m = d.mediation
        self.init(id: m.id, caseID: m.caseID, team: m.teamID, status: m.status, end: m.end, startDue: m.startDue,
                  mediators: m.mediators, conflicted: m.conflicted,
                  sessions: d.sessions.map { .init(date: $0.date, outcome: $0.outcome, escalation: $0.escalation, note: $0.note,
                                                   agreement: $0.agreement) },
                  followUps: d.followUps.map { .init(due: $0.due, done: $0.done, recurred: $0.recurred, escalation: $0.escalation,
                                                     note: $0.note) })
    }
}
