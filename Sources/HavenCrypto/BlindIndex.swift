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
}
