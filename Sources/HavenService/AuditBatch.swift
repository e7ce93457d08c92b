import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// The audit entries of one request, written together (issue #11, item 9).
///
/// An audited read outside a batch writes its entry in its own transaction: an fsync and a
/// signed head each, so a dashboard page with six charts would be six. Inside
/// ``HavenService/batch(_:)`` the entries of allowed reads are collected and written in one
/// transaction when the request's body ends — before its answer is handed to anyone, and also
/// when the body fails after some reads were made. Refusals are never batched: each is written
/// at once, before the refusal is thrown.
final class AuditBatch: @unchecked Sendable {
    /// `@unchecked Sendable` is sound because `entries` is only touched under `lock`.
    struct Entry: Sendable {
        let at: Date
        let actor: String
        let action: AuditAction
        let target: String?
        let detail: String
    }

    @TaskLocal static var current: AuditBatch?

    /// The store whose chain the entries go to (a read of another store inside the batch is
    /// audited in that store, at once).
    let store: ObjectIdentifier

    init(store: ObjectIdentifier) { self.store = store }

    private let lock = NSLock()
    private var entries: [Entry] = []

    func add(_ entry: Entry) { lock.withLock { entries.append(entry) } }

    /// Everything collected so far, emptied.
    func take() -> [Entry] { lock.withLock { defer { entries = [] }; return entries } }
}

extension HavenService {
    /// Runs the use cases of one request in `body` with their audit entries written in one
    /// transaction at the end; nothing `body` returns leaves before that transaction commits.
    public func batch<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if AuditBatch.current?.store == storeIdentity { return try await body() } // already inside one request
        let batch = AuditBatch(store: storeIdentity)
        let result: T
        do {
            result = try await AuditBatch.$current.withValue(batch) { try await body() }
        } catch {
            do { try await flush(batch) } catch let flushError {
                context.logger.error("audit entries of a failed request not written", metadata: ["error": "\(HavenError.from(flushError))"])
            }
            throw error
        }
        try await flush(batch)
        return result
    }

    private func flush(_ batch: AuditBatch) async throws {
        let entries = batch.take()
        guard !entries.isEmpty else { return }
        let keyring = context.keyring
        try await run(checkingState: false, auditOnly: true) { tx in
            for e in entries {
                try AuditLog.append(tx, keyring: keyring, at: e.at, actor: e.actor, action: e.action, target: e.target,
                                    outcome: .allowed, detail: e.detail)
            }
        }
    }

    /// Records an allowed read: in the request's batch when there is one, else in its own
    /// transaction together with `read` (what the entry is about is read in the transaction
    /// that records it).
    func auditedRead<T: Sendable>(_ actor: Caller, _ action: AuditAction, target: String?, detail: String = "",
                                  _ read: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        let now = context.clock.now()
        if let batch = AuditBatch.current, batch.store == storeIdentity {
            batch.add(.init(at: now, actor: actor.id, action: action, target: target, detail: detail))
            return try await query(read)
        }
        let keyring = context.keyring
        return try await run(auditOnly: true) { tx in
            try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: action, target: target,
                                outcome: .allowed, detail: detail)
            return try read(tx)
        }
    }
}

extension HavenService {
    /// Which store this service writes to (copies of one context share it).
    var storeIdentity: ObjectIdentifier { ObjectIdentifier(context.live) }
}
