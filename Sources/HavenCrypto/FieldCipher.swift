import Crypto
import Foundation

/// Sealed fields and wrapped data keys (DESIGN.md §5).
///
/// A field ciphertext is `0x01 ‖ nonce(12) ‖ ciphertext ‖ tag(16)`, AES-256-GCM under the
/// case's data key with associated data `haven/field/v1|<case id>|<field>`: a ciphertext
/// moved to another case or field, or altered in any bit, fails to open.
public enum FieldCipher {
    static let formatByte: UInt8 = 0x01

    /// A fresh random 256-bit data key for one case.
    public static func newDataKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    static func fieldAAD(caseID: String, field: String) -> Data { Data("haven/field/v1|\(caseID)|\(field)".utf8) }
    static func keyAAD(caseID: String, version: Int) -> Data { Data("haven/data-key/v1|\(caseID)|\(version)".utf8) }

    /// Encrypts `plaintext` for `field` of `caseID`.
    public static func seal(_ plaintext: Data, caseID: String, field: String, key: SymmetricKey) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: fieldAAD(caseID: caseID, field: field))
        var out = Data([formatByte])
        out.append(box.combined!)
        return out
    }

    /// Decrypts a field sealed by ``seal(_:caseID:field:key:)``.
    public static func open(_ ciphertext: Data, caseID: String, field: String, key: SymmetricKey) throws(HavenCryptoError) -> Data {
        guard ciphertext.count >= 1 + 12 + 16, ciphertext.first == formatByte else {
            throw .authenticationFailed(context: field)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: ciphertext.dropFirst())
            return try AES.GCM.open(box, using: key, authenticating: fieldAAD(caseID: caseID, field: field))
        } catch {
            throw .authenticationFailed(context: field)
        }
    }

    /// Wraps a case's data key under the keyring's current master key.
    public static func wrap(_ dataKey: SymmetricKey, caseID: String, keyring: Keyring) throws -> (wrapped: Data, version: Int) {
        let version = keyring.currentVersion
        let raw = dataKey.withUnsafeBytes { Data($0) }
        let box = try AES.GCM.seal(raw, using: keyring.currentMasterKey, authenticating: keyAAD(caseID: caseID, version: version))
        return (box.combined!, version)
    }

    /// Unwraps a case's data key.
    public static func unwrap(_ wrapped: Data, caseID: String, version: Int, keyring: Keyring) throws(HavenCryptoError) -> SymmetricKey {
        let master = try keyring.masterKey(version: version)
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            let raw = try AES.GCM.open(box, using: master, authenticating: keyAAD(caseID: caseID, version: version))
            return SymmetricKey(data: raw)
        } catch {
            throw .authenticationFailed(context: "data key")
        }
    }
}
