import Crypto
import Foundation

/// The keys of one store: versioned master keys, the blind-index key and the audit
/// signing key (DESIGN.md §5).
///
/// Master keys wrap each case's data key; rotation adds a version and re-wraps. The blind
/// index and audit signing keys are independent of the master key, so that a rotation does
/// not change the index or break old checkpoint signatures.
public struct Keyring: Sendable {
    /// A random id that ties a store to its key file.
    public let id: String
    public private(set) var currentVersion: Int
    public private(set) var masterKeys: [Int: SymmetricKey]
    public let blindIndexKey: SymmetricKey
    public let auditSigningKey: Curve25519.Signing.PrivateKey

    /// A new keyring with fresh random keys.
    public static func generate() -> Keyring {
        Keyring(id: "K-" + SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) }.hexString,
                currentVersion: 1, masterKeys: [1: SymmetricKey(size: .bits256)],
                blindIndexKey: SymmetricKey(size: .bits256),
                auditSigningKey: Curve25519.Signing.PrivateKey())
    }

    public init(id: String, currentVersion: Int, masterKeys: [Int: SymmetricKey], blindIndexKey: SymmetricKey,
                auditSigningKey: Curve25519.Signing.PrivateKey) {
        self.id = id
        self.currentVersion = currentVersion
        self.masterKeys = masterKeys
        self.blindIndexKey = blindIndexKey
        self.auditSigningKey = auditSigningKey
    }

    /// The current master key.
    public var currentMasterKey: SymmetricKey { masterKeys[currentVersion]! }

    /// The master key of `version`.
    public func masterKey(version: Int) throws(HavenCryptoError) -> SymmetricKey {
        guard let key = masterKeys[version] else { throw .unknownKeyVersion(version) }
        return key
    }

    /// Adds a new master-key version and makes it current; older versions are kept so that
    /// data keys can be re-wrapped.
    public mutating func rotate() {
        let next = (masterKeys.keys.max() ?? 0) + 1
        masterKeys[next] = SymmetricKey(size: .bits256)
        currentVersion = next
    }

    /// Drops every master-key version but the current one; returns the versions dropped.
    /// Only safe once no data key is wrapped under them (``HavenService`` checks).
    public mutating func retireOldVersions() -> [Int] {
        let old = masterKeys.keys.filter { $0 != currentVersion }.sorted()
        for version in old { masterKeys[version] = nil }
        return old
    }

    /// A value the store keeps to recognise its key file without holding any key.
    public var checkValue: String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("haven/key-check/v1|\(id)".utf8), using: blindIndexKey)).hexString
    }

    /// The public half of the audit signing key.
    public var auditVerifyingKey: Curve25519.Signing.PublicKey { auditSigningKey.publicKey }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal (of `Data`, a byte array, a digest).
    public var hexString: String {
        var out = [UInt8]()
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

extension Data {

    /// Parses lower- or upper-case hexadecimal.
    public init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
