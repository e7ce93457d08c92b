import Foundation
import HavenAPI
import HavenCore
import HavenService
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle

/// One request to a `/v1` route, signed in: its parameters, query and body, and the client of
/// its caller. Handlers only translate; every permission is the service's.
struct Call: Sendable {
    let client: LocalClient
    let parameters: [String: String]
    let query: [String: String]
    let body: ByteBuffer

    var language: Language { client.language }

    func parameter(_ name: String) -> String { parameters[name] ?? "" }

    func int(_ name: String) throws -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text) else {
            throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": name], language: language)
        }
        return value
    }

    func year() throws -> Int {
        guard let year = Int(parameter("year")) else {
            throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": "year"], language: language)
        }
        return year
    }

    func bool(_ name: String) throws -> Bool {
        switch query[name] {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        default: throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": name], language: language)
        }
    }

    func coded<V: CodedValue>(_ name: String, _ type: V.Type) throws -> V? {
        guard let text = query[name] else { return nil }
        guard let value = V(rawValue: text) else {
            throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": name], language: language)
        }
        return value
    }

    var data: Data { Data(body.readableBytesView) }

    /// The body as a wire value (400 with the decoder's reason when it is not one).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try WireJSON.decoder().decode(T.self, from: data)
        } catch {
            throw FaceError(status: .badRequest, code: "badBody", message: .httpBadBody, arguments: ["reason": Self.reason(error)],
                            language: language)
        }
    }

    /// The body as intake JSON (errors name the path inside it).
    func form(_ value: JSONValue? = nil) async throws -> IntakeForm {
        let regions = try await client.policy().regions
        do {
            if let value { return try IntakeForm(json: value, regions: regions) }
            return try IntakeForm(json: [UInt8](buffer: body), regions: regions)
        } catch { throw HavenError.from(error) }
    }

    func json() throws -> JSONValue {
        do { return try JSONValue(parsing: [UInt8](buffer: body)) } catch { throw HavenError.from(error) }
    }

    /// A decoding error in words that name the field, not the value.
    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON of the expected shape" : "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type or value"
        default: "not JSON"
        }
    }
}

/// An empty answer (`{}`) for operations that return nothing.
struct Done: Encodable {}

/// The HTTP face: `/v1` over the same use cases as the CLI (through `LocalClient`), health
/// and readiness, and the refusals of the face itself.
public enum HavenHTTP {
    public struct Settings: Sendable {
        /// The largest request body accepted (413 above it).
        public var bodyLimit: Int
        public var gate: Gate.Settings
        /// Whether the server speaks TLS itself (adds Strict-Transport-Security).
        public var tls: Bool
        /// Behind a reverse proxy on this machine: a request from a loopback peer is counted
        /// against the address its `X-Forwarded-For` names last (the proxy's own view).
        public var behindProxy: Bool
        /// Seconds a sign-in, the policy/key-version check and an agency's inbox list are reused
        /// by the next requests (``ServiceContext/reuseWindow``): what another process revokes,
        /// activates, rotates or refers bites within this time; what this server does, at once.
        public var reuseWindow: TimeInterval
        public init(bodyLimit: Int = 8 << 20, gate: Gate.Settings = .init(), tls: Bool = false, behindProxy: Bool = false,
                    reuseWindow: TimeInterval = 1) {
            self.bodyLimit = bodyLimit; self.gate = gate; self.tls = tls; self.behindProxy = behindProxy
            self.reuseWindow = reuseWindow
        }
    }

    /// The caller's language from `Accept-Language` (Vietnamese first when it comes first).
    static func language(_ request: Request) -> Language {
        let header = (request.headers[.acceptLanguage] ?? "").lowercased()
        let first = header.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return first.hasPrefix("vi") ? .vi : .en
    }

    public static func router(service: HavenService, settings: Settings = .init(), metrics: (@Sendable () -> String)? = nil) -> Router<ServerContext> {
        let service = service.reusing(for: settings.reuseWindow)
        let router = Router(context: ServerContext.self)
        router.add(middleware: FrontDoor(tls: settings.tls))
        if metrics != nil { router.add(middleware: MetricsMiddleware()) }
        let gate = Gate(service: service, settings: settings.gate)
        PageRoutes.register(on: router, service: service, gate: gate, sessions: Sessions(), bodyLimit: settings.bodyLimit)

        router.get(RouterPath(stringLiteral: Routes.health.path)) { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get(RouterPath(stringLiteral: Routes.ready.path)) { request, _ -> Response in
            // Ready when the store answers a read and the policy and keys are current.
            do {
                _ = try await service.readiness()
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "not ready\n")))
            }
        }
        if let metrics {
            router.get(RouterPath(stringLiteral: Routes.metrics.path)) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: metrics())))
            }
        }

        // One encoder for every answer (encoding does not change it; making one cost a small request a few µs).
        let encoder = WireJSON.encoder()
        func on<T: Encodable & Sendable>(_ route: Route, _ handler: @escaping @Sendable (Call) async throws -> T) {
            let status: HTTPResponse.Status = Routes.creating.contains(route) ? .created : .ok
            let method: HTTPRequest.Method = switch route.method {
            case .get: .get
            case .post: .post
            case .put: .put
            case .delete: .delete
            }
            let names = route.parameterNames
            router.on(RouterPath(stringLiteral: route.path), method: method) { request, context -> Response in
                let language = language(request)
                do {
                    var address = context.peer
                    if settings.behindProxy, address == "127.0.0.1" || address == "::1",
                       let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
                       !forwarded.isEmpty {
                        address = forwarded
                    }
                    let client = try await gate.client(authorization: request.headers[.authorization], address: address, language: language)
                    var body = ByteBuffer()
                    // A GET carries no body here: not waiting for its end spares a suspension (Hummingbird
                    // drains whatever a client sent anyway).
                    if method != .get { do {
                        body = try await request.body.collect(upTo: settings.bodyLimit)
                    } catch is NIOTooManyBytesError {
                        throw FaceError(status: .contentTooLarge, code: "bodyTooLarge", message: .httpBodyTooLarge,
                                        arguments: ["limit": "\(settings.bodyLimit)"], language: language)
                    } }
                    var parameters: [String: String] = [:]
                    for name in names { parameters[name] = context.parameters.get(name) }
                    var query: [String: String] = [:]
                    for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                    let answer = try await handler(Call(client: client, parameters: parameters, query: query, body: body))
                    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(answer))))
                } catch let error as any HTTPResponseError {
                    throw error
                } catch let error as HavenError {
                    throw WireError(error: error, language: language)
                } catch let error as CoreError {
                    throw WireError(error: HavenError.from(error), language: language)
                }
            }
        }

        // The store.
        on(Routes.whoami) { $0.client.caller }
        on(Routes.policy) { call in
            let policy = try await call.client.policy()
            return Requests.PolicyDocument(hash: policy.hash, files: policy.files)
        }
        on(Routes.activatePolicy) { call in
            let files = try call.decode(Requests.PolicyFiles.self)
            return try await call.client.activatePolicy(files: files.files, tests: files.tests)
        }
        on(Routes.explainForm) { call in try await call.client.explain(form: try await call.form()) }
        on(Routes.now) { call in Requests.Now(now: try await call.client.now()) }

        // Cases.
        on(Routes.createCase) { call in try await call.client.createCase(try await call.form()) }
        on(Routes.listCases) { call in
            try await call.client.listCases(status: try call.coded("status", CaseStatus.self), commune: call.query["commune"],
                                            since: try call.query["since"].map { text in
                                                guard let date = LocalDate(iso: text) else {
                                                    throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery,
                                                                    arguments: ["name": "since"], language: call.language)
                                                }
                                                return date
                                            }, limit: try call.int("limit"))
        }
        on(Routes.importCases) { call in
            try await call.client.importCases(jsonLines: call.data, source: call.query["source"] ?? "http", atomic: try call.bool("atomic"),
                                              progress: nil)
        }
        on(Routes.findCases) { call in try await call.client.findCases(try call.decode(CaseSearch.self)) }
        on(Routes.showCase) { call in try await call.client.showCase(call.parameter("id")) }
        on(Routes.editCase) { call in
            let value = try call.json()
            guard let form = value["form"] else { throw HavenError.invalidInput(.missingField(path: "form")) }
            var expected: [String: String]?
            if case .object(let members)? = value["expected"] {
                expected = Dictionary(members.compactMap { member -> (String, String)? in
                    if case .string(let text) = member.value { return (member.key, text) }
                    return nil
                }, uniquingKeysWith: { first, _ in first })
            }
            var version: String?
            if case .string(let text)? = value["version"] { version = text }
            return try await call.client.editCase(call.parameter("id"), form: try await call.form(form), expected: expected, version: version)
        }
        on(Routes.printCase) { call in try await call.client.printCase(call.parameter("id")) }
        on(Routes.caseAnswers) { call in try await call.client.caseAnswers(call.parameter("id")) }
        on(Routes.addNote) { call in try await call.client.addNote(call.parameter("id"), text: try call.decode(Requests.Note.self).text) }
        on(Routes.recordConsent) { call in
            let c = try call.decode(Requests.Consent.self)
            return try await call.client.recordConsent(call.parameter("id"), referral: c.referral, police: c.police, mediation: c.mediation,
                                                       statistics: c.statistics)
        }
        on(Routes.closeCase) { call in try await call.client.closeCase(call.parameter("id"), outcome: try call.decode(Requests.CloseCase.self).outcome) }
        on(Routes.reroute) { call in try await call.client.reroute(call.parameter("id")) }
        on(Routes.explainCase) { call in try await call.client.explain(caseID: call.parameter("id")) }
        on(Routes.mediationEligibility) { call in try await call.client.mediationEligibility(call.parameter("id")) }

        // Drafts.
        on(Routes.drafts) { call in try await call.client.drafts() }
        on(Routes.saveDraft) { call in
            let draft = try call.decode(Requests.Draft.self)
            return Requests.DraftSaved(id: try await call.client.saveDraft(id: draft.id, answers: draft.answers))
        }
        on(Routes.resumeDraft) { call in try await call.client.resumeDraft(id: call.parameter("id")) }
        on(Routes.discardDraft) { call in try await call.client.discardDraft(id: call.parameter("id")); return Done() }

        // Referrals and agencies.
        on(Routes.agencies) { call in try await call.client.listAgencies() }
        on(Routes.inbox) { call in
            try await call.client.listReferrals(agency: call.parameter("agency"), status: try call.coded("status", ReferralStatus.self),
                                                overdueOnly: try call.bool("overdue"))
        }
        on(Routes.agencyKeyNotice) { call in try await call.client.agencyKeyNotice(agency: call.parameter("agency")) }
        on(Routes.registerAgencyKey) { call in
            let key = try call.decode(Requests.AgencyKey.self)
            return try await call.client.registerAgencyKey(call.parameter("agency"), publicKey: key.publicKey, replace: key.replace)
        }
        on(Routes.exportReferrals) { call in try await call.client.exportReferrals(agency: call.parameter("agency")) }
        on(Routes.importReferrals) { call in
            let body = try call.decode(Requests.BundleImport.self)
            return try await call.client.importReferrals(bundle: body.bundle, opened: body.opened)
        }
        on(Routes.originIdentity) { call in try await call.client.originIdentity() }
        on(Routes.trustOrigin) { call in
            let body = try call.decode(Requests.TrustOrigin.self)
            return try await call.client.trustOrigin(body.store, publicKey: body.publicKey, fingerprint: body.fingerprint)
        }
        on(Routes.officerReferrals) { call in try await call.client.officerReferrals(includeClosed: try call.bool("all")) }
        on(Routes.heldReferrals) { call in try await call.client.heldReferrals(pastDeadlineOnly: try call.bool("pastDeadline")) }
        on(Routes.overdueReferrals) { call in try await call.client.overdueReferrals() }
        on(Routes.fetchReferral) { call in try await call.client.fetchReferral(call.parameter("id")) }
        on(Routes.referralSlip) { call in try await call.client.referralSlip(call.parameter("id")) }
        on(Routes.acknowledgeReferral) { call in try await call.client.acknowledgeReferral(call.parameter("id")) }
        on(Routes.acceptReferral) { call in try await call.client.acceptReferral(call.parameter("id")) }
        on(Routes.declineReferral) { call in
            try await call.client.declineReferral(call.parameter("id"), reason: try call.decode(Requests.Decline.self).reason)
        }
        on(Routes.closeReferral) { call in
            let body = try call.decode(Requests.CloseReferral.self)
            return try await call.client.closeReferral(call.parameter("id"), outcome: body.outcome, actions: body.actions)
        }
        on(Routes.releaseReferral) { call in try await call.client.releaseReferral(call.parameter("id")) }

        // Mediation.
        on(Routes.teams) { call in try await call.client.listTeams() }
        on(Routes.addTeam) { call in
            let body = try call.decode(Requests.NewTeam.self)
            return try await call.client.addTeam(commune: body.commune, name: body.name)
        }
        on(Routes.addMediator) { call in
            let body = try call.decode(Requests.NewMediator.self)
            return try await call.client.addMediator(team: call.parameter("team"), name: body.name, sex: body.sex, ethnicity: body.ethnicity)
        }
        on(Routes.logbook) { call in
            guard let year = try call.int("year") else { throw HavenError.invalidInput(.missingField(path: "year")) }
            return try await call.client.logbook(team: call.parameter("team"), year: year)
        }
        on(Routes.openMediation) { call in
            let body = try call.decode(Requests.OpenMediation.self)
            return try await call.client.openMediation(body.caseID, team: body.team, conflicted: body.conflicted)
        }
        on(Routes.showMediation) { call in try await call.client.showMediation(call.parameter("id")) }
        on(Routes.recordSession) { call in
            let body = try call.decode(Requests.Session.self)
            return try await call.client.recordSession(call.parameter("id"), date: body.date, outcome: body.outcome, note: body.note,
                                                       agreement: body.agreement, escalate: body.escalate)
        }
        on(Routes.recordFollowUp) { call in
            let body = try call.decode(Requests.FollowUp.self)
            return try await call.client.recordFollowUp(call.parameter("id"), date: body.date, recurred: body.recurred, note: body.note,
                                                        escalate: body.escalate)
        }
        on(Routes.dueFollowUps) { call in try await call.client.dueFollowUps() }
        on(Routes.mediationStats) { call in
            guard let year = try call.int("year") else { throw HavenError.invalidInput(.missingField(path: "year")) }
            let grouping = try call.query["by"].map { text in
                guard let value = MediationStatsGrouping(rawValue: text) else {
                    throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": "by"], language: call.language)
                }
                return value
            } ?? .total
            return try await call.client.mediationStats(year: year, by: grouping)
        }

        // Users and audit.
        on(Routes.users) { call in try await call.client.listUsers() }
        on(Routes.addUser) { call in try await call.client.addUser(try call.decode(NewUser.self)) }
        on(Routes.fieldOfficerAccounts) { call in try await call.client.fieldOfficerAccounts() }
        on(Routes.revokeUser) { call in try await call.client.revokeUser(id: call.parameter("id")) }
        on(Routes.verifyAudit) { call in try await call.client.verifyAudit() }
        on(Routes.auditEntries) { call in try await call.client.auditEntries(caseID: call.query["case"], limit: try call.int("limit") ?? 50) }

        // Statistics and reports.
        on(Routes.statistics) { call in try await call.client.statistics(try call.decode(StatQuery.self)) }
        on(Routes.annualReport) { call in
            let format = try call.query["format"].map { text in
                guard let value = ReportFormat(rawValue: text) else {
                    throw FaceError(status: .badRequest, code: "badQuery", message: .httpBadQuery, arguments: ["name": "format"], language: call.language)
                }
                return value
            } ?? .html
            return try await call.client.annualReport(year: try call.year(), format: format)
        }
        on(Routes.incidentRecorder) { call in try await call.client.incidentRecorder(year: try call.year()) }
        on(Routes.statisticsExport) { call in Requests.Files(files: try await call.client.statisticsExport(year: try call.year())) }
        return router
    }
}

extension HavenHTTP {
    /// Runs `router` on an ephemeral loopback port, for tests and the benchmark: its base URL,
    /// and a function that stops it gracefully.
    public static func startOnLoopback<Context: RequestContext>(_ router: Router<Context>, logger: Logger)
        async throws -> (base: String, stop: @Sendable () async -> Void) where Context.Source == ApplicationRequestContextSource {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return ("http://127.0.0.1:\(port)", { await group.triggerGracefulShutdown(); _ = try? await task.value })
    }
}
