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
        if context.live.stateIsFresh(within: context.reuseWindow) { return }
        let policyHash = context.policy.hash
        let keyVersion = context.keyring.currentVersion
        let keyring = context.keyring
        // One transaction: the active hash, its stored version and its signature are read together,
        // so an activation in between cannot make a valid policy look tampered with.
        let (active, recorded, candidate) = try await briefQuery { tx -> (String?, Int?, (PolicyVersion?, Bool)?) in
            if let movedTo = try tx.meta(Self.metaMovedTo) { throw HavenError.storeMoved(to: movedTo) }
            let active = try tx.meta(StoreSetup.metaActivePolicy)
            let recorded = try tx.meta(Self.metaKeyVersion).flatMap(Int.init)
            guard let active, active != policyHash else { return (active, recorded, nil) }
            let signed = try StoreSignature.isValid(.activePolicy, "active", value: Data(active.utf8), tx: tx, keyring: keyring)
            return (active, recorded, (try tx.policyVersion(hash: active), signed))
        }
        if let recorded, recorded > keyVersion { reloadKeyring(atLeast: recorded) }
        if let active, let (version, signed) = candidate {
            guard signed else { throw HavenError.settingTampered(setting: "active-policy") }
            guard let version else { throw HavenError.storeIO(detail: "the active policy \(active) is not stored") }
            let policy = try PolicyLoader.load(version.files)
            guard policy.hash == active else { throw HavenError.storeIO(detail: "the stored policy \(active) does not match its content") }
            // Only over the policy this reload started from: a slower reload never puts back an older one.
            if context.live.replace(policy: policy, ifStillAt: policyHash) {
                context.logger.notice("policy activated elsewhere; loaded", metadata: ["policy": .string(active)])
            }
        }
        if context.reuseWindow > 0 { context.live.markStateChecked() }
    }

    /// The key file read again, now holding version `wanted` or newer. When it does not (this
    /// process's key file is an older copy), the keyring in use stays: reads go on, and every
    /// write is refused inside its transaction (``requireCurrentKeyFile``) until the process is
    /// given the rotated key file.
    private func reloadKeyring(atLeast wanted: Int) {
        // A key file already found lacking is read again (scrypt) only once it changed.
        let modified = context.keySource.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date }
        let attempt = "\(wanted)|\(modified?.timeIntervalSince1970 ?? 0)"
        guard context.live.firstKeyReload(attempt) else { return }
        guard let source = context.keySource, let data = FileManager.default.contents(atPath: source.path),
              let keyring = try? KeyFile.decode(data, passphrase: { source.passphrase }),
              keyring.id == context.keyring.id, keyring.currentVersion >= wanted else {
            context.logger.warning("master key rotated elsewhere, and this process's key file does not have the new version")
            return
        }
        context.live.replace(keyring: keyring)
        context.logger.notice("master key rotated elsewhere; key file read again", metadata: ["keyVersion": .stringConvertible(keyring.currentVersion)])
    }

    /// Runs one request's use cases under the policy and keyring in force when it starts: a
    /// reload by a concurrent request (a server's) does not change them halfway, and a write under
    /// them after another process replaced them is refused in its transaction (75).
    public func request<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if context.pinned != nil { return try await body() }
        try await refreshState()
        let (policy, keyring) = context.live.snapshot()
        var pins = LiveState.pins
        pins[ObjectIdentifier(context.live)] = LiveState.Pin(policy: policy, keyring: keyring)
        return try await LiveState.$pins.withValue(pins) { try await body() }
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
