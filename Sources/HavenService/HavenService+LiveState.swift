import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Issue #11, item 5: a long-running process (the server) follows what another process
/// changes — a policy activated, the master key rotated — instead of the state it opened with.
extension HavenService {
    /// Reads the store's active policy and newest key version and, when another process moved
    /// either, loads the new policy (checked against its hash and signature) or reads the key
    /// file again. Every use case calls it first (through ``require(_:_:commune:agency:team:target:)``).
    func refreshState() async throws {
        let policyHash = context.policy.hash
        let keyVersion = context.keyring.currentVersion
        let (active, recorded) = try await query { tx in
            (try tx.meta(StoreSetup.metaActivePolicy), try tx.meta(Self.metaKeyVersion).flatMap(Int.init))
        }
        if let recorded, recorded > keyVersion { try reloadKeyring(atLeast: recorded) }
        if let active, active != policyHash { try await reloadPolicy(active) }
    }

    /// The key file read again, now holding version `wanted` or newer.
    private func reloadKeyring(atLeast wanted: Int) throws {
        guard let source = context.keySource, let data = FileManager.default.contents(atPath: source.path),
              let keyring = try? KeyFile.decode(data, passphrase: { source.passphrase }),
              keyring.id == context.keyring.id, keyring.currentVersion >= wanted else {
            throw HavenError.keyFileOutdated
        }
        context.live.replace(keyring: keyring)
        context.logger.notice("master key rotated elsewhere; key file read again", metadata: ["keyVersion": .stringConvertible(keyring.currentVersion)])
    }

    /// The policy version `hash`, as activated (its signature checked, its files hashed again).
    private func reloadPolicy(_ hash: String) async throws {
        let keyring = context.keyring
        let (version, signed) = try await query { tx in
            (try tx.policyVersion(hash: hash),
             try StoreSignature.isValid(.activePolicy, "active", value: Data(hash.utf8), tx: tx, keyring: keyring))
        }
        guard signed else { throw HavenError.settingTampered(setting: "active-policy") }
        guard let version else { throw HavenError.storeIO(detail: "the active policy \(hash) is not stored") }
        let policy = try PolicyLoader.load(version.files)
        guard policy.hash == hash else { throw HavenError.storeIO(detail: "the stored policy \(hash) does not match its content") }
        context.live.replace(policy: policy)
        context.logger.notice("policy activated elsewhere; loaded", metadata: ["policy": .string(hash)])
    }

    /// Inside a write transaction: refuses to write under a policy or keyring that another
    /// process replaced after this use case read them (the next attempt uses the new ones).
    static func requireCurrentState(_ tx: any StoreWriter, policy: String, keyring: Keyring) throws {
        try requireCurrentKeyFile(tx, keyring)
        if let active = try tx.meta(StoreSetup.metaActivePolicy), active != policy {
            throw HavenError.policyChangedMeanwhile
        }
    }
}
