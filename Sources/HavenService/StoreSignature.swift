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
    enum Kind: String {
        case agencyKey = "agency-key", trustedOrigin = "trusted-origin", activePolicy = "active-policy"
        /// A user row: who may sign in with which token hash, as what role, for which communes or
        /// agency. Unsigned, someone who can write the database (a PostgreSQL role, sqlite3 on the
        /// file) could add a user whose token they know, or widen one.
        case user = "user"
    }

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

    /// What a user row's signature covers: every column, the display name included.
    static func userValue(_ user: UserRecord) -> Data {
        let fields = [user.id, user.name, user.role.rawValue, user.agency ?? "-", user.communes.joined(separator: ","), user.tokenHash,
                      String(Int64((user.createdAt.timeIntervalSince1970 * 1000).rounded())),
                      user.revokedAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? "-",
                      user.mediator ?? "-", user.team ?? "-"]
        // Length-prefixed, so no two different rows give the same bytes.
        return Data(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|").utf8)
    }

    /// Signs a user row as it now stands, inside the transaction that wrote it.
    static func signUser(_ id: String, tx: any StoreWriter, keyring: Keyring) throws {
        guard let user = try tx.user(id: id) else { return }
        try sign(.user, user.id, value: userValue(user), tx: tx, keyring: keyring)
    }

    /// Whether a user row is the one Haven signed.
    static func userIsValid(_ user: UserRecord, tx: any StoreReader, keyring: Keyring) throws -> Bool {
        try isValid(.user, user.id, value: userValue(user), tx: tx, keyring: keyring)
    }

    /// Audit target of the one-time signing of the users of a store made before user rows were signed.
    static let usersTarget = "user-signatures"

    /// Signs every user of a store made before user rows were signed, once (its audit entry says
    /// it was done, so a row added later outside Haven is never blessed by a later open).
    static func backfillUsers(store: any Store, keyring: Keyring, now: Date) async throws {
        let done = try await store.read { tx in
            try !tx.auditEntries(target: usersTarget).isEmpty
                || (try tx.auditEntries(from: 1, limit: 1).first?.detail.contains("users=v1") ?? false)
        }
        if done { return }
        try await store.write { tx in
            let users = try tx.users()
            for user in users { try sign(.user, user.id, value: userValue(user), tx: tx, keyring: keyring) }
            try AuditLog.append(tx, keyring: keyring, at: now, actor: "haven", action: .storeInit, target: usersTarget,
                                outcome: .allowed, detail: "user rows signed; users=\(users.count)")
            try AuditLog.signHead(tx, keyring: keyring)
        }
    }
}
