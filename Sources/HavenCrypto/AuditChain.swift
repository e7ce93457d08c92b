import Crypto
import Foundation

/// Hashing and signing for the tamper-evident audit chain (DESIGN.md §5).
///
/// An entry's hash is SHA-256 over the previous entry's hash and the entry's fields, each
/// length-prefixed so that no two field lists share an encoding. Checkpoints sign
/// `(sequence, hash)` with Ed25519.
public enum AuditChain {
    /// The hash that precedes the first entry.
    public static let genesis = Data(repeating: 0, count: 32)

    /// The hash of an entry with `fields` following `previous`.
    public static func hash(previous: Data, fields: [String]) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data("haven/audit/v1".utf8))
        hasher.update(data: previous)
        for field in fields {
            let bytes = Data(field.utf8)
            var length = UInt32(bytes.count).bigEndian
            hasher.update(data: Data(bytes: &length, count: 4))
            hasher.update(data: bytes)
        }
        return Data(hasher.finalize())
    }

    static func checkpointMessage(sequence: Int64, hash: Data) -> Data {
        Data("haven/audit-checkpoint/v1|\(sequence)|\(hash.hexString)".utf8)
    }

    /// Signs a checkpoint at `sequence` whose entry hash is `hash`.
    public static func sign(sequence: Int64, hash: Data, keyring: Keyring) throws -> Data {
        try keyring.auditSigningKey.signature(for: checkpointMessage(sequence: sequence, hash: hash))
    }

    /// Checks a checkpoint signature.
    public static func verify(signature: Data, sequence: Int64, hash: Data, key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: checkpointMessage(sequence: sequence, hash: hash))
    }
}

/// Tokens: random 256-bit secrets shown once and stored only as a SHA-256 hash.
public enum Token {
    /// A new token, `hvn_` and 43 base64url characters.
    public static func generate() -> String {
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let text = raw.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "hvn_" + text
    }

    /// The stored form of a token. Tokens carry 256 bits of entropy, so a fast hash suffices.
    /// Every request signs in with it: the digest's own bytes are written as hex, without a `Data` between.
    public static func hash(_ token: String) -> String {
        var token = token
        return token.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }.hexString
    }
}
