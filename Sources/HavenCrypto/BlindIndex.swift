import Crypto
import Foundation
import HavenCore

/// The blind index: finds repeat victimisation without decrypting anything.
///
/// HMAC-SHA256 under the keyring's blind-index key over the folded name (NFC, lower case,
/// Vietnamese diacritics folded, đ → d, spaces collapsed) and the birth year. Without the
/// key the value says nothing; with it, only equality can be tested.
public enum BlindIndex {
    /// The index of a survivor, or nil when the name or birth year is missing.
    public static func survivor(name: String?, birthYear: Int?, key: SymmetricKey) -> String? {
        guard let name, let birthYear else { return nil }
        let folded = TextFolding.fold(name)
        guard !folded.isEmpty else { return nil }
        let message = Data("haven/blind-index/v1|\(folded)|\(birthYear)".utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).hexString
    }

    /// The import key of one intake line: keyed like the indexes above, so the stored value
    /// says nothing about the line. `scope` (the commune) keeps keys of different communes apart;
    /// `value` is the sender's own key, or the case in canonical form.
    public static func importKey(scope: String, given: String?, canonical: String, key: SymmetricKey) -> String {
        let message = given.map { "haven/import-key/v2|\(scope)|given|\($0)" } ?? "haven/import-key/v2|\(scope)|form|\(canonical)"
        return Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)).hexString
    }

    /// The index of a survivor–perpetrator pair, or nil when the survivor's name or birth
    /// year, or the perpetrator's name, is missing. A different domain string from
    /// ``survivor(name:birthYear:key:)``, so the two never compare equal.
    public static func pair(survivorName: String?, birthYear: Int?, perpetratorName: String?, key: SymmetricKey) -> String? {
        guard let survivorName, let birthYear, let perpetratorName else { return nil }
        let survivor = TextFolding.fold(survivorName)
        let perpetrator = TextFolding.fold(perpetratorName)
        guard !survivor.isEmpty, !perpetrator.isEmpty else { return nil }
        let message = Data("haven/pair-index/v1|\(survivor)|\(birthYear)|\(perpetrator)".utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).hexString
    }

    /// What a field officer may search cases by (`haven case find`).
    public enum SearchKind: String, CaseIterable, Sendable {
        case name, phone, birthYear
    }

    /// A search token: HMAC-SHA256 under the blind-index key over the kind and the normalised
    /// value (names folded like the survivor index, phones as digits with +84 read as 0). The
    /// kind is inside the MAC, so tokens of different kinds never compare equal and a token
    /// does not say which kind it is. Nil when the value normalises to nothing.
    public static func searchToken(_ kind: SearchKind, _ value: String, key: SymmetricKey) -> String? {
        guard let normalised = normalise(kind, value) else { return nil }
        let message = Data("haven/search/v1|\(kind.rawValue)|\(normalised)".utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).hexString
    }

    /// The normalised form a search token is computed over, or nil when there is nothing to search.
    public static func normalise(_ kind: SearchKind, _ value: String) -> String? {
        switch kind {
        case .name:
            let folded = TextFolding.fold(value)
            return folded.contains(where: \.isLetter) ? folded : nil
        case .phone:
            var digits = String(value.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
            // +84 912…, 0084 912…, 84912… and +84 0912… are all 0912….
            if digits.hasPrefix("0084") { digits = String(digits.dropFirst(4)) }
            else if value.trimmingCharacters(in: .whitespaces).hasPrefix("+84") || (digits.hasPrefix("84") && digits.count == 11) {
                digits = String(digits.dropFirst(2))
            }
            if !digits.hasPrefix("0") && digits.count == 9 { digits = "0" + digits }
            return digits.count >= 6 ? digits : nil
        case .birthYear:
            guard let year = Int(value.trimmingCharacters(in: .whitespaces)), (1900...2100).contains(year) else { return nil }
            return String(year)
        }
    }

    /// The search tokens of a survivor (each present value once).
    public static func searchTokens(name: String?, phone: String?, birthYear: Int?, key: SymmetricKey) -> [String] {
        [name.flatMap { searchToken(.name, $0, key: key) },
         phone.flatMap { searchToken(.phone, $0, key: key) },
         birthYear.flatMap { searchToken(.birthYear, String($0), key: key) }].compactMap { $0 }
    }
}
