import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// What a rotation did.
    public struct Rotation: Sendable, Equatable {
        public let version: Int
        public let rewrapped: Int
    }

    /// Makes a new master-key version and re-wraps every case's data key under it
    /// (administrators). Crash-safe in this order: the key file is replaced first (atomically)
    /// with the new version *and* all old ones, so keys not yet re-wrapped still open; then the
    /// data keys are re-wrapped in batches, each batch one transaction. Running it again after
    /// a crash finishes the work. Sealed fields are never re-encrypted: only their data keys'
    /// wrapping changes.
    ///
    /// Returns the new context, whose keyring holds the new version.
    ///
    /// Two rotations at once must not both make "version N+1": each would keep only its own in
    /// the key file, and the other's data keys would never open again. So a rotation holds an
    /// exclusive lock on the key file (a second one is refused at once, ``HavenError/keysBusy``),
    /// re-reads the key file under the lock, and claims the new version in the store inside the
    /// transaction that writes the key file: a process holding another copy of the key file
    /// finds the store's version ahead of its own and is refused (``HavenError/keyFileOutdated``).
    public func rotateKeys(keyFile path: String, passphrase: String?, by actor: Caller) async throws -> (Rotation, HavenService) {
        try await require(actor, .keysRotate)
        let lock = try KeyFileLock(keyFile: path)
        defer { lock.release() }
        guard let onDisk = FileManager.default.contents(atPath: path),
              let current = try? KeyFile.decode(onDisk, passphrase: { passphrase }),
              current.currentVersion == context.keyring.currentVersion else {
            throw HavenError.keyFileOutdated
        }
        var keyring = context.keyring
        keyring.rotate()
        let claimed = keyring
        try await run { tx in
            try Self.requireCurrentKeyFile(tx, claimed)
            if let recorded = try tx.meta(Self.metaKeyVersion).flatMap(Int.init), recorded >= claimed.currentVersion {
                throw HavenError.keyFileOutdated
            }
            try tx.setMeta(Self.metaKeyVersion, "\(claimed.currentVersion)")
            // Written while the transaction is open: a failure rolls the claim back.
            do {
                try PrivateFile.write(try KeyFile.encode(claimed, passphrase: passphrase), to: path, exclusive: false)
            } catch {
                throw HavenError.storeIO(detail: "cannot replace the key file")
            }
        }
        // Every copy of this context now seals under the new version.
        context.live.replace(keyring: keyring)
        let rotated = self
        let count = try await rotated.rewrapAll(by: actor)
        return (Rotation(version: keyring.currentVersion, rewrapped: count), rotated)
    }

    /// Re-wraps every data key not yet under the current master-key version.
    func rewrapAll(by actor: Caller) async throws -> Int {
        let keyring = context.keyring
        let version = keyring.currentVersion
        let now = context.clock.now()
        var total = 0
        while true {
            let first = total == 0
            let done = try await run { tx -> Int in
                try Self.requireCurrentKeyFile(tx, keyring)
                if first { try tx.setMeta(Self.metaKeyVersion, "\(version)") }
                let batch = try tx.cases(notWrappedWith: version, limit: 500)
                for id in batch {
                    guard let record = try tx.caseRecord(id) else { continue }
                    let dataKey = try FieldCipher.unwrap(record.wrappedDataKey, caseID: id.rawValue, version: record.keyVersion, keyring: keyring)
                    let wrapped = try FieldCipher.wrap(dataKey, caseID: id.rawValue, keyring: keyring)
                    try tx.rewrapCaseKey(id, wrapped: wrapped.wrapped, version: wrapped.version)
                }
                if !batch.isEmpty || first {
                    try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .keysRotate, target: nil,
                                        outcome: .allowed, detail: "version=\(version) rewrapped=\(batch.count)")
                }
                return batch.count
            }
            total += done
            if done == 0 { break }
        }
        context.logger.notice("master key rotated", metadata: ["version": .stringConvertible(version), "rewrapped": .stringConvertible(total)])
        return total
    }

    /// The store's record of its newest master-key version (written by a rotation).
    static let metaKeyVersion = "keys.version"

    /// Refuses a write from a process whose key file predates the store's newest master-key
    /// version: after a rotation (and a retirement) it would wrap a data key under a version
    /// that is being retired, leaving that case unreadable.
    static func requireCurrentKeyFile(_ tx: any StoreWriter, _ keyring: Keyring) throws {
        if let recorded = try tx.meta(metaKeyVersion).flatMap(Int.init), recorded > keyring.currentVersion {
            throw HavenError.keyFileOutdated
        }
    }

    /// What a retirement did.
    public struct Retirement: Sendable, Equatable {
        public let version: Int
        public let retired: [Int]
    }

    /// Removes every master-key version but the current one from the key file
    /// (administrators), once no case's data key is wrapped under an older one. The check,
    /// the audit entry and the key-file replacement happen in one transaction, so a case
    /// written meanwhile by a process holding an older key file is refused
    /// (``requireCurrentKeyFile``) rather than wrapped under a retired version. Copies of
    /// the old key file (backups) still hold the old versions; destroying them finishes it.
    public func retireKeys(keyFile path: String, passphrase: String?, by actor: Caller) async throws -> Retirement {
        try await require(actor, .keysRetire)
        let lock = try KeyFileLock(keyFile: path)
        defer { lock.release() }
        guard let onDisk = FileManager.default.contents(atPath: path),
              let current = try? KeyFile.decode(onDisk, passphrase: { passphrase }),
              current.currentVersion == context.keyring.currentVersion,
              Set(current.masterKeys.keys) == Set(context.keyring.masterKeys.keys) else {
            throw HavenError.keyFileOutdated
        }
        var remaining = context.keyring
        let retired = remaining.retireOldVersions()
        let keyring = remaining
        let now = context.clock.now()
        guard !retired.isEmpty else { return Retirement(version: keyring.currentVersion, retired: []) }
        try await run { tx in
            try Self.requireCurrentKeyFile(tx, keyring)
            guard try tx.cases(notWrappedWith: keyring.currentVersion, limit: 1).isEmpty else { throw HavenError.keysInUse }
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .keysRetire, target: nil, outcome: .allowed,
                                detail: "version=\(keyring.currentVersion) retired=\(retired.map(String.init).joined(separator: ","))")
            do {
                try PrivateFile.write(try KeyFile.encode(keyring, passphrase: passphrase), to: path, exclusive: false)
            } catch {
                throw HavenError.storeIO(detail: "cannot replace the key file")
            }
        }
        context.logger.notice("old master-key versions retired", metadata: ["version": .stringConvertible(keyring.currentVersion),
                                                                              "retired": .stringConvertible(retired.count)])
        return Retirement(version: keyring.currentVersion, retired: retired)
    }
}

/// An exclusive, non-blocking lock on a key file across processes (`flock` on
/// `<key file>.lock`), held while the key file is rotated or retired. The lock goes with the
/// process: a crash never leaves it held.
struct KeyFileLock {
    let fd: Int32

    init(keyFile path: String) throws {
        fd = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HavenError.storeIO(detail: "cannot open the key file's lock") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw HavenError.keysBusy
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Whether a key file is protected by a passphrase (for faces that must ask for it).
public enum KeyFilePassphrase {
    public static func isProtected(_ data: Data) throws -> Bool { try KeyFile.isProtected(data) }
}
