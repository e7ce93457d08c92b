import Foundation
import HavenCore

/// One operation of the HTTP API: its method and path template (`{name}` for a path
/// parameter). The server registers a handler for each; the remote client builds its
/// requests from the same values, so the two cannot drift apart; the permission-matrix test
/// walks ``Routes/all``.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    public enum Method: String, Sendable, Hashable { case get = "GET", post = "POST", put = "PUT", delete = "DELETE" }
    public let method: Method
    public let path: String
    /// The query parameters it reads.
    public let query: [String]
    /// Whether it reads a JSON body.
    public var hasBody: Bool { method == .post || method == .put }

    public init(_ method: Method, _ path: String, query: [String] = []) { self.method = method; self.path = path; self.query = query }

    /// A stable operation id for the OpenAPI document (`GET /v1/cases/{id}` → `get_cases_id`).
    public var operationID: String {
        let parts = path.split(separator: "/").filter { $0 != "v1" }.map { $0.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "") }
        return ([method.rawValue.lowercased()] + parts.map { $0.replacingOccurrences(of: "-", with: "_") }).joined(separator: "_")
    }

    /// The path with its parameters filled in (each percent-encoded as a path segment).
    public func path(_ parameters: [String: String] = [:]) -> String {
        var result = path
        for (name, value) in parameters {
            let encoded = value.addingPercentEncoding(withAllowedCharacters: Route.segment) ?? value
            result = result.replacingOccurrences(of: "{\(name)}", with: encoded)
        }
        return result
    }

    /// The parameter names of the template, in order.
    public var parameterNames: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    public var description: String { "\(method.rawValue) \(path)" }

    static let segment: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}

/// Every route of `/v1`, one per `HavenClient` operation, plus the unauthenticated ones.
public enum Routes {
    // Not signed in.
    public static let health = Route(.get, "/healthz")
    public static let ready = Route(.get, "/readyz")
    public static let metrics = Route(.get, "/metrics")

    // The store.
    public static let whoami = Route(.get, "/v1/me")
    public static let policy = Route(.get, "/v1/policy")
    public static let activatePolicy = Route(.put, "/v1/policy")
    public static let explainForm = Route(.post, "/v1/policy/explain")
    public static let now = Route(.get, "/v1/now")

    // Cases.
    public static let createCase = Route(.post, "/v1/cases")
    public static let listCases = Route(.get, "/v1/cases", query: ["status", "commune", "since", "limit"])
    public static let importCases = Route(.post, "/v1/cases/import", query: ["source", "atomic"])
    public static let findCases = Route(.post, "/v1/cases/find")
    public static let showCase = Route(.get, "/v1/cases/{id}")
    public static let editCase = Route(.put, "/v1/cases/{id}")
    public static let printCase = Route(.get, "/v1/cases/{id}/print")
    public static let caseAnswers = Route(.get, "/v1/cases/{id}/answers")
    public static let addNote = Route(.post, "/v1/cases/{id}/notes")
    public static let recordConsent = Route(.post, "/v1/cases/{id}/consent")
    public static let closeCase = Route(.post, "/v1/cases/{id}/close")
    public static let reroute = Route(.post, "/v1/cases/{id}/route")
    public static let explainCase = Route(.get, "/v1/cases/{id}/explain")
    public static let mediationEligibility = Route(.get, "/v1/cases/{id}/mediation-eligibility")

    // Drafts.
    public static let drafts = Route(.get, "/v1/drafts")
    public static let saveDraft = Route(.post, "/v1/drafts")
    public static let resumeDraft = Route(.get, "/v1/drafts/{id}")
    public static let discardDraft = Route(.delete, "/v1/drafts/{id}")

    // Referrals and agencies.
    public static let agencies = Route(.get, "/v1/agencies")
    public static let inbox = Route(.get, "/v1/agencies/{agency}/referrals", query: ["status", "overdue"])
    public static let agencyKeyNotice = Route(.get, "/v1/agencies/{agency}/key-notice")
    public static let registerAgencyKey = Route(.put, "/v1/agencies/{agency}/key")
    public static let exportReferrals = Route(.get, "/v1/agencies/{agency}/bundle")
    public static let importReferrals = Route(.post, "/v1/bundles")
    public static let originIdentity = Route(.get, "/v1/origin")
    public static let trustOrigin = Route(.post, "/v1/origins")
    public static let officerReferrals = Route(.get, "/v1/referrals/mine", query: ["all"])
    public static let heldReferrals = Route(.get, "/v1/referrals/held", query: ["pastDeadline"])
    public static let overdueReferrals = Route(.get, "/v1/referrals/overdue")
    public static let fetchReferral = Route(.get, "/v1/referrals/{id}")
    public static let referralSlip = Route(.get, "/v1/referrals/{id}/slip")
    public static let acknowledgeReferral = Route(.post, "/v1/referrals/{id}/acknowledge")
    public static let acceptReferral = Route(.post, "/v1/referrals/{id}/accept")
    public static let declineReferral = Route(.post, "/v1/referrals/{id}/decline")
    public static let closeReferral = Route(.post, "/v1/referrals/{id}/close")
    public static let releaseReferral = Route(.post, "/v1/referrals/{id}/release")

    // Mediation.
    public static let teams = Route(.get, "/v1/teams")
    public static let addTeam = Route(.post, "/v1/teams")
    public static let addMediator = Route(.post, "/v1/teams/{team}/mediators")
    public static let logbook = Route(.get, "/v1/teams/{team}/logbook", query: ["year"])
    public static let openMediation = Route(.post, "/v1/mediations")
    public static let showMediation = Route(.get, "/v1/mediations/{id}")
    public static let recordSession = Route(.post, "/v1/mediations/{id}/sessions")
    public static let recordFollowUp = Route(.post, "/v1/mediations/{id}/follow-ups")
    public static let dueFollowUps = Route(.get, "/v1/follow-ups/due")
    public static let mediationStats = Route(.get, "/v1/mediation-statistics", query: ["year", "by"])

    // Users and audit.
    public static let users = Route(.get, "/v1/users")
    public static let addUser = Route(.post, "/v1/users")
    public static let fieldOfficerAccounts = Route(.get, "/v1/users/field-officers")
    public static let revokeUser = Route(.post, "/v1/users/{id}/revoke")
    public static let verifyAudit = Route(.get, "/v1/audit/verify")
    public static let auditEntries = Route(.get, "/v1/audit", query: ["case", "limit"])

    // Statistics and reports.
    public static let statistics = Route(.post, "/v1/statistics")
    public static let annualReport = Route(.get, "/v1/reports/{year}", query: ["format"])
    public static let incidentRecorder = Route(.get, "/v1/exports/incident-recorder/{year}")
    public static let statisticsExport = Route(.get, "/v1/exports/statistics/{year}")

    /// The routes that need a signed-in caller (`Authorization: Bearer …`).
    public static let signedIn: [Route] = [
        whoami, policy, activatePolicy, explainForm, now,
        createCase, listCases, importCases, findCases, showCase, editCase, printCase, caseAnswers, addNote, recordConsent,
        closeCase, reroute, explainCase, mediationEligibility,
        drafts, saveDraft, resumeDraft, discardDraft,
        agencies, inbox, agencyKeyNotice, registerAgencyKey, exportReferrals, importReferrals, originIdentity, trustOrigin,
        officerReferrals, heldReferrals, overdueReferrals, fetchReferral, referralSlip, acknowledgeReferral, acceptReferral,
        declineReferral, closeReferral, releaseReferral,
        teams, addTeam, addMediator, logbook, openMediation, showMediation, recordSession, recordFollowUp, dueFollowUps,
        mediationStats,
        users, addUser, fieldOfficerAccounts, revokeUser, verifyAudit, auditEntries,
        statistics, annualReport, incidentRecorder, statisticsExport,
    ]
    public static let all: [Route] = [health, ready, metrics] + signedIn
    /// Routes that answer 201 Created (they make a record).
    public static let creating: Set<Route> = [createCase, addNote, saveDraft, addTeam, addMediator, openMediation, addUser]
}

// MARK: - Request bodies

/// The body of each route that takes one (JSON, with `WireJSON`'s conventions).
public enum Requests {
    public struct Note: Sendable, Codable { public let text: String; public init(text: String) { self.text = text } }
    public struct Consent: Sendable, Codable {
        public let referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?
        public init(referral: Bool?, police: Bool?, mediation: Bool?, statistics: Bool?) {
            self.referral = referral; self.police = police; self.mediation = mediation; self.statistics = statistics
        }
    }
    public struct CloseCase: Sendable, Codable { public let outcome: CaseOutcome; public init(outcome: CaseOutcome) { self.outcome = outcome } }
    public struct PolicyFiles: Sendable, Codable {
        public let files: [String: String]
        public let tests: [String: String]
        public init(files: [String: String], tests: [String: String]) { self.files = files; self.tests = tests }
    }
    /// The active policy as stored: its files and their hash.
    public struct PolicyDocument: Sendable, Codable {
        public let hash: String
        public let files: [String: String]
        public init(hash: String, files: [String: String]) { self.hash = hash; self.files = files }
    }
    public struct Now: Sendable, Codable { public let now: Date; public init(now: Date) { self.now = now } }
    public struct Draft: Sendable, Codable {
        public let id: String?
        public let answers: [String: String]
        public init(id: String?, answers: [String: String]) { self.id = id; self.answers = answers }
    }
    public struct DraftSaved: Sendable, Codable { public let id: String; public init(id: String) { self.id = id } }
    public struct Decline: Sendable, Codable { public let reason: DeclineReason; public init(reason: DeclineReason) { self.reason = reason } }
    public struct CloseReferral: Sendable, Codable {
        public let outcome: CaseOutcome
        public let actions: [ReferralAction]
        public init(outcome: CaseOutcome, actions: [ReferralAction]) { self.outcome = outcome; self.actions = actions }
    }
    public struct AgencyKey: Sendable, Codable {
        public let publicKey: Data
        public let replace: Bool
        public init(publicKey: Data, replace: Bool) { self.publicKey = publicKey; self.replace = replace }
    }
    public struct BundleImport: Sendable, Codable {
        public let bundle: Data
        public let opened: [OpenedBundleEntry]
        public init(bundle: Data, opened: [OpenedBundleEntry]) { self.bundle = bundle; self.opened = opened }
    }
    public struct TrustOrigin: Sendable, Codable {
        public let store: String, publicKey: Data, fingerprint: String
        public init(store: String, publicKey: Data, fingerprint: String) { self.store = store; self.publicKey = publicKey; self.fingerprint = fingerprint }
    }
    public struct NewTeam: Sendable, Codable {
        public let commune: String, name: String
        public init(commune: String, name: String) { self.commune = commune; self.name = name }
    }
    public struct NewMediator: Sendable, Codable {
        public let name: String, sex: Sex, ethnicity: EthnicityGroup
        public init(name: String, sex: Sex, ethnicity: EthnicityGroup) { self.name = name; self.sex = sex; self.ethnicity = ethnicity }
    }
    public struct OpenMediation: Sendable, Codable {
        public let caseID: String, team: String, conflicted: [String]
        public init(caseID: String, team: String, conflicted: [String]) { self.caseID = caseID; self.team = team; self.conflicted = conflicted }
    }
    public struct Session: Sendable, Codable {
        public let date: LocalDate, outcome: SessionOutcome, note: String?, agreement: String?, escalate: Escalation
        public init(date: LocalDate, outcome: SessionOutcome, note: String?, agreement: String?, escalate: Escalation) {
            self.date = date; self.outcome = outcome; self.note = note; self.agreement = agreement; self.escalate = escalate
        }
    }
    public struct FollowUp: Sendable, Codable {
        public let date: LocalDate, recurred: Bool, note: String?, escalate: Escalation
        public init(date: LocalDate, recurred: Bool, note: String?, escalate: Escalation) {
            self.date = date; self.recurred = recurred; self.note = note; self.escalate = escalate
        }
    }
    public struct Files: Sendable, Codable { public let files: [String: String]; public init(files: [String: String]) { self.files = files } }
    /// `PUT /v1/cases/{id}`: the corrected form as intake JSON, the answers the officer saw,
    /// and the case version the correction was made on.
    public static func editBody(form: IntakeForm, expected: [String: String]?, version: String?) -> String {
        var members: [(key: String, value: JSONValue)] = [("form", form.json)]
        if let expected { members.append(("expected", .object(expected.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
        if let version { members.append(("version", .string(version))) }
        return JSONValue.object(members).text
    }
}

/// An error answer: `{"error": code, "message": text}` in the caller's language, and for
/// Haven's own clients the error itself (`haven`), so a remote CLI prints and exits exactly as
/// a local one.
public struct ErrorAnswer: Sendable, Codable {
    public let error: String
    public let message: String
    public let haven: Data?
    public init(error: String, message: String, haven: Data?) { self.error = error; self.message = message; self.haven = haven }
}
