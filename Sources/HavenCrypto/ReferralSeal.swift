import Crypto
import Foundation

/// Sealed referral packets (DESIGN.md §5): HPKE (RFC 9180) base mode with DHKEM(X25519,
/// HKDF-SHA256), HKDF-SHA256 and AES-256-GCM to the agency's public key, signed by the store
/// with Ed25519 so that an offline bundle can be checked for origin.
///
/// A packet is `enc (32 bytes) ‖ ciphertext`. The HPKE `info` names the format; the AEAD's
/// associated data binds the packet to its referral id and agency, so a packet moved to
/// another referral or agency fails to open.
public enum ReferralSeal {
    public static let ciphersuite = HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .AES_GCM_256)
    public static let info = Data("haven/referral/v1".utf8)

    public static func associatedData(referralID: String, agency: String) -> Data {
        Data("haven/referral/v1|\(referralID)|\(agency)".utf8)
    }

    /// Seals `plaintext` to `recipient`.
    public static func seal(_ plaintext: Data, to recipient: Curve25519.KeyAgreement.PublicKey,
                            referralID: String, agency: String) throws -> Data {
        var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: ciphersuite, info: info)
        let ciphertext = try sender.seal(plaintext, authenticating: associatedData(referralID: referralID, agency: agency))
        return sender.encapsulatedKey + ciphertext
    }

    /// Opens a packet with the agency's private key.
    public static func open(_ packet: Data, with key: Curve25519.KeyAgreement.PrivateKey,
                            referralID: String, agency: String) throws(HavenCryptoError) -> Data {
        guard packet.count > 32 + 16 else { throw .authenticationFailed(context: "referral packet") }
        do {
            var recipient = try HPKE.Recipient(privateKey: key, ciphersuite: ciphersuite, info: info,
                                               encapsulatedKey: packet.prefix(32))
            return try recipient.open(packet.dropFirst(32), authenticating: associatedData(referralID: referralID, agency: agency))
        } catch {
            throw .authenticationFailed(context: "referral packet")
        }
    }

    static func signedMessage(referralID: String, agency: String, packet: Data) -> Data {
        Data("haven/referral-signature/v1|\(referralID)|\(agency)|".utf8) + Data(SHA256.hash(data: packet))
    }

    /// The store's signature over a packet.
    public static func sign(_ packet: Data, referralID: String, agency: String, keyring: Keyring) throws -> Data {
        try keyring.auditSigningKey.signature(for: signedMessage(referralID: referralID, agency: agency, packet: packet))
    }

    /// Checks the store's signature over a packet.
    public static func verify(_ signature: Data, packet: Data, referralID: String, agency: String,
                              origin: Curve25519.Signing.PublicKey) -> Bool {
        origin.isValidSignature(signature, for: signedMessage(referralID: referralID, agency: agency, packet: packet))
    }
}

/// An agency's key file: its X25519 private key, written once (0600) and never stored.
public enum AgencyKeyFile {
    private struct Contents: Codable {
        var format = "haven-agency-key"
        var version = 1
        var agency: String
        var privateKey: String
        var publicKey: String
    }

    public static func encode(agency: String, key: Curve25519.KeyAgreement.PrivateKey) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Contents(agency: agency, privateKey: key.rawRepresentation.base64EncodedString(),
                                           publicKey: key.publicKey.rawRepresentation.base64EncodedString()))
    }

    /// The agency id and private key of a key file.
    public static func decode(_ data: Data) throws(HavenCryptoError) -> (agency: String, key: Curve25519.KeyAgreement.PrivateKey) {
        guard let contents = try? JSONDecoder().decode(Contents.self, from: data), contents.format == "haven-agency-key",
              let raw = Data(base64Encoded: contents.privateKey),
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
            throw .malformedKeyFile(reason: "not a Haven agency key file")
        }
        return (contents.agency, key)
    }
}

/// The content hash of a policy: SHA-256 over its files, sorted by name, length-prefixed.
public enum PolicyHash {
    public static func compute(_ files: [String: String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("haven/policy/v1".utf8))
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            for part in [name, text] {
                let bytes = Data(part.utf8)
                var length = UInt64(bytes.count).bigEndian
                hasher.update(data: Data(bytes: &length, count: 8))
                hasher.update(data: bytes)
            }
        }
        return "sha256:" + Data(hasher.finalize()).hexString
    }
}
