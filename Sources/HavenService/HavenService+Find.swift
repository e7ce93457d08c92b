import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// The cases of the actor's communes whose survivor matches every criterion given.
    public func findCases(_ search: CaseSearch, by actor: Caller) async throws -> [CaseSummary] {
        try await require(actor, .caseFind)
        let criteria = search.criteria
        guard !criteria.isEmpty else {
            throw HavenError.invalidInput(.invalidValue(path: "name", reason: .searchCriterionMissing))
        }
        var tokens: [String] = []
        for (kind, value) in criteria {
            guard let token = BlindIndex.searchToken(kind, value, key: context.keyring.blindIndexKey) else {
                let path = switch kind { case .name: "name"; case .phone: "phone"; case .birthYear: "birthYear" }
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
        // Each token once: the engines match cases holding every distinct token asked for.
        let finalTokens = Array(Set(tokens)).sorted()
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
