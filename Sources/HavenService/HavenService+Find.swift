import Crypto
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// Finding a case again by what the survivor tells the officer: a name, a phone number, a
/// year of birth.
///
/// Nothing is decrypted to search: each case carries keyed hashes (``BlindIndex/searchToken``)
/// of its survivor's folded name, phone digits and birth year, and the search hashes what
/// the officer typed with the same key. A field officer sees only matches in their own
/// communes; the audit entry records which kinds were searched and how many cases matched,
/// never the values typed.
public struct CaseSearch: Sendable, Equatable {
    public var name: String?
    public var phone: String?
    public var birthYear: String?

    public init(name: String? = nil, phone: String? = nil, birthYear: String? = nil) {
        self.name = name; self.phone = phone; self.birthYear = birthYear
    }

    /// One typed answer read as what it looks like: a year (4 digits), a phone (6 or more
    /// digits), otherwise a name.
    public static func guess(_ typed: String) -> CaseSearch {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.filter(\.isNumber)
        let phoneLike = trimmed.allSatisfy { $0.isNumber || " .-+()".contains($0) }
        if phoneLike, digits.count == 4 { return CaseSearch(birthYear: digits) }
        if phoneLike, digits.count >= 6 { return CaseSearch(phone: trimmed) }
        return CaseSearch(name: trimmed)
    }

    /// The criteria given, in a fixed order.
    var criteria: [(BlindIndex.SearchKind, String)] {
        [(.name, name), (.phone, phone), (.birthYear, birthYear)].compactMap { kind, value in value.map { (kind, $0) } }
    }
}

extension HavenService {
    /// The cases of the actor's communes whose survivor matches every criterion given.
    public func findCases(_ search: CaseSearch, by actor: Caller) async throws -> [CaseSummary] {
        try await require(actor, .caseFind)
        let criteria = search.criteria
        guard !criteria.isEmpty else {
            throw HavenError.invalidInput(.invalidValue(path: "--name", reason: .searchCriterionMissing))
        }
        var tokens: [String] = []
        for (kind, value) in criteria {
            guard let token = BlindIndex.searchToken(kind, value, key: context.keyring.blindIndexKey) else {
                let path = switch kind { case .name: "--name"; case .phone: "--phone"; case .birthYear: "--born" }
                let reason: ValueProblem = switch kind { case .name: .searchNameEmpty; case .phone: .searchPhoneShort; case .birthYear: .searchYearInvalid }
                throw HavenError.invalidInput(.invalidValue(path: path, reason: reason))
            }
            tokens.append(token)
        }
        let communes = Set(actor.communes)
        let keyring = context.keyring
        let now = context.clock.now()
        let regions = context.regions
        let kinds = criteria.map(\.0.rawValue).joined(separator: ",")
        let finalTokens = tokens
        let key = keyring.blindIndexKey
        return try await run { tx in
            // A token copied onto another case with sqlite3 must not send the officer to the
            // wrong survivor: each match of the officer's communes is confirmed from its own
            // sealed fields (cases the officer may read anyway), and one that does not confirm
            // is left out.
            let matches = try tx.cases(searchTokens: finalTokens).compactMap { try tx.caseRecord($0) }
                .filter { communes.contains($0.facts.commune) }
                .filter { record in
                    guard let values = try? Router.sealedValues(record, keyring: keyring) else { return false }
                    return Set(finalTokens).isSubset(of: Self.searchTokens(values, key: key))
                }
                .sorted { ($0.facts.reportedAt, $0.id.rawValue) > ($1.facts.reportedAt, $1.id.rawValue) }
            // Who looked for which case: the ids found (not personal data), never what was typed.
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .caseFind, target: nil, outcome: .allowed,
                                detail: "by=\(kinds) found=\(matches.count)\(matches.isEmpty ? "" : " cases=" + matches.map(\.id.rawValue).joined(separator: ","))")
            return matches.map { CaseSummary($0, communeName: regions.commune($0.facts.commune)?.name) }
        }
    }

    /// Computes the search tokens of the cases logged before them, once, on the first open
    /// with the key. A case whose sealed fields do not open is left without tokens (it is
    /// reported by `audit verify`, not here).
    static func backfillSearchTokens(store: any Store, keyring: Keyring) async throws {
        guard try await store.read({ try $0.searchTokensPending() }) else { return }
        try await store.write { tx in
            guard try tx.searchTokensPending() else { return }
            var indexed = 0, skipped = 0
            for summary in try tx.cases(CaseFilter()) {
                guard let record = try tx.caseRecord(summary.id),
                      let values = try? Router.sealedValues(record, keyring: keyring) else { skipped += 1; continue }
                try tx.setSearchTokens(record.id, searchTokens(values, key: keyring.blindIndexKey))
                indexed += 1
            }
            try tx.clearSearchTokensPending()
            // A store made with the search (no case yet) has nothing to say.
            guard indexed + skipped > 0 else { return }
            try AuditLog.append(tx, keyring: keyring, at: Date(), actor: "haven", action: .storeInit, target: "search-index",
                                outcome: .allowed, detail: "search tokens indexed=\(indexed) skipped=\(skipped)")
        }
    }

    /// A case's search tokens from the clear values of its sealed fields.
    static func searchTokens(_ values: [SealedField: String], key: SymmetricKey) -> [String] {
        let birthYear = values[.survivorBirthYear].flatMap { Int($0) }
            ?? values[.survivorBirthDate].flatMap { LocalDate(iso: $0)?.year }
        return BlindIndex.searchTokens(name: values[.survivorName], phone: values[.survivorPhone], birthYear: birthYear, key: key)
    }
}
