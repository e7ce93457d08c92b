import Foundation
import HavenAPI
import HavenCore

/// The audit chain's head, anchored outside the database.
///
/// The signed head in the database catches entries deleted at the end — unless an attacker
/// also puts back an older signed head (copied before), rolling the chain back to an earlier
/// state that still verifies. So every write also appends the new head (sequence and hash)
/// to a file beside the key file, outside the store's folder: whoever can rewrite the
/// database but not the key folder cannot hide a rollback. `audit verify` compares the
/// database's chain with the highest anchored head.
///
/// The file is append-only in use (`O_APPEND`, one short line per write transaction, so
/// writers of several processes never interleave), compacted under a lock to its highest line
/// when it grows past ``compactAbove``. Restoring an older backup is a rollback too: the
/// restore procedure moves the anchor aside (Deploy/README.md).
public struct AuditAnchor: Sendable {
    public let path: String
    static let compactAbove = 256 * 1024

    public init(path: String) { self.path = path }

    /// The anchor beside a key file.
    public init(keyFile: String) { path = keyFile + ".audit-anchor" }

    /// Appends a head. Failures are logged by the caller, never fatal: the write committed.
    func record(sequence: Int64, hash: Data) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HavenError.storeIO(detail: "cannot open the audit anchor") }
        defer { close(fd) }
        let line = Array("\(sequence) \(hash.hexString)\n".utf8)
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw HavenError.storeIO(detail: "cannot write the audit anchor") }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > Self.compactAbove { try compact() }
    }

    /// Every anchored head, in the order written (empty when there is no anchor yet).
    func heads() throws -> [(sequence: Int64, hash: Data)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let sequence = Int64(parts[0]), let hash = Data(hex: String(parts[1])) else {
                throw HavenError.auditBroken(sequence: 0, reason: .anchorUnreadable)
            }
            return (sequence, hash)
        }
    }

    /// The highest anchored head, or nil when there is no anchor yet.
    func highest() throws -> (sequence: Int64, hash: Data)? {
        try heads().max { $0.sequence < $1.sequence }
    }

    /// Rewrites the file as its highest line, under an exclusive lock (other compactions wait;
    /// an append racing the rename lands in the old file and is superseded by a later one).
    func compact() throws {
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return }
        defer { close(lock) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { return }
        defer { flock(lock, LOCK_UN) }
        guard let head = try highest() else { return }
        try OutputFile.replace(path, with: Data("\(head.sequence) \(head.hash.hexString)\n".utf8))
    }
}
