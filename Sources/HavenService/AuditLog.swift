import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// The tamper-evident audit chain (DESIGN.md §5).
///
/// Each entry carries the SHA-256 of the previous one; every ``checkpointInterval`` entries a
/// checkpoint is signed with Ed25519, and the chain's head (last sequence and hash) is signed
/// at the end of every transaction that appended (``signHead(_:keyring:)``), so that deleting
/// entries at the end is caught too. Appends run in the caller's write transaction: an action
/// and its audit entry commit together.
public enum AuditLog {
    public static let checkpointInterval: Int64 = 100
    static let metaHead = "audit.head"

    /// Appends one entry after the current head.
    @discardableResult
    public static func append(_ tx: any StoreWriter, keyring: Keyring, at: Date, actor: String, action: AuditAction,
                              target: String?, outcome: AuditOutcome, detail: String) throws -> AuditRecord {
        let last = try tx.lastAuditEntry()
        let sequence = (last?.sequence ?? 0) + 1
        let previous = last?.hash ?? AuditChain.genesis
        // Millisecond precision, as hashed.
        let stamp = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        var entry = AuditRecord(sequence: sequence, at: stamp, actor: actor, action: action.rawValue, target: target,
                                outcome: outcome, detail: detail, previousHash: previous, hash: Data())
        entry.hash = AuditChain.hash(previous: previous, fields: entry.hashedFields)
        try tx.appendAudit(entry)
        if sequence % checkpointInterval == 0 {
            let signature = try AuditChain.sign(sequence: sequence, hash: entry.hash, keyring: keyring)
            try tx.insertCheckpoint(AuditCheckpoint(sequence: sequence, hash: entry.hash, signature: signature, at: stamp))
        }
        return entry
    }

    /// Signs the chain's head if entries were appended since it was last signed. Every write
    /// transaction ends with this call (``HavenService`` does it in one place), so one
    /// signature covers a whole batch.
    public static func signHead(_ tx: any StoreWriter, keyring: Keyring) throws {
        guard let last = try tx.lastAuditEntry() else { return }
        let prefix = "\(last.sequence)|\(last.hash.hexString)|"
        if let head = try tx.meta(metaHead), head.hasPrefix(prefix) { return }
        let signature = try AuditChain.sign(sequence: last.sequence, hash: last.hash, keyring: keyring)
        try tx.setMeta(metaHead, prefix + signature.base64EncodedString())
    }

    /// The result of a verification.
    public struct Verification: Sendable, Equatable {
        public let entries: Int64
        public let checkpoints: Int
    }

    /// Walks the whole chain; throws ``HavenError/auditBroken`` naming the first bad entry.
    ///
    /// Catches an edited entry (its hash no longer matches), a deleted one (a gap in the
    /// sequence, or a head that names a later entry), a reordered one (the previous-hash
    /// link breaks), and a forged checkpoint or head (the signature fails).
    static func verify(_ tx: any StoreReader, key: Curve25519.Signing.PublicKey) throws -> Verification {
        var previous = AuditChain.genesis
        var expected: Int64 = 1
        var hashes: [Int64: Data] = [:]
        let page = 5_000
        while true {
            let entries = try tx.auditEntries(from: expected, limit: page)
            for entry in entries {
                guard entry.sequence == expected else {
                    throw HavenError.auditBroken(sequence: expected, reason: .entryMissing(expected))
                }
                guard entry.previousHash == previous else {
                    throw HavenError.auditBroken(sequence: entry.sequence, reason: .notFollowing(expected - 1))
                }
                guard AuditChain.hash(previous: previous, fields: entry.hashedFields) == entry.hash else {
                    throw HavenError.auditBroken(sequence: entry.sequence, reason: .contentChanged)
                }
                if entry.sequence % checkpointInterval == 0 { hashes[entry.sequence] = entry.hash }
                previous = entry.hash
                expected += 1
            }
            if entries.count < page { break }
        }
        let count = expected - 1
        let checkpoints = try tx.auditCheckpoints()
        for checkpoint in checkpoints {
            guard checkpoint.sequence <= count else {
                throw HavenError.auditBroken(sequence: count + 1, reason: .entriesDeleted(after: count))
            }
            guard hashes[checkpoint.sequence] == checkpoint.hash,
                  AuditChain.verify(signature: checkpoint.signature, sequence: checkpoint.sequence, hash: checkpoint.hash, key: key) else {
                throw HavenError.auditBroken(sequence: checkpoint.sequence, reason: .checkpointMismatch)
            }
        }
        for sequence in stride(from: checkpointInterval, through: count, by: Int(checkpointInterval)) where hashes[sequence] != nil {
            guard checkpoints.contains(where: { $0.sequence == sequence }) else {
                throw HavenError.auditBroken(sequence: sequence, reason: .checkpointDeleted)
            }
        }
        if count > 0 {
            guard let head = try tx.meta(metaHead) else {
                throw HavenError.auditBroken(sequence: count, reason: .headMissing)
            }
            let parts = head.split(separator: "|").map(String.init)
            guard parts.count == 3, let sequence = Int64(parts[0]), let hash = Data(hex: parts[1]),
                  let signature = Data(base64Encoded: parts[2]),
                  AuditChain.verify(signature: signature, sequence: sequence, hash: hash, key: key) else {
                throw HavenError.auditBroken(sequence: count, reason: .headInvalid)
            }
            guard sequence == count, hash == previous else {
                throw HavenError.auditBroken(sequence: min(sequence, count + 1),
                                             reason: sequence > count ? .entriesDeleted(after: count) : .headElsewhere)
            }
        }
        return Verification(entries: count, checkpoints: checkpoints.count)
    }
}
