import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Settings that decide where data goes, signed with the store's key.
///
/// Someone who can write the database but does not hold the key file could otherwise swap an
/// agency's public key for their own (every later packet opens with their key), pin their own
/// store as a trusted origin of bundles, or point the active policy at a copy that sends to the
/// police without consent. Each such setting carries an Ed25519 signature by the store's
/// signing key (in the key file) over its kind, name and value, kept in `meta`; Haven checks
/// it before it uses the setting, and refuses (65) what was changed outside it.
enum StoreSignature {
    enum Kind: String { case agencyKey = "agency-key", trustedOrigin = "trusted-origin", activePolicy = "active-policy" }

    static func metaKey(_ kind: Kind, _ name: String) -> String { "sig.\(kind.rawValue).\(name)" }

    static func message(_ kind: Kind, _ name: String, _ value: Data) -> Data {
        Data("haven/signed-setting/v1|\(kind.rawValue)|\(name)|\(value.hexString)".utf8)
    }

    /// Signs a setting inside the transaction that writes it.
    static func sign(_ kind: Kind, _ name: String, value: Data, tx: any StoreWriter, keyring: Keyring) throws {
        let signature = try keyring.auditSigningKey.signature(for: message(kind, name, value))
        try tx.setMeta(metaKey(kind, name), signature.base64EncodedString())
    }

    /// Whether the setting's value is the one Haven signed.
    static func isValid(_ kind: Kind, _ name: String, value: Data, tx: any StoreReader, keyring: Keyring) throws -> Bool {
        guard let text = try tx.meta(metaKey(kind, name)), let signature = Data(base64Encoded: text) else { return false }
        return keyring.auditVerifyingKey.isValidSignature(signature, for: message(kind, name, value))
    }

    /// Refuses a setting changed outside Haven.
    static func require(_ kind: Kind, _ name: String, value: Data, tx: any StoreReader, keyring: Keyring) throws {
        guard try isValid(kind, name, value: value, tx: tx, keyring: keyring) else {
            throw HavenError.settingTampered(setting: "\(kind.rawValue) \(name)")
        }
    }

    /// Signs the settings of a store made before they were signed (with the case tags' backfill).
    static func backfill(tx: any StoreWriter, keyring: Keyring) throws {
        for key in try tx.agencyKeys() { try sign(.agencyKey, key.agency, value: key.publicKey, tx: tx, keyring: keyring) }
        if let active = try tx.meta(StoreSetup.metaActivePolicy) {
            try sign(.activePolicy, "active", value: Data(active.utf8), tx: tx, keyring: keyring)
        }
    }
}
