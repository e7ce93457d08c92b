import Foundation
import HavenCore

// The answers of the use cases as every face hands them out: `--json` prints them, the HTTP
// API sends them, and the OpenAPI document describes them. Texts meant for people (warnings,
// reasons) are in the caller's language; everything else is coded.

// MARK: - Cases

/// A referral as a case shows it.
public struct ReferralBrief: Sendable, Equatable, Codable {
    public let id: String
    public let agency: String
    public let priority: Priority
    public let status: ReferralStatus
    public let mandatory: Bool
    public let legalBases: [String]
    public let rules: [String]
    public let dueBy: Date?
    public let overdue: Bool

    public init(_ r: ReferralSummary) {
        id = r.id; agency = r.agency; priority = r.priority; status = r.status; mandatory = r.mandatory
        legalBases = r.legalBases; rules = r.rules; dueBy = r.dueBy; overdue = r.overdue
    }
}

/// A warning raised at intake, in the caller's language. Holds no identity.
public struct Notice: Sendable, Equatable, Codable {
    public let code: String
    public let message: String
    public init(code: String, message: String) { self.code = code; self.message = message }
}

/// A new case: what intake derived and the referrals routing made.
public struct CaseCreated: Sendable, Equatable, Codable {
    public let id: CaseID
    public let gbvType: GBVType
    public let context: [CaseContext]
    public let survivorAgeGroup: AgeGroup
    public let warnings: [Notice]
    public let referrals: [ReferralBrief]

    public init(id: CaseID, gbvType: GBVType, context: [CaseContext], survivorAgeGroup: AgeGroup, warnings: [Notice],
                referrals: [ReferralBrief]) {
        self.id = id; self.gbvType = gbvType; self.context = context; self.survivorAgeGroup = survivorAgeGroup
        self.warnings = warnings; self.referrals = referrals
    }
}

/// What an import of intake JSON Lines did (1-based line numbers).
public struct CaseImport: Sendable, Equatable, Codable {
    public struct Rejected: Sendable, Equatable, Codable {
        public let line: Int
        public let error: String
        public init(line: Int, error: String) { self.line = line; self.error = error }
    }
    public struct Skipped: Sendable, Equatable, Codable {
        public let line: Int
        public let caseID: String
        public init(line: Int, caseID: String) { self.line = line; self.caseID = caseID }
    }
    public let imported: Int
    public let rejected: [Rejected]
    /// Lines an earlier import already made a case of.
    public let skipped: [Skipped]
    public let cases: [CaseCreated]

    public init(imported: Int, rejected: [Rejected], skipped: [Skipped], cases: [CaseCreated]) {
        self.imported = imported; self.rejected = rejected; self.skipped = skipped; self.cases = cases
    }
}

/// A case with its sealed fields opened, for a permitted caller (every such read is audited).
public struct CaseView: Sendable, Equatable, Codable {
    public let id: CaseID
    public let status: CaseStatus
    public let outcome: CaseOutcome?
    public let facts: CaseFacts
    public let communeName: String?
    public let formerDistrict: String?
    /// Sealed field → clear value.
    public let sealed: [SealedField: String]
    public let timeline: [TimelineEntry]
    public let referrals: [ReferralBrief]
    /// Give it to `case edit --from … --version` so a correction never overwrites a newer one.
    public let version: String

    public init(id: CaseID, status: CaseStatus, outcome: CaseOutcome?, facts: CaseFacts, communeName: String?,
                formerDistrict: String?, sealed: [SealedField: String], timeline: [TimelineEntry], referrals: [ReferralBrief],
                version: String) {
        self.id = id; self.status = status; self.outcome = outcome; self.facts = facts; self.communeName = communeName
        self.formerDistrict = formerDistrict; self.sealed = sealed; self.timeline = timeline; self.referrals = referrals
        self.version = version
    }

    /// "Commune, former district", or the commune's slug when the regions data lacks it.
    public var place: String {
        communeName.map { [$0, formerDistrict].compactMap { $0 }.joined(separator: ", ") } ?? facts.commune
    }
}

/// A case's answers as the terminal intake holds them, to correct it through the same questions.
public struct CaseAnswers: Sendable, Equatable, Codable {
    public let answers: [String: String]
    public let reportDate: LocalDate
    public init(answers: [String: String], reportDate: LocalDate) { self.answers = answers; self.reportDate = reportDate }
}

/// What a correction changed.
public struct CaseEdited: Sendable, Equatable, Codable {
    public let id: CaseID
    /// The intake questions whose answers changed (their ids, never the values), in order.
    public let changed: [String]
    /// Agencies that already hold a packet with the details as they were: to be told.
    public let agenciesHoldingEarlierDetails: [String]
    /// The re-routing the corrected facts caused (nil when no coded fact changed).
    public let route: RouteChanges?
    /// Held referrals the corrected consent sent.
    public let released: [ReferralSummary]
    /// Mediations stopped because the corrected case may not be mediated.
    public let mediationsStopped: [String]

    public init(id: CaseID, changed: [String], agenciesHoldingEarlierDetails: [String], route: RouteChanges?,
                released: [ReferralSummary], mediationsStopped: [String]) {
        self.id = id; self.changed = changed; self.agenciesHoldingEarlierDetails = agenciesHoldingEarlierDetails
        self.route = route; self.released = released; self.mediationsStopped = mediationsStopped
    }
}

/// A note added to a case.
public struct NoteAdded: Sendable, Equatable, Codable {
    public let id: CaseID
    public let note = "added"
    public init(id: CaseID) { self.id = id }
    enum CodingKeys: CodingKey { case id, note }
}

/// Consent recorded, and the held referrals it sent.
public struct ConsentRecorded: Sendable, Equatable, Codable {
    public let id: CaseID
    public let consent = "recorded"
    public let released: [ReferralSummary]
    public init(id: CaseID, released: [ReferralSummary]) { self.id = id; self.released = released }
    enum CodingKeys: CodingKey { case id, consent, released }
}

/// A case closed with its outcome.
public struct CaseClosed: Sendable, Equatable, Codable {
    public let id: CaseID
    public let status: CaseStatus
    public let outcome: CaseOutcome
    public init(id: CaseID, outcome: CaseOutcome) { self.id = id; status = .closed; self.outcome = outcome }
}

// MARK: - Routing and policy

/// The difference re-routing made.
public struct RouteChanges: Sendable, Equatable, Codable {
    public let policy: String
    public let added: [ReferralSummary]
    public let raised: [ReferralSummary]
    public let unchanged: [ReferralSummary]
    /// Referrals the active policy would not make; they are kept.
    public let notReferred: [ReferralSummary]

    public init(policy: String, added: [ReferralSummary], raised: [ReferralSummary], unchanged: [ReferralSummary],
                notReferred: [ReferralSummary]) {
        self.policy = policy; self.added = added; self.raised = raised; self.unchanged = unchanged; self.notReferred = notReferred
    }
}

/// Why routing decides what it decides, what each agency would receive, and whether
/// grassroots mediation would be allowed.
public struct RoutingExplanation: Sendable, Equatable, Codable {
    public struct Rule: Sendable, Equatable, Codable {
        public let rule: String
        public let fired: Bool
        public let tests: [String]
        public init(rule: String, fired: Bool, tests: [String]) { self.rule = rule; self.fired = fired; self.tests = tests }
    }
    public struct Referral: Sendable, Equatable, Codable {
        public let agency: String
        public let priority: Priority
        public let mandatory: Bool
        public let held: Bool
        public let legalBases: [String]
        public let rules: [String]
        /// The sealed fields its packet would hold.
        public let receives: [String]
        public init(agency: String, priority: Priority, mandatory: Bool, held: Bool, legalBases: [String], rules: [String],
                    receives: [String]) {
            self.agency = agency; self.priority = priority; self.mandatory = mandatory; self.held = held
            self.legalBases = legalBases; self.rules = rules; self.receives = receives
        }
    }
    public struct Mediation: Sendable, Equatable, Codable {
        public let eligible: Bool
        public let refusals: [Reason]
        public init(eligible: Bool, refusals: [Reason]) { self.eligible = eligible; self.refusals = refusals }
    }
    public let policy: String
    public let rules: [Rule]
    public let referrals: [Referral]
    public let blocksMediation: [String]
    public let mediation: Mediation

    public init(policy: String, rules: [Rule], referrals: [Referral], blocksMediation: [String], mediation: Mediation) {
        self.policy = policy; self.rules = rules; self.referrals = referrals; self.blocksMediation = blocksMediation
        self.mediation = mediation
    }
}

/// A rule's reason, in the caller's language.
public struct Reason: Sendable, Equatable, Codable {
    public let rule: String
    public let message: String
    public init(rule: String, message: String) { self.rule = rule; self.message = message }
}

/// A policy version made active.
public struct PolicyActivated: Sendable, Equatable, Codable {
    public let hash: String
    public init(hash: String) { self.hash = hash }
}

/// A policy folder checked (no store needed).
public struct PolicyChecked: Sendable, Equatable, Codable {
    public let hash: String
    public let agencies: Int
    public let rules: Int
    public let communes: Int
    public init(hash: String, agencies: Int, rules: Int, communes: Int) {
        self.hash = hash; self.agencies = agencies; self.rules = rules; self.communes = communes
    }
}

/// A policy folder's tests run (no store needed).
public struct PolicyTestReport: Sendable, Equatable, Codable {
    public struct Failure: Sendable, Equatable, Codable {
        public let file: String
        public let line: Int
        public let name: String
        public let differences: [String]
        public init(file: String, line: Int, name: String, differences: [String]) {
            self.file = file; self.line = line; self.name = name; self.differences = differences
        }
    }
    public let total: Int
    public let passed: Int
    public let failures: [Failure]
    public init(total: Int, passed: Int, failures: [Failure]) { self.total = total; self.passed = passed; self.failures = failures }
}

// MARK: - Referrals and agencies

/// A referral slip: what its agency receives, to be signed on receipt.
public struct ReferralSlip: Sendable, Equatable, Codable {
    public let packet: ReferralPacket
    public let status: ReferralStatus
    public init(packet: ReferralPacket, status: ReferralStatus) { self.packet = packet; self.status = status }
}

/// An agency's sent referrals as a signed bundle, sealed for the agency.
public struct ReferralBundleFile: Sendable, Equatable, Codable {
    public let agency: String
    public let count: Int
    public let data: Data
    public init(agency: String, count: Int, data: Data) { self.agency = agency; self.count = count; self.data = data }
}

/// A bundle imported into this agency's store.
public struct BundleImported: Sendable, Equatable, Codable {
    public let agency: String
    public let origin: String
    public let count: Int
    public init(agency: String, origin: String, count: Int) { self.agency = agency; self.origin = origin; self.count = count }
}

/// This store's bundle-signing key, for receiving offices to trust.
public struct OriginIdentity: Sendable, Equatable, Codable {
    public let store: String
    public let key: Data
    public let fingerprint: String
    public init(store: String, key: Data, fingerprint: String) { self.store = store; self.key = key; self.fingerprint = fingerprint }
}

/// Another store's bundles now trusted.
public struct OriginTrusted: Sendable, Equatable, Codable {
    public let store: String
    public let fingerprint: String
    public init(store: String, fingerprint: String) { self.store = store; self.fingerprint = fingerprint }
}

// MARK: - Mediation

/// Whether a case may go to grassroots mediation, and every reason it may not.
public struct MediationEligibility: Sendable, Equatable, Codable {
    public let caseID: CaseID
    public let eligible: Bool
    public let reasons: [Reason]
    public init(caseID: CaseID, reasons: [Reason]) { self.caseID = caseID; eligible = reasons.isEmpty; self.reasons = reasons }
}

/// A grassroots mediation team of a commune.
public struct Team: Sendable, Equatable, Codable {
    public let id: String
    public let commune: String
    public let name: String
    public let createdAt: Date
    public init(id: String, commune: String, name: String, createdAt: Date) {
        self.id = id; self.commune = commune; self.name = name; self.createdAt = createdAt
    }
}

/// A mediator of a team (a name the team's commune knows; never in a statistic).
public struct Mediator: Sendable, Equatable, Codable {
    public let id: String
    public let teamID: String
    public let name: String
    public let sex: Sex
    public let ethnicity: EthnicityGroup
    public let createdAt: Date
    public init(id: String, teamID: String, name: String, sex: Sex, ethnicity: EthnicityGroup, createdAt: Date) {
        self.id = id; self.teamID = teamID; self.name = name; self.sex = sex; self.ethnicity = ethnicity; self.createdAt = createdAt
    }
}

/// A team with its mediators.
public struct TeamListing: Sendable, Equatable, Codable {
    public let team: Team
    public let mediators: [Mediator]
    public init(team: Team, mediators: [Mediator]) { self.team = team; self.mediators = mediators }
}

/// A mediation's state after a change.
public struct MediationState: Sendable, Equatable, Codable {
    public let id: String
    public let caseID: CaseID
    public let team: String
    public let status: MediationStatus
    public let startDue: LocalDate
    public let end: MediationEnd?
    public init(id: String, caseID: CaseID, team: String, status: MediationStatus, startDue: LocalDate, end: MediationEnd?) {
        self.id = id; self.caseID = caseID; self.team = team; self.status = status; self.startDue = startDue; self.end = end
    }
}

/// A mediation as its team and the commune's field officers see it, with the sealed notes
/// and agreement opened.
public struct MediationView: Sendable, Equatable, Codable {
    public struct Session: Sendable, Equatable, Codable {
        public let date: LocalDate
        public let outcome: SessionOutcome
        public let escalation: Escalation
        public let note: String?
        public let agreement: String?
        public init(date: LocalDate, outcome: SessionOutcome, escalation: Escalation, note: String?, agreement: String?) {
            self.date = date; self.outcome = outcome; self.escalation = escalation; self.note = note; self.agreement = agreement
        }
    }
    public struct FollowUp: Sendable, Equatable, Codable {
        public let due: LocalDate
        public let done: LocalDate?
        public let recurred: Bool?
        public let escalation: Escalation
        public let note: String?
        public init(due: LocalDate, done: LocalDate?, recurred: Bool?, escalation: Escalation, note: String?) {
            self.due = due; self.done = done; self.recurred = recurred; self.escalation = escalation; self.note = note
        }
    }
    public let id: String
    public let caseID: CaseID
    public let team: String
    public let status: MediationStatus
    public let end: MediationEnd?
    public let startDue: LocalDate
    public let mediators: [String]
    public let conflicted: [String]
    public let sessions: [Session]
    public let followUps: [FollowUp]

    public init(id: String, caseID: CaseID, team: String, status: MediationStatus, end: MediationEnd?, startDue: LocalDate,
                mediators: [String], conflicted: [String], sessions: [Session], followUps: [FollowUp]) {
        self.id = id; self.caseID = caseID; self.team = team; self.status = status; self.end = end; self.startDue = startDue
        self.mediators = mediators; self.conflicted = conflicted; self.sessions = sessions; self.followUps = followUps
    }
}

// MARK: - Users, keys, audit, store

/// A new user and its token, shown once (stored only as a hash).
public struct UserCreated: Sendable, Equatable, Codable {
    public let user: UserSummary
    public let token: String
    public init(user: UserSummary, token: String) { self.user = user; self.token = token }
}

/// A user's token revoked.
public struct UserRevoked: Sendable, Equatable, Codable {
    public let id: String
    public let revoked = true
    public init(id: String) { self.id = id }
    enum CodingKeys: CodingKey { case id, revoked }
}

/// Who signed in.
public struct SignedIn: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let role: Role
    public init(_ caller: Caller) { id = caller.id; name = caller.name; role = caller.role }
}

/// The audit chain checked.
public struct AuditVerification: Sendable, Equatable, Codable {
    public let intact: Bool
    public let entries: Int
    public let checkpoints: Int
    /// Whether the chain's head is also anchored outside the database.
    public let anchored: Bool
    public init(entries: Int, checkpoints: Int, anchored: Bool) {
        intact = true; self.entries = entries; self.checkpoints = checkpoints; self.anchored = anchored
    }
}

/// One audit entry as administrators read it.
public struct AuditEntryView: Sendable, Equatable, Codable {
    public let sequence: Int64
    public let at: Date
    public let actor: String
    public let action: String
    public let target: String?
    public let outcome: String
    public let detail: String
    public let hash: String
    public init(sequence: Int64, at: Date, actor: String, action: String, target: String?, outcome: String, detail: String,
                hash: String) {
        self.sequence = sequence; self.at = at; self.actor = actor; self.action = action; self.target = target
        self.outcome = outcome; self.detail = detail; self.hash = hash
    }
}

/// The master key rotated.
public struct KeysRotated: Sendable, Equatable, Codable {
    public let version: Int
    public let rewrapped: Int
    public init(version: Int, rewrapped: Int) { self.version = version; self.rewrapped = rewrapped }
}

/// Old master key versions retired.
public struct KeysRetired: Sendable, Equatable, Codable {
    public let version: Int
    public let retired: [Int]
    public init(version: Int, retired: [Int]) { self.version = version; self.retired = retired }
}

/// A new store.
public struct StoreCreated: Sendable, Equatable, Codable {
    public let store: String
    public let keyFile: String
    public let adminToken: String
    public init(store: String, keyFile: String, adminToken: String) { self.store = store; self.keyFile = keyFile; self.adminToken = adminToken }
}

/// A file a command wrote on the caller's machine, with what it holds.
public struct FileWritten: Sendable, Equatable, Codable {
    public let file: String
    /// The case, referral, agency or year the file is about.
    public let subject: String?
    public let count: Int?
    public init(file: String, subject: String? = nil, count: Int? = nil) { self.file = file; self.subject = subject; self.count = count }
}

/// An agency key made on the caller's machine and its public half registered.
public struct AgencyKeyWritten: Sendable, Equatable, Codable {
    public let agency: String
    public let keyFile: String
    public let sealed: Int
    public let fingerprint: String
    public let replaced: String?
    public init(agency: String, keyFile: String, result: AgencyKeyResult) {
        self.agency = agency; self.keyFile = keyFile; sealed = result.sealed; fingerprint = result.fingerprint; replaced = result.replaced
    }
}

// MARK: - Statistics and exports

/// How the annual report is written out.
public enum ReportFormat: String, Sendable, Equatable, Codable, CaseIterable { case html, md }

/// The annual report, rendered.
public struct ReportDocument: Sendable, Equatable, Codable {
    public let year: Int
    public let format: ReportFormat
    public let text: String
    public init(year: Int, format: ReportFormat, text: String) { self.year = year; self.format = format; self.text = text }
}

/// The incident-recorder export for a data partner, k-anonymous.
public struct IncidentRecorderExport: Sendable, Equatable, Codable {
    public let csv: String
    public let k: Int
    /// Rows whose quasi-identifiers were all withheld (`*`) to reach k.
    public let withheld: Int
    /// Rows left out because even with every quasi-identifier withheld they were fewer than k.
    public let leftOut: Int
    /// Quasi-identifier → generalisation level used (0 = as recorded).
    public let levels: [String: Int]
    public init(csv: String, k: Int, withheld: Int, leftOut: Int, levels: [String: Int]) {
        self.csv = csv; self.k = k; self.withheld = withheld; self.leftOut = leftOut; self.levels = levels
    }
}

/// The incident-recorder export written to a file (the counts without the rows).
public struct ExportWritten: Sendable, Equatable, Codable {
    public let file: String
    public let k: Int
    public let withheld: Int
    public let leftOut: Int
    public let levels: [String: Int]
    public init(file: String, export: IncidentRecorderExport) {
        self.file = file; k = export.k; withheld = export.withheld; leftOut = export.leftOut; levels = export.levels
    }
}
