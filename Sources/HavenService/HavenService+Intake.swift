import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// A warning raised at intake. Holds no identity.
public enum IntakeWarning: Sendable, Equatable {
    /// Earlier cases share this survivor's blind index.
    case repeatSurvivor(earlierCases: Int)
    /// Referrals held until the survivor consents.
    case referralsHeld(count: Int)

    public var code: String {
        switch self {
        case .repeatSurvivor: "repeat_survivor"
        case .referralsHeld: "referrals_held"
        }
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .repeatSurvivor(let n): Catalogue.text(.warningRepeatSurvivor, language, ["count": "\(n)"])
        case .referralsHeld(let n): Catalogue.text(.warningHeld, language, ["count": "\(n)"])
        }
    }
}

/// What intake derived for one new case.
public struct IntakeResult: Sendable, Equatable {
    public let id: CaseID
    public let gbvType: GBVType
    public let contexts: [CaseContext]
    public let survivorAgeGroup: AgeGroup
    public let warnings: [IntakeWarning]
    /// The referrals routing made, in the same transaction.
    public let referrals: [ReferralSummary]
}

/// The outcome of an import: cases created, lines rejected, and lines skipped because an
/// earlier import already made their case (1-based line numbers).
public struct ImportResult: Sendable, Equatable {
    public let imported: [IntakeResult]
    public let rejected: [LineError]
    public let skipped: [(line: Int, caseID: CaseID)]

    public static func == (a: ImportResult, b: ImportResult) -> Bool {
        a.imported == b.imported && a.rejected == b.rejected && a.skipped.map(\.line) == b.skipped.map(\.line)
            && a.skipped.map(\.caseID) == b.skipped.map(\.caseID)
    }
}

extension HavenService {
    /// Logs one case: derives its coded facts, seals its identifying fields, checks the blind
    /// index for earlier cases of the same survivor, and writes case, timeline and audit in
    /// one transaction.
    public func createCase(_ form: IntakeForm, by actor: Caller) async throws -> IntakeResult {
        try await require(actor, .caseCreate, commune: form.commune, target: form.commune)
        let prepared = try prepare(form)
        return try await work(actor) { w in try Self.insert(prepared, w) }
    }

    /// Imports intake JSON Lines. Every bad line is reported with its number and reason and
    /// good lines are kept, each case all-or-nothing; with `atomic`, one bad line rejects the
    /// whole file and nothing is written. `source` names the input in messages (a file name).
    public func importCases(jsonLines data: Data, source: String = "input", atomic: Bool, by actor: Caller,
                            progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> ImportResult {
        try await require(actor, .caseCreate)
        var prepared: [(line: Int, case: PreparedCase, key: String)] = []
        var rejected: [LineError] = []
        var deniedCommunes = 0
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let form = try IntakeForm(json: line, regions: context.regions)
                guard Authorization.allows(actor, .caseCreate, commune: form.commune) else {
                    deniedCommunes += 1
                    throw HavenError.forbidden(role: actor.role, action: .caseCreate)
                }
                prepared.append((lineNumber, try prepare(form), Self.importKey(form, key: context.keyring.blindIndexKey)))
            } catch {
                rejected.append(LineError(line: lineNumber, error: HavenError.from(error)))
            }
        }
        if deniedCommunes > 0 { try await recordDenied(actor, .caseCreate, target: "import") }
        if atomic && !rejected.isEmpty { throw HavenError.importRejected(lines: rejected) }
        if prepared.isEmpty && rejected.isEmpty { throw HavenError.invalidInput(.invalidValue(path: source, reason: .noCases)) }

        let total = prepared.count
        var imported: [IntakeResult] = []
        var skipped: [(line: Int, caseID: CaseID)] = []
        imported.reserveCapacity(total)
        // Batches keep commits (fsync) few; each case is whole within its batch.
        let batchSize = atomic ? max(total, 1) : 500
        var start = 0
        while start < total {
            let batch = Array(prepared[start..<min(start + batchSize, total)])
            let results = try await work(actor) { w -> [(line: Int, result: IntakeResult?, earlier: CaseID?)] in
                var made: [String: CaseID] = [:]
                return try batch.map { item in
                    // Already imported (an earlier run, or the same line twice in this file): skipped.
                    if let earlier = try made[item.key] ?? w.tx.importedCase(key: item.key) { return (item.line, nil, earlier) }
                    let result = try Self.insert(item.case, w)
                    try w.tx.recordImport(key: item.key, caseID: result.id, at: w.now)
                    made[item.key] = result.id
                    return (item.line, result, nil)
                }
            }
            for item in results {
                if let result = item.result { imported.append(result) }
                else if let earlier = item.earlier { skipped.append((item.line, earlier)) }
            }
            start += batch.count
            progress?(start, total)
        }
        context.logger.info("import finished", metadata: ["imported": .stringConvertible(imported.count),
                                                          "rejected": .stringConvertible(rejected.count), "actor": .string(actor.id)])
        return ImportResult(imported: imported, rejected: rejected, skipped: skipped)
    }

    /// A line's import key: HMAC-SHA256 under the blind-index key over the line's commune and
    /// either the key the line gives or the case in canonical form (so spacing and member
    /// order do not make a new case). Scoped by commune: one commune's keys never collide with
    /// another's, and a skipped line names only a case of the same commune. Keyed, so the
    /// stored value says nothing about the line.
    static func importKey(_ form: IntakeForm, key: SymmetricKey) -> String {
        var canonical = form
        canonical.importKey = nil
        return BlindIndex.importKey(scope: form.commune, given: form.importKey, canonical: canonical.json.text, key: key)
    }

    /// A form with its derived facts, ready to be sealed under its case id.
    struct PreparedCase: Sendable {
        let form: IntakeForm
        let facts: CaseFacts
        let sealedValues: [SealedField: String]
        let blindIndex: String?
        let pairIndex: String?
        /// Keyed hashes for `haven case find`.
        let searchTokens: [String]
    }

    func prepare(_ form: IntakeForm) throws -> PreparedCase {
        guard let commune = context.regions.commune(form.commune) else {
            throw HavenError.invalidInput(.unknownCommune(value: form.commune, suggestions: []))
        }
        var form = form
        // A report without a time is reported now, in the province's time zone.
        if form.reportedAt == nil { form.reportedOffsetSeconds = context.regions.utcOffsetSeconds }
        let facts: CaseFacts
        do {
            facts = try CaseFacts.derive(from: form, commune: commune, now: context.clock.now(), risk: context.policy.risk,
                                         danger: context.policy.dangerRisk)
        } catch { throw HavenError.from(error) }
        let sealedValues = SealedField.values(of: form)
        return PreparedCase(form: form, facts: facts, sealedValues: sealedValues,
                            blindIndex: BlindIndex.survivor(name: form.survivor.name, birthYear: form.survivor.knownBirthYear,
                                                            key: context.keyring.blindIndexKey),
                            pairIndex: BlindIndex.pair(survivorName: form.survivor.name, birthYear: form.survivor.knownBirthYear,
                                                       perpetratorName: form.perpetrator.name, key: context.keyring.blindIndexKey),
                            searchTokens: Self.searchTokens(sealedValues, key: context.keyring.blindIndexKey))
    }

    /// Seals and inserts one prepared case inside `tx`, routes it under `policy`, and writes
    /// its timeline entries and audit entries, all in the caller's transaction.
    static func insert(_ prepared: PreparedCase, _ w: Work) throws -> IntakeResult {
        // 40-bit ids collide within large stores now and then: draw again (the sealed fields
        // are bound to the id, so they are sealed after the id is known to be free).
        var id = CaseID(random: w.random)
        while try w.tx.caseExists(id) { id = CaseID(random: w.random) }
        let dataKey = FieldCipher.newDataKey()
        var sealed: [String: Data] = [:]
        for (field, value) in prepared.sealedValues {
            sealed[field.rawValue] = try FieldCipher.seal(Data(value.utf8), caseID: id.rawValue, field: field.rawValue, key: dataKey)
        }
        try Self.requireCurrentKeyFile(w.tx, w.keyring)
        let wrapped = try FieldCipher.wrap(dataKey, caseID: id.rawValue, keyring: w.keyring)
        let earlier = try prepared.blindIndex.map { try w.tx.cases(blindIndex: $0) } ?? []
        var record = CaseRecord(id: id, facts: prepared.facts, status: .open, outcome: nil, createdBy: w.actor,
                                createdAt: w.now, updatedAt: w.now, keyVersion: wrapped.version, wrappedDataKey: wrapped.wrapped,
                                blindIndex: prepared.blindIndex, sealed: sealed)
        record.pairIndex = prepared.pairIndex
        let keyBytes = w.random.bytes(2)
        record.recordKey = (Int(keyBytes[0]) << 8 | Int(keyBytes[1])) % PerturbationTable.keySpace
        record.seal = try CaseIntegrity.tag(record, dataKey: dataKey)
        try w.tx.insertCase(record)
        try w.tx.setSearchTokens(id, prepared.searchTokens)
        try w.event(id, .created, detail: "type=\(prepared.facts.gbvType.rawValue)")
        try w.audit(.caseCreate, target: id.rawValue, detail: "commune=\(prepared.facts.commune) type=\(prepared.facts.gbvType.rawValue) repeat=\(earlier.count)")

        // A new case of a survivor whose earlier case reached a mediation agreement: that
        // mediation failed (recurrence), in this same transaction.
        try failMediationsOnRecurrence(newCase: id, blindIndex: prepared.blindIndex, reportDate: prepared.facts.reportDate, w)
        let facts = try Router.facts(prepared.facts, caseID: id, blindIndex: prepared.blindIndex, pairIndex: prepared.pairIndex,
                                     incidentDate: prepared.form.incident.date, forceRepeat: false,
                                     guardianConsent: prepared.form.carer.consented, tx: w.tx, now: w.now,
                                     regions: w.policy.regions)
        let decision = w.policy.route(facts)
        let changes = try Router.apply(decision, caseID: id, facts: prepared.facts, sealed: prepared.sealedValues, existing: [], w)
        try w.event(id, .routed, detail: "policy=\(w.policy.hash.prefix(19))")
        try w.audit(.caseRoute, target: id.rawValue, detail: Router.auditDetail(changes, policy: w.policy.hash))
        var warnings: [IntakeWarning] = earlier.isEmpty ? [] : [.repeatSurvivor(earlierCases: earlier.count)]
        let held = changes.added.filter { $0.status == .held }.count
        if held > 0 { warnings.append(.referralsHeld(count: held)) }
        return IntakeResult(id: id, gbvType: prepared.facts.gbvType, contexts: prepared.facts.contexts,
                            survivorAgeGroup: prepared.facts.survivorAgeGroup, warnings: warnings,
                            referrals: changes.added.map { ReferralSummary($0, now: w.now) })
    }
}
