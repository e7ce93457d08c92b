import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// A case with its sealed fields opened, for a permitted actor.
public struct CaseDetail: Sendable, Equatable {
    public let id: CaseID
    public let status: CaseStatus
    public let outcome: CaseOutcome?
    public let facts: CaseFacts
    public let commune: Commune?
    /// Sealed field → clear value.
    public let sealed: [SealedField: String]
    public let timeline: [TimelineEntry]
    public let referrals: [ReferralSummary]
    /// Changes whenever Haven writes the case: `case edit --from` must name the version it corrects.
    public let version: String
}

extension HavenService {
    /// Cases the actor may see (a field officer: their communes), coded fields only.
    public func listCases(status: CaseStatus? = nil, commune: String? = nil, since: LocalDate? = nil,
                          limit: Int? = nil, by actor: Caller) async throws -> [CaseSummary] {
        if let limit, limit <= 0 { throw HavenError.invalidInput(.invalidValue(path: "limit", reason: .notPositive)) }
        try await require(actor, .caseList)
        var communes = actor.communes
        if let commune {
            let slug: String
            do { slug = try context.regions.resolve(commune).slug } catch { throw HavenError.from(error) }
            guard communes.contains(slug) else {
                try await recordDenied(actor, .caseList, target: slug)
                throw HavenError.forbidden(role: actor.role, action: .caseList)
            }
            communes = [slug]
        }
        let filter = CaseFilter(status: status, communes: communes, reportedSince: since, limit: limit)
        let regions = context.regions
        return try await query { try $0.cases(filter) }.map { CaseSummary($0, communeName: regions.commune($0.facts.commune)?.name) }
    }

    /// Opens a case's sealed fields. Every such read is audited, in the same transaction
    /// that reads the ciphertext.
    public func showCase(_ idText: String, by actor: Caller) async throws -> CaseDetail {
        try await showCase(idText, action: .caseShow, by: actor)
    }

    /// Opens a case for `case show` or for printing (`action` is what the audit records).
    func showCase(_ idText: String, action: AuditAction, by actor: Caller) async throws -> CaseDetail {
        let record = try await load(idText, action: action, by: actor)
        let (events, users) = try await auditedRead(actor, action, target: record.id.rawValue) { tx in
            (try tx.events(caseID: record.id), try tx.users())
        }
        let names = Dictionary(users.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let dataKey = try unwrapKey(record)
        var sealed: [SealedField: String] = [:]
        for (name, ciphertext) in record.sealed {
            guard let field = SealedField(rawValue: name) else { continue }
            sealed[field] = try open(ciphertext, record: record, field: name, key: dataKey)
        }
        let timeline = try events.map { event in
            TimelineEntry(at: event.at, kind: event.kind.rawValue, actor: event.actor, actorName: names[event.actor], detail: event.detail,
                          note: try event.sealed.map { try open($0, record: record, field: "note:\(event.id)", key: dataKey) })
        }
        return CaseDetail(id: record.id, status: record.status, outcome: record.outcome, facts: record.facts,
                          commune: context.regions.commune(record.facts.commune), sealed: sealed, timeline: timeline,
                          referrals: try await referrals(of: record.id), version: Self.version(of: record))
    }

    /// Adds a sealed note to a case's timeline.
    public func addNote(_ idText: String, text: String, by actor: Caller) async throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty, trimmed.count <= 20_000 else {
            throw HavenError.invalidInput(.invalidValue(path: "text", reason: .noteLength))
        }
        let record = try await load(idText, action: .caseNote, by: actor)
        guard record.status == .open else { throw HavenError.caseClosed(id: record.id.rawValue) }
        let dataKey = try unwrapKey(record)
        let eventID = Identifier.make(prefix: "E", length: 12, random: context.random)
        let sealed = try FieldCipher.seal(Data(trimmed.utf8), caseID: record.id.rawValue, field: "note:\(eventID)", key: dataKey)
        try await work(actor) { w in
            try w.tx.appendEvent(CaseEvent(id: eventID, caseID: record.id, at: w.now, actor: actor.id, kind: .noteAdded,
                                         detail: "", sealed: sealed))
            try w.audit(.caseNote, target: record.id.rawValue)
        }
    }

    /// Closes an open case with a coded outcome.
    public func closeCase(_ idText: String, outcome: CaseOutcome, by actor: Caller) async throws {
        let record = try await load(idText, action: .caseClose, by: actor)
        try await work(actor) { w in
            // Re-read inside the transaction: another process may have closed it meanwhile.
            guard let current = try w.tx.caseRecord(record.id), current.status == .open else {
                throw HavenError.caseClosed(id: record.id.rawValue)
            }
            try w.tx.updateCaseStatus(record.id, status: .closed, outcome: outcome, at: w.now)
            try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
            try w.event(record.id, .statusChanged, detail: "closed:\(outcome.rawValue)")
            try w.audit(.caseClose, target: record.id.rawValue, detail: "outcome=\(outcome.rawValue)")
        }
    }

    /// Loads a case the actor may act on; a refusal is audited with the case id as target.
    func load(_ idText: String, action: AuditAction, by actor: Caller) async throws -> CaseRecord {
        try await require(actor, action, target: idText)
        guard let id = CaseID(parsing: idText), let record = try await query({ try $0.caseRecord(id) }) else {
            throw HavenError.caseNotFound(id: idText)
        }
        try await require(actor, action, commune: record.facts.commune, target: id.rawValue, refresh: false)
        return record
    }

    /// The case's data key, after checking the case's integrity tag (its clear columns and
    /// sealed-field list are as Haven last wrote them).
    func unwrapKey(_ record: CaseRecord) throws -> SymmetricKey {
        let key: SymmetricKey
        do {
            key = try FieldCipher.unwrap(record.wrappedDataKey, caseID: record.id.rawValue, version: record.keyVersion,
                                         keyring: context.keyring)
        } catch {
            throw HavenError.tampered(caseID: record.id.rawValue, field: "data key")
        }
        try CaseIntegrity.check(record, dataKey: key)
        return key
    }

    func open(_ ciphertext: Data, record: CaseRecord, field: String, key: SymmetricKey) throws -> String {
        do {
            let data = try FieldCipher.open(ciphertext, caseID: record.id.rawValue, field: field, key: key)
            guard let text = String(data: data, encoding: .utf8) else { throw HavenCryptoError.authenticationFailed(context: field) }
            return text
        } catch {
            throw HavenError.tampered(caseID: record.id.rawValue, field: field)
        }
    }
}
