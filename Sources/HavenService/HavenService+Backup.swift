import Foundation
import HavenAPI
import HavenCore
import HavenStore

extension HavenService {
    /// Writes a consistent copy of the store (administrators), audited. The copy holds only
    /// what the store holds: sealed fields stay sealed, and it is useless without the key
    /// file, which must be backed up separately, elsewhere.
    public func backup(to path: String, by actor: Caller) async throws {
        try await require(actor, .storeBackup)
        guard let store = context.store as? any FileBackupStore else { throw HavenError.backupByEngine }
        // Audit first and at once (never batched), so the copy itself contains the entry recording it.
        try await work(actor) { w in try w.audit(.storeBackup, target: nil) }
        do {
            try await store.backup(to: path)
        } catch let error as StoreError {
            if case .alreadyExists(let existing) = error { throw HavenError.storeExists(path: existing) }
            throw HavenError.from(error)
        }
    }
}
