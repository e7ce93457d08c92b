import Crypto
import _CryptoExtras
import Foundation

/// The key file: a keyring kept apart from the database, optionally wrapped by a passphrase.
///
/// Format (JSON): `{"format":"haven-keyfile","version":1,"protection":"none"|"scrypt",
/// "scrypt":{"salt","logN","r","p"}, "keyring": …}` where `keyring` is the keyring JSON in
/// clear (protection none) or its AES-256-GCM seal under the scrypt-derived key, base64.
public enum KeyFile {
    /// scrypt cost: N = 2^15, r = 8, p = 1 (about 150 ms here; OWASP's minimum is 2^17 with
    /// r = 8 for interactive logins, but this key also guards every CLI command's start).
    public static let defaultLogN = 15

    private struct Envelope: Codable {
        var format = "haven-keyfile"
        var version = 1
        var protection: String
        var scrypt: ScryptParameters?
        var keyring: String
    }

    private struct ScryptParameters: Codable {
        var salt: String
        var logN: Int
        var r: Int
        var p: Int
    }

    private struct KeyringJSON: Codable {
        var id: String
        var current: Int
        var master: [String: String]
        var blindIndex: String
        var auditSigning: String
    }

    /// The key file's bytes for `keyring`, wrapped with `passphrase` when one is given.
    public static func encode(_ keyring: Keyring, passphrase: String?, logN: Int = defaultLogN) throws -> Data {
        func b64(_ key: SymmetricKey) -> String { key.withUnsafeBytes { Data($0).base64EncodedString() } }
        let inner = KeyringJSON(
            id: keyring.id, current: keyring.currentVersion,
            master: Dictionary(uniqueKeysWithValues: keyring.masterKeys.map { (String($0.key), b64($0.value)) }),
            blindIndex: b64(keyring.blindIndexKey),
            auditSigning: keyring.auditSigningKey.rawRepresentation.base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let innerData = try encoder.encode(inner)
        let envelope: Envelope
        if let passphrase {
            let salt = Data(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) })
            let parameters = ScryptParameters(salt: salt.base64EncodedString(), logN: logN, r: 8, p: 1)
            let wrapping = try deriveKey(passphrase: passphrase, parameters: parameters)
            let sealed = try AES.GCM.seal(innerData, using: wrapping, authenticating: Data("haven-keyfile-v1".utf8))
            envelope = Envelope(protection: "scrypt", scrypt: parameters, keyring: sealed.combined!.base64EncodedString())
        } else {
            envelope = Envelope(protection: "none", scrypt: nil, keyring: innerData.base64EncodedString())
        }
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(envelope)
    }

    /// True when the key file needs a passphrase.
    public static func isProtected(_ data: Data) throws(HavenCryptoError) -> Bool {
        try envelope(data).protection == "scrypt"
    }

    /// Opens a key file; `passphrase` is asked for only when the file is protected.
    public static func decode(_ data: Data, passphrase: () throws -> String?) throws -> Keyring {
        let envelope = try envelope(data)
        guard let payload = Data(base64Encoded: envelope.keyring) else { throw HavenCryptoError.malformedKeyFile(reason: "keyring is not base64") }
        let innerData: Data
        switch envelope.protection {
        case "none":
            innerData = payload
        case "scrypt":
            guard let parameters = envelope.scrypt else { throw HavenCryptoError.malformedKeyFile(reason: "missing scrypt parameters") }
            guard let phrase = try passphrase() else { throw HavenCryptoError.passphraseRequired }
            let wrapping = try deriveKey(passphrase: phrase, parameters: parameters)
            do {
                let box = try AES.GCM.SealedBox(combined: payload)
                innerData = try AES.GCM.open(box, using: wrapping, authenticating: Data("haven-keyfile-v1".utf8))
            } catch {
                throw HavenCryptoError.wrongPassphrase
            }
        default:
            throw HavenCryptoError.malformedKeyFile(reason: "unknown protection '\(envelope.protection)'")
        }
        guard let inner = try? JSONDecoder().decode(KeyringJSON.self, from: innerData) else {
            throw HavenCryptoError.malformedKeyFile(reason: "keyring is not readable")
        }
        func key(_ text: String) throws(HavenCryptoError) -> SymmetricKey {
            guard let raw = Data(base64Encoded: text), raw.count == 32 else { throw .malformedKeyFile(reason: "a key is not 256 bits") }
            return SymmetricKey(data: raw)
        }
        var master: [Int: SymmetricKey] = [:]
        for (version, text) in inner.master {
            guard let v = Int(version) else { throw HavenCryptoError.malformedKeyFile(reason: "bad key version") }
            master[v] = try key(text)
        }
        guard master[inner.current] != nil,
              let signingRaw = Data(base64Encoded: inner.auditSigning),
              let signing = try? Curve25519.Signing.PrivateKey(rawRepresentation: signingRaw) else {
            throw HavenCryptoError.malformedKeyFile(reason: "keyring is incomplete")
        }
        return Keyring(id: inner.id, currentVersion: inner.current, masterKeys: master,
                       blindIndexKey: try key(inner.blindIndex), auditSigningKey: signing)
    }

    private static func envelope(_ data: Data) throws(HavenCryptoError) -> Envelope {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data), envelope.format == "haven-keyfile" else {
            throw .malformedKeyFile(reason: "not a Haven key file")
        }
        guard envelope.version == 1 else { throw .malformedKeyFile(reason: "unsupported version \(envelope.version)") }
        return envelope
    }

    private static func deriveKey(passphrase: String, parameters: ScryptParameters) throws -> SymmetricKey {
        guard let salt = Data(base64Encoded: parameters.salt), (10...20).contains(parameters.logN) else {
            throw HavenCryptoError.malformedKeyFile(reason: "bad scrypt parameters")
        }
        return try KDF.Scrypt.deriveKey(from: Data(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt,
                                        outputByteCount: 32, rounds: 1 << parameters.logN,
                                        blockSize: parameters.r, parallelism: parameters.p)
    }
}
