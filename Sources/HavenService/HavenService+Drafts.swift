import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// How long an untouched draft is kept (the survivor may come back within days).
    public static let draftLifetime: TimeInterval = 7 * 24 * 3600

    /// Saves the answers of an intake in progress (after every answer, so a power cut loses
    /// at most the one being typed). A new draft gets an id `D-…`; saving again replaces its
    /// answers. Field officers only; the first save is audited, autosaves are not.
    public func saveDraft(id: String?, answers: [String: String], by actor: Caller) async throws -> String {
        try await require(actor, .draftSave)
        let keyring = context.keyring
        let draftID = id ?? Identifier.make(prefix: "D", length: 8, random: context.random)
        let plaintext = try JSONEncoder().encode(answers)
        let dataKey = FieldCipher.newDataKey()
        // The owner is bound into the seal: a draft handed to another user by editing its row
        // does not open.
        let sealed = try FieldCipher.seal(plaintext, caseID: draftID, field: "draft/" + actor.id, key: dataKey)
        let (wrapped, version) = try FieldCipher.wrap(dataKey, caseID: draftID, keyring: keyring)
        let lifetime = Self.draftLifetime
        try await work(actor) { w in
            _ = try w.tx.deleteDrafts(updatedBefore: w.now.addingTimeInterval(-lifetime))
            let existing = try w.tx.draft(id: draftID)
            if let existing, existing.owner != actor.id { throw HavenError.draftNotFound(id: draftID) }
            // A draft of one's own that expired between two answers is simply made again.
            try w.tx.upsertDraft(DraftRecord(id: draftID, owner: actor.id, createdAt: existing?.createdAt ?? w.now, updatedAt: w.now,
                                           wrappedKey: wrapped, keyVersion: version, sealed: sealed, answered: answers.count))
            if existing == nil {
                _ = try w.audit(.draftSave, target: draftID)
            }
        }
        return draftID
    }

    /// The actor's own drafts (expired ones deleted first).
    public func drafts(by actor: Caller) async throws -> [DraftSummary] {
        try await require(actor, .draftSave)
        let lifetime = Self.draftLifetime
        return try await work(actor) { w in
            _ = try w.tx.deleteDrafts(updatedBefore: w.now.addingTimeInterval(-lifetime))
            return try w.tx.drafts(owner: actor.id).map {
                DraftSummary(id: $0.id, createdAt: $0.createdAt, updatedAt: $0.updatedAt, answered: $0.answered,
                             expiresAt: $0.updatedAt.addingTimeInterval(lifetime))
            }
        }
    }

    /// Opens one of the actor's drafts to resume it (audited). Another user's draft, an
    /// expired one or an unknown id are all "not found": a draft's existence is its owner's.
    public func resumeDraft(id: String, by actor: Caller) async throws -> [String: String] {
        try await require(actor, .draftResume, target: id)
        let keyring = context.keyring
        let now = context.clock.now()
        let lifetime = Self.draftLifetime
        let record = try await run { tx -> DraftRecord in
            _ = try tx.deleteDrafts(updatedBefore: now.addingTimeInterval(-lifetime))
            guard var record = try tx.draft(id: id), record.owner == actor.id else { throw HavenError.draftNotFound(id: id) }
            // Resumed: its seven days start again.
            record.updatedAt = now
            try tx.upsertDraft(record)
            _ = try AuditLog.append(tx, keyring: keyring, at: now, actor: actor.id, action: .draftResume, target: id, outcome: .allowed, detail: "")
            return record
        }
        do {
            let key = try FieldCipher.unwrap(record.wrappedKey, caseID: id, version: record.keyVersion, keyring: keyring)
            let plaintext = try FieldCipher.open(record.sealed, caseID: id, field: "draft/" + actor.id, key: key)
            return try JSONDecoder().decode([String: String].self, from: plaintext)
        } catch {
            // A draft edited outside Haven, or sealed under a retired key: unreadable, never guessed.
            throw HavenError.draftUnreadable(id: id)
        }
    }

    /// Deletes one of the actor's drafts (after its case is saved, or when the officer
    /// discards it; audited).
    public func discardDraft(id: String, by actor: Caller) async throws {
        try await require(actor, .draftDiscard, target: id)
        try await work(actor) { w in
            guard let record = try w.tx.draft(id: id), record.owner == actor.id else { throw HavenError.draftNotFound(id: id) }
            try w.tx.deleteDraft(id: id)
            _ = try w.audit(.draftDiscard, target: id)
        }
    }
}
