import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// One use case's write transaction and what it works with (issue #11, item 4): the
/// transaction, the keyring and policy in force, the random source, who acts and when.
/// Bodies take one of these instead of capturing six values each, and record through it.
struct Work {
    let tx: any StoreWriter
    let keyring: Keyring
    let policy: Policy
    let random: any RandomSource
    /// Who acts: a user's id, or `haven` for what Haven does by itself.
    let actor: String
    let now: Date

    /// Appends an audit entry by `actor` at `now`.
    @discardableResult
    func audit(_ action: AuditAction, target: String?, outcome: AuditOutcome = .allowed, detail: String = "") throws -> AuditRecord {
        try AuditLog.append(tx, keyring: keyring, at: now, actor: actor, action: action, target: target, outcome: outcome, detail: detail)
    }

    /// Appends an event to a case's timeline (a new `E-…` id unless `id` is given).
    func event(_ caseID: CaseID, _ kind: CaseEventKind, detail: String = "", sealed: Data? = nil, id: String? = nil) throws {
        try tx.appendEvent(CaseEvent(id: id ?? newID("E", length: 12), caseID: caseID, at: now, actor: actor, kind: kind,
                                     detail: detail, sealed: sealed))
    }

    /// A new random identifier `PREFIX-…`.
    func newID(_ prefix: String, length: Int) -> String { Identifier.make(prefix: prefix, length: length, random: random) }

    /// Seals `text` as the field `field` of case `caseID` under its data key.
    func seal(_ text: String, caseID: CaseID, field: String, key: SymmetricKey) throws -> Data {
        try FieldCipher.seal(Data(text.utf8), caseID: caseID.rawValue, field: field, key: key)
    }

    /// Opens the field `field` of case `caseID`; a ciphertext changed or moved is ``HavenError/tampered``.
    func open(_ ciphertext: Data, caseID: CaseID, field: String, key: SymmetricKey) throws -> String {
        guard let data = try? FieldCipher.open(ciphertext, caseID: caseID.rawValue, field: field, key: key),
              let text = String(data: data, encoding: .utf8) else {
            throw HavenError.tampered(caseID: caseID.rawValue, field: field)
        }
        return text
    }
}

extension HavenService {
    /// Runs `body` in one write transaction with the state in force now, `actor` acting (nil:
    /// Haven itself).
    @discardableResult
    func work<T: Sendable>(_ actor: Caller?, _ body: @escaping @Sendable (Work) throws -> T) async throws -> T {
        let keyring = context.keyring, policy = context.policy, random = context.random, now = context.clock.now()
        let who = actor?.id ?? "haven"
        return try await run { tx in
            try body(Work(tx: tx, keyring: keyring, policy: policy, random: random, actor: who, now: now))
        }
    }
}
