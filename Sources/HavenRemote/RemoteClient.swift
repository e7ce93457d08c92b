import AsyncHTTPClient
import Foundation
import HavenAPI
import HavenCore
import HavenService
import NIOCore
import NIOHTTP1

/// `HavenClient` over `haven serve`: each call is one HTTPS request to the route of
/// ``Routes``, signed in with the caller's bearer token, and its answer the same wire value
/// the local client returns — so the CLI prints the same thing either way. An error answer
/// carries the service's own error, which is thrown again here (same message, same exit code).
/// Private keys never travel: packets are opened on this side (`ReferralOpener`, `BundleOpener`).
public struct RemoteClient: HavenClient {
    public let base: URL
    public let caller: Caller
    public let language: Language
    let token: String
    let policyCache: PolicyCache

    /// The largest answer read (a bundle or an export can be large).
    static let answerLimit = 256 << 20

    /// One HTTP client for the process. It follows no redirect: a redirect would carry the
    /// bearer token to wherever it points. Certificates are checked against the system's roots.
    public static let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// Whether `url` may be used: HTTPS anywhere; plain HTTP only to this machine (tests, a
    /// proxy on the same host), so a token never crosses a network in the clear.
    public static func check(_ url: URL) throws {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw HavenError.serverAddressRefused(url: Self.shown(url))
        }
        let loopback = ["localhost", "::1", "[::1]"].contains(host) || Self.isLoopbackIPv4(host)
        guard scheme == "https" || (scheme == "http" && loopback) else { throw HavenError.serverAddressRefused(url: Self.shown(url)) }
    }

    /// A dotted-quad IPv4 address in 127.0.0.0/8 (not a name that merely starts with "127.").
    static func isLoopbackIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return false
        }
        let octets = parts.compactMap { Int($0) }
        return octets.count == 4 && octets.allSatisfy { (0...255).contains($0) } && octets[0] == 127
    }

    /// The URL without user, password, query or fragment.
    public static func shown(_ url: URL) -> String {
        var parts = URLComponents()
        parts.scheme = url.scheme; parts.host = url.host; parts.port = url.port; parts.path = url.path
        return parts.string ?? "the server"
    }

    /// Signs in at `base` with `token` (who the caller is comes from the server).
    public static func signIn(_ base: URL, token: String, language: Language) async throws -> RemoteClient {
        try check(base)
        let probe = RemoteClient(base: base, caller: Caller(id: "", name: "", role: .fieldOfficer, agency: nil, communes: []),
                                 language: language, token: token, policyCache: PolicyCache())
        let caller: Caller = try await probe.send(Routes.whoami)
        return RemoteClient(base: base, caller: caller, language: language, token: token, policyCache: probe.policyCache)
    }

    // MARK: Transport

    func send<T: Decodable>(_ route: Route, _ parameters: [String: String] = [:], query: [String: String?] = [:],
                            body: Data? = nil) async throws -> T {
        let data = try await exchange(route, parameters, query: query, body: body)
        do {
            return try WireJSON.decoder().decode(T.self, from: data)
        } catch {
            throw HavenError.internal(detail: "unreadable answer from \(route)")
        }
    }

    func send<T: Decodable, B: Encodable>(_ route: Route, _ parameters: [String: String] = [:], json: B) async throws -> T {
        try await send(route, parameters, body: try WireJSON.encoder().encode(json))
    }

    func exchange(_ route: Route, _ parameters: [String: String], query: [String: String?], body: Data?) async throws -> Data {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + route.path(parameters)
        let items = query.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } }.sorted { $0.name < $1.name }
        components.percentEncodedPath = components.path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0)
        }.joined(separator: "/")
        components.queryItems = items.isEmpty ? nil : items
        guard let url = components.url else { throw HavenError.serverAddressRefused(url: Self.shown(base)) }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: route.method.rawValue)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept-Language", value: language.rawValue)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await Self.http.execute(request, timeout: .seconds(300))
            bytes = try await response.body.collect(upTo: Self.answerLimit)
        } catch {
            throw HavenError.serverUnreachable(url: Self.shown(base))
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            if let answer = try? WireJSON.decoder().decode(ErrorAnswer.self, from: data) {
                if let encoded = answer.haven, let error = try? JSONDecoder().decode(HavenError.self, from: encoded) { throw error }
                throw HavenError.serverRefused(status: Int(response.status.code), message: answer.message)
            }
            throw HavenError.serverRefused(status: Int(response.status.code), message: response.status.reasonPhrase)
        }
        return data
    }

    // MARK: The store

    public func policy() async throws -> Policy {
        if let cached = policyCache.policy { return cached }
        let document: Requests.PolicyDocument = try await send(Routes.policy)
        let policy: Policy
        do { policy = try Policy(files: document.files, hash: document.hash) } catch { throw HavenError.from(error) }
        policyCache.policy = policy
        return policy
    }
    public func now() async throws -> Date { (try await send(Routes.now) as Requests.Now).now }

    // MARK: Cases

    public func createCase(_ form: IntakeForm) async throws -> CaseCreated {
        try await send(Routes.createCase, body: Data(form.json.text.utf8))
    }
    public func importCases(jsonLines: Data, source: String, atomic: Bool,
                            progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> CaseImport {
        try await send(Routes.importCases, query: ["source": source, "atomic": atomic ? "true" : "false"], body: jsonLines)
    }
    public func drafts() async throws -> [DraftSummary] { try await send(Routes.drafts) }
    public func saveDraft(id: String?, answers: [String: String]) async throws -> String {
        (try await send(Routes.saveDraft, json: Requests.Draft(id: id, answers: answers)) as Requests.DraftSaved).id
    }
    public func resumeDraft(id: String) async throws -> [String: String] { try await send(Routes.resumeDraft, ["id": id]) }
    public func discardDraft(id: String) async throws { _ = try await exchange(Routes.discardDraft, ["id": id], query: [:], body: nil) }
    public func listCases(status: CaseStatus?, commune: String?, since: LocalDate?, limit: Int?) async throws -> [CaseSummary] {
        try await send(Routes.listCases, query: ["status": status?.rawValue, "commune": commune, "since": since?.description,
                                                 "limit": limit.map(String.init)])
    }
    public func findCases(_ search: CaseSearch) async throws -> [CaseSummary] { try await send(Routes.findCases, json: search) }
    public func showCase(_ id: String) async throws -> CaseView { try await send(Routes.showCase, ["id": id]) }
    public func printCase(_ id: String) async throws -> CaseView { try await send(Routes.printCase, ["id": id]) }
    public func caseAnswers(_ id: String) async throws -> CaseAnswers { try await send(Routes.caseAnswers, ["id": id]) }
    public func editCase(_ id: String, form: IntakeForm, expected: [String: String]?, version: String?) async throws -> CaseEdited {
        try await send(Routes.editCase, ["id": id], body: Data(Requests.editBody(form: form, expected: expected, version: version).utf8))
    }
    public func addNote(_ id: String, text: String) async throws -> NoteAdded { try await send(Routes.addNote, ["id": id], json: Requests.Note(text: text)) }
    public func recordConsent(_ id: String, referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?) async throws -> ConsentRecorded {
        try await send(Routes.recordConsent, ["id": id], json: Requests.Consent(referral: referral, police: police, mediation: mediation,
                                                                                statistics: statistics))
    }
    public func closeCase(_ id: String, outcome: CaseOutcome) async throws -> CaseClosed {
        try await send(Routes.closeCase, ["id": id], json: Requests.CloseCase(outcome: outcome))
    }
    public func reroute(_ id: String) async throws -> RouteChanges { try await send(Routes.reroute, ["id": id]) }
    public func explain(caseID: String) async throws -> RoutingExplanation { try await send(Routes.explainCase, ["id": caseID]) }
    public func explain(form: IntakeForm) async throws -> RoutingExplanation {
        try await send(Routes.explainForm, body: Data(form.json.text.utf8))
    }
    public func activatePolicy(files: [String: String], tests: [String: String]) async throws -> PolicyActivated {
        policyCache.policy = nil
        return try await send(Routes.activatePolicy, json: Requests.PolicyFiles(files: files, tests: tests))
    }

    // MARK: Referrals

    public func listReferrals(agency: String, status: ReferralStatus?, overdueOnly: Bool) async throws -> [ReferralSummary] {
        try await send(Routes.inbox, ["agency": agency], query: ["status": status?.rawValue, "overdue": overdueOnly ? "true" : nil])
    }
    public func agencyKeyNotice(agency: String) async throws -> AgencyKeyNotice? { try await send(Routes.agencyKeyNotice, ["agency": agency]) }
    public func officerReferrals(includeClosed: Bool) async throws -> [OfficerReferral] {
        try await send(Routes.officerReferrals, query: ["all": includeClosed ? "true" : nil])
    }
    public func heldReferrals(pastDeadlineOnly: Bool) async throws -> [HeldReferral] {
        try await send(Routes.heldReferrals, query: ["pastDeadline": pastDeadlineOnly ? "true" : nil])
    }
    public func referralSlip(_ id: String) async throws -> ReferralSlip { try await send(Routes.referralSlip, ["id": id]) }
    public func fetchReferral(_ id: String) async throws -> SealedReferral { try await send(Routes.fetchReferral, ["id": id]) }
    public func acknowledgeReferral(_ id: String) async throws -> ReferralSummary { try await send(Routes.acknowledgeReferral, ["id": id]) }
    public func acceptReferral(_ id: String) async throws -> ReferralSummary { try await send(Routes.acceptReferral, ["id": id]) }
    public func declineReferral(_ id: String, reason: DeclineReason) async throws -> ReferralSummary {
        try await send(Routes.declineReferral, ["id": id], json: Requests.Decline(reason: reason))
    }
    public func closeReferral(_ id: String, outcome: CaseOutcome, actions: [ReferralAction]) async throws -> ReferralSummary {
        try await send(Routes.closeReferral, ["id": id], json: Requests.CloseReferral(outcome: outcome, actions: actions))
    }
    public func releaseReferral(_ id: String) async throws -> ReferralSummary { try await send(Routes.releaseReferral, ["id": id]) }
    public func overdueReferrals() async throws -> [OverdueCount] { try await send(Routes.overdueReferrals) }
    public func exportReferrals(agency: String) async throws -> ReferralBundleFile { try await send(Routes.exportReferrals, ["agency": agency]) }
    public func importReferrals(bundle: Data, opened: [OpenedBundleEntry]) async throws -> BundleImported {
        try await send(Routes.importReferrals, json: Requests.BundleImport(bundle: bundle, opened: opened))
    }
    public func listAgencies() async throws -> [AgencySummary] { try await send(Routes.agencies) }
    public func registerAgencyKey(_ agency: String, publicKey: Data, replace: Bool) async throws -> AgencyKeyResult {
        try await send(Routes.registerAgencyKey, ["agency": agency], json: Requests.AgencyKey(publicKey: publicKey, replace: replace))
    }
    public func originIdentity() async throws -> OriginIdentity { try await send(Routes.originIdentity) }
    public func trustOrigin(_ store: String, publicKey: Data, fingerprint: String) async throws -> OriginTrusted {
        try await send(Routes.trustOrigin, json: Requests.TrustOrigin(store: store, publicKey: publicKey, fingerprint: fingerprint))
    }

    // MARK: Mediation

    public func mediationEligibility(_ caseID: String) async throws -> MediationEligibility {
        try await send(Routes.mediationEligibility, ["id": caseID])
    }
    public func addTeam(commune: String, name: String) async throws -> Team { try await send(Routes.addTeam, json: Requests.NewTeam(commune: commune, name: name)) }
    public func addMediator(team: String, name: String, sex: Sex, ethnicity: EthnicityGroup) async throws -> Mediator {
        try await send(Routes.addMediator, ["team": team], json: Requests.NewMediator(name: name, sex: sex, ethnicity: ethnicity))
    }
    public func listTeams() async throws -> [TeamListing] { try await send(Routes.teams) }
    public func openMediation(_ caseID: String, team: String, conflicted: [String]) async throws -> MediationState {
        try await send(Routes.openMediation, json: Requests.OpenMediation(caseID: caseID, team: team, conflicted: conflicted))
    }
    public func recordSession(_ mediation: String, date: LocalDate, outcome: SessionOutcome, note: String?, agreement: String?,
                              escalate: Escalation) async throws -> MediationState {
        try await send(Routes.recordSession, ["id": mediation],
                       json: Requests.Session(date: date, outcome: outcome, note: note, agreement: agreement, escalate: escalate))
    }
    public func recordFollowUp(_ mediation: String, date: LocalDate, recurred: Bool, note: String?, escalate: Escalation) async throws -> MediationState {
        try await send(Routes.recordFollowUp, ["id": mediation], json: Requests.FollowUp(date: date, recurred: recurred, note: note, escalate: escalate))
    }
    public func dueFollowUps() async throws -> [DueFollowUp] { try await send(Routes.dueFollowUps) }
    public func showMediation(_ mediation: String) async throws -> MediationView { try await send(Routes.showMediation, ["id": mediation]) }
    public func logbook(team: String, year: Int) async throws -> [LogbookEntry] {
        try await send(Routes.logbook, ["team": team], query: ["year": String(year)])
    }
    public func mediationStats(year: Int, by grouping: MediationStatsGrouping) async throws -> [MediationStatsRow] {
        try await send(Routes.mediationStats, query: ["year": String(year), "by": grouping.rawValue])
    }

    // MARK: Users and audit

    public func addUser(_ user: NewUser) async throws -> UserCreated { try await send(Routes.addUser, json: user) }
    public func listUsers() async throws -> [UserSummary] { try await send(Routes.users) }
    public func fieldOfficerAccounts() async throws -> [AccountCount] { try await send(Routes.fieldOfficerAccounts) }
    public func revokeUser(id: String) async throws -> UserRevoked { try await send(Routes.revokeUser, ["id": id]) }
    public func verifyAudit() async throws -> AuditVerification { try await send(Routes.verifyAudit) }
    public func auditEntries(caseID: String?, limit: Int) async throws -> [AuditEntryView] {
        try await send(Routes.auditEntries, query: ["case": caseID, "limit": String(limit)])
    }

    // MARK: Statistics and reports

    public func statistics(_ query: StatQuery) async throws -> StatResult { try await send(Routes.statistics, json: query) }
    public func annualReport(year: Int, format: ReportFormat) async throws -> ReportDocument {
        try await send(Routes.annualReport, ["year": String(year)], query: ["format": format.rawValue])
    }
    public func incidentRecorder(year: Int) async throws -> IncidentRecorderExport {
        try await send(Routes.incidentRecorder, ["year": String(year)])
    }
    public func statisticsExport(year: Int) async throws -> [String: String] {
        (try await send(Routes.statisticsExport, ["year": String(year)]) as Requests.Files).files
    }
}

/// The policy fetched once per client (the CLI makes one client per command).
/// `@unchecked Sendable` is sound because `stored` is only read and written with `lock` held
/// (`Synchronization.Mutex` needs macOS 15; the package supports macOS 14).
final class PolicyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Policy?
    var policy: Policy? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
