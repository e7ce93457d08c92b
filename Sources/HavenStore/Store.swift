import Foundation
import HavenCore

/// The storage engine behind Haven. One implementation per engine; all pass the same
/// contract tests.
///
/// `write` runs its body in one transaction: either everything the body did is committed,
/// or nothing is (a thrown error rolls back). Writers are serialised, so a body may read the
/// audit chain's head and append to it without a race, even across processes.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// A read its caller knows is short — a lookup by key or a bounded list on an index (a
    /// sign-in, the policy check, an agency's inbox) — which an engine may run on the calling
    /// thread rather than hand to one of its own and back. Never a scan: the audit chain, the
    /// statistics, a report.
    func briefRead<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
    /// A ``briefRead(_:)`` whose body runs exactly one statement (an agency's inbox): the
    /// engine gives a single statement its own consistent snapshot, so it need not open a
    /// transaction around it. A body of two statements must use ``briefRead(_:)``, which reads
    /// them in one snapshot.
    func briefStatement<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
}

extension Store {
    public func briefRead<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await read(body)
    }

    public func briefStatement<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await briefRead(body)
    }
}

/// A store that copies itself to one file while in use (the embedded SQLite store). A server
/// engine's store is backed up with that server's own tools instead (`haven backup` says so).
public protocol FileBackupStore: Store {
    /// Writes a consistent copy of the whole store to a new file (mode 0600), while the store
    /// stays in use. Refuses when the file exists.
    func backup(to path: String) async throws
}

/// An engine as a face chooses it: it makes and opens stores at a location (a folder for
/// SQLite; a URL for a server engine). The service knows only this protocol; the faces own
/// the factory that picks an engine (issue #11, item 2).
public protocol StoreEngine: Sendable {
    /// Whether a store is already at `location`: false only when the location answers and
    /// holds none; a server that cannot be reached or refuses the user is an error, never "no store".
    func exists(_ location: String) throws(StoreError) -> Bool
    /// Makes an empty store; refuses (``StoreError/alreadyExists``) when one is there.
    func create(_ location: String) throws(StoreError) -> any Store
    /// Opens an existing store (``StoreError/notFound`` when there is none).
    func open(_ location: String) throws(StoreError) -> any Store
    /// Removes what a creation that failed half-way left, so nothing half-made stays.
    func remove(_ location: String)
}

/// Queries available inside a transaction.
public protocol StoreReader {
    func meta(_ key: String) throws -> String?
    func caseRecord(_ id: CaseID) throws -> CaseRecord?
    /// Cases matching `filter`, newest report first, without their sealed fields.
    func cases(_ filter: CaseFilter) throws -> [CaseRecord]
    func caseExists(_ id: CaseID) throws -> Bool
    /// Ids of the cases whose data key is wrapped under a master-key version other than `version`.
    func cases(notWrappedWith version: Int, limit: Int) throws -> [CaseID]
    func caseCount() throws -> Int
    /// Ids and report times of the cases with this blind index.
    func cases(blindIndex: String) throws -> [(id: CaseID, reportedAt: Date)]
    /// The case an import line with this key made, if it was imported before.
    func importedCase(key: String) throws -> CaseID?
    /// Ids and report times of the cases with this survivor–perpetrator pair index.
    func cases(pairIndex: String) throws -> [(id: CaseID, reportedAt: Date)]
    func events(caseID: CaseID) throws -> [CaseEvent]
    func user(id: String) throws -> UserRecord?
    func user(tokenHash: String) throws -> UserRecord?
    func users() throws -> [UserRecord]
    /// Audit entries with sequence ≥ `from`, ascending, at most `limit`.
    func auditEntries(from: Int64, limit: Int) throws -> [AuditRecord]
    /// Audit entries about `target`, ascending.
    func auditEntries(target: String) throws -> [AuditRecord]
    func lastAuditEntry() throws -> AuditRecord?
    func auditCheckpoints() throws -> [AuditCheckpoint]

    func referral(id: String) throws -> ReferralRecord?
    func referrals(_ filter: ReferralFilter) throws -> [ReferralRecord]
    /// The public key (raw X25519) of an agency, if it has one.
    func agencyKey(_ agency: String) throws -> Data?
    func agencyKeys() throws -> [(agency: String, publicKey: Data, createdAt: Date)]
    func policyVersion(hash: String) throws -> PolicyVersion?
    func policyVersions() throws -> [PolicyVersion]
    /// The signing public key recorded for an origin store (trust on first use).
    func originKey(_ storeID: String) throws -> Data?

    func team(id: String) throws -> MediationTeam?
    func teams() throws -> [MediationTeam]
    func mediators(teamID: String) throws -> [MediatorRecord]
    func mediation(id: String) throws -> MediationRecord?
    func mediations(caseID: CaseID?) throws -> [MediationRecord]
    func sessions(mediationID: String) throws -> [MediationSession]
    func followUps(mediationID: String?) throws -> [MediationFollowUp]
    func mediationRefusals() throws -> [MediationRefusal]
    /// Each case's record key, for the cases that consented to statistics (others are absent).
    func statisticsKeys(caseIDs: [CaseID]) throws -> [CaseID: Int]

    /// Units of `source.measure` dated in `source.months`, grouped by `source.dimensions`
    /// and by consent to statistics.
    func statistics(_ source: StatSource) throws -> StatGroups

    /// Ids of the cases holding every one of `tokens` (search tokens, ``setSearchTokens``).
    func cases(searchTokens tokens: [String]) throws -> [CaseID]
    /// Whether the search tokens of the cases logged before them have been computed.
    func searchTokensPending() throws -> Bool

    /// An intake draft (sealed answers), by id.
    func draft(id: String) throws -> DraftRecord?
    /// One user's drafts, oldest first.
    func drafts(owner: String) throws -> [DraftRecord]
}

/// Changes available inside a write transaction.
public protocol StoreWriter: StoreReader {
    func setMeta(_ key: String, _ value: String) throws
    /// Inserts a case and its sealed fields; a duplicate id throws ``StoreError/duplicate``.
    func insertCase(_ record: CaseRecord) throws
    /// Replaces a case's columns and sealed fields (a correction after intake); its events,
    /// referrals and mediations stay.
    func replaceCase(_ record: CaseRecord) throws
    /// Records that the import line with `key` made `caseID` (in the case's own transaction).
    func recordImport(key: String, caseID: CaseID, at: Date) throws
    /// Stores a case's integrity tag.
    func setCaseSeal(_ id: CaseID, _ seal: Data) throws
    /// Records a case's pair index (computed on re-routing for cases logged before it existed).
    func setPairIndex(_ id: CaseID, _ pairIndex: String) throws
    func updateCaseStatus(_ id: CaseID, status: CaseStatus, outcome: CaseOutcome?, at: Date) throws
    /// Replaces a case's wrapped data key (key rotation).
    func rewrapCaseKey(_ id: CaseID, wrapped: Data, version: Int) throws
    func appendEvent(_ event: CaseEvent) throws
    func insertUser(_ user: UserRecord) throws
    func revokeUser(id: String, at: Date) throws
    func appendAudit(_ entry: AuditRecord) throws
    func insertCheckpoint(_ checkpoint: AuditCheckpoint) throws
    func updateCaseConsent(_ id: CaseID, consent: IntakeForm.Consent, at: Date) throws

    func insertReferral(_ referral: ReferralRecord) throws
    /// Replaces a referral's changing fields (status, times, packet…).
    func updateReferral(_ referral: ReferralRecord) throws
    func setAgencyKey(_ agency: String, publicKey: Data, at: Date) throws
    /// Stores a policy version (once per hash).
    func insertPolicyVersion(_ version: PolicyVersion) throws
    func setOriginKey(_ storeID: String, publicKey: Data) throws
    /// Records an escalation and/or a permanent mediation block on a case.
    func updateCaseMediationState(_ id: CaseID, escalation: Escalation, mediationBlocked: String?, at: Date) throws

    func insertTeam(_ team: MediationTeam) throws
    func insertMediator(_ mediator: MediatorRecord) throws
    func insertMediation(_ mediation: MediationRecord) throws
    func updateMediation(_ mediation: MediationRecord) throws
    func insertSession(_ session: MediationSession) throws
    func upsertFollowUp(_ followUp: MediationFollowUp) throws
    func insertMediationRefusal(_ refusal: MediationRefusal) throws

    /// Replaces a case's search tokens (keyed hashes of its survivor's name, phone, birth year).
    func setSearchTokens(_ id: CaseID, _ tokens: [String]) throws
    /// Marks the search tokens of every case as computed.
    func clearSearchTokensPending() throws

    /// Inserts or replaces an intake draft.
    func upsertDraft(_ draft: DraftRecord) throws
    func deleteDraft(id: String) throws
    /// Deletes every draft last saved before `date`; returns how many.
    func deleteDrafts(updatedBefore date: Date) throws -> Int
}

/// Errors of every store engine, converted from driver errors at the engine's boundary.
public enum StoreError: Error, Equatable, Sendable {
    /// No store at this location.
    case notFound(path: String)
    /// A store is already there.
    case alreadyExists(path: String)
    /// A unique key was taken (`what` names the table).
    case duplicate(what: String)
    /// The store stayed locked past the busy timeout.
    case busy
    /// The file could not be read or written (disk full, permissions, I/O).
    case io(detail: String)
    /// The data is not what the schema says (a corrupt row, a newer schema).
    case corrupt(detail: String)
}
