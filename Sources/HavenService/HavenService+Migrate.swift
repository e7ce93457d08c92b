import Foundation
import HavenAPI
import HavenCore
import HavenStore

/// Issue #13, item 4: `haven store migrate --from ./haven-data --to postgres://…` moves an
/// office's store — keys, users, cases, referrals, mediations, the audit chain — to the
/// provincial database, table by table, in batches. Each batch is written together with how far
/// the copy got, so a move killed half-way resumes where it stopped and nothing is lost or
/// doubled. Rows are copied as stored (still sealed: the move never decrypts anything).
extension HavenService {
    /// What a finished move copied, table by table.
    public struct Migration: Sendable, Equatable {
        public let rows: [String: Int]
        /// Whether this run continued a move that had stopped half-way.
        public let resumed: Bool
        /// Whether the target was emptied first, because the office's store changed after the
        /// stopped move began.
        public let restarted: Bool
    }

    /// Meta keys the move keeps in the target while it runs (removed when it has finished).
    static let migrationPrefix = "migration."
    static let metaMigrationSource = "migration.source"
    static let metaMigrationHead = "migration.head"
    /// Set in the source when the move has finished: it is not opened again.
    static let metaMovedTo = "store.movedTo"

    /// Moves this store into `target` (a new, empty store of another engine, or one this same
    /// move left half-way). Administrators only; audited in this store before the copy, so the
    /// target holds the entry too. The office must stop writing meanwhile: a change to this
    /// store during the move is detected (its audit head moved) and the move is refused.
    ///
    /// `restart` empties the target when it holds a stopped move whose source changed since.
    public func migrateStore(to target: any RowCopyStore, named targetName: String, restart: @Sendable () async throws -> any RowCopyStore,
                             batch: Int = 500, by actor: Caller) async throws -> Migration {
        try await require(actor, .storeMigrate)
        guard let source = context.store as? any RowCopyStore else { throw HavenError.storeEngineUnavailable(scheme: "source") }
        do {
            return try await copy(from: source, to: target, named: targetName, restart: restart, batch: batch, by: actor)
        } catch let error as HavenError {
            throw error
        } catch {
            throw HavenError.from(error)
        }
    }

    private func copy(from source: any RowCopyStore, to firstTarget: any RowCopyStore, named targetName: String,
                      restart: @Sendable () async throws -> any RowCopyStore,
                      batch: Int, by actor: Caller) async throws -> Migration {
        var target = firstTarget
        guard try await source.schemaVersion() == target.schemaVersion() else {
            throw HavenError.migrationRefused(reason: .schemaVersions)
        }
        let storeID = context.storeID
        let marker = try await target.read { tx in (try tx.meta(Self.metaMigrationSource), try tx.meta("store.id")) }
        var resumed = false, restarted = false
        switch marker {
        case (nil, nil):
            // A new target: audit the move first, so the copy holds the entry recording it.
            try await work(actor) { w in try w.audit(.storeMigrate, target: nil) }
        case (storeID?, _):
            resumed = true
        case (_?, _):
            throw HavenError.migrationRefused(reason: .otherMove)
        case (nil, _?):
            throw HavenError.migrationRefused(reason: .targetInUse)
        }
        let head = try await Self.auditHead(source)
        if resumed {
            let recorded = try await target.read { try $0.meta(Self.metaMigrationHead) }
            if recorded != head {
                // The office wrote after the stopped move began: what was copied may be out of
                // date (a referral accepted since), so the move starts again from nothing.
                target = try await restart()
                restarted = true; resumed = false
                try await work(actor) { w in try w.audit(.storeMigrate, target: nil) }
            }
        }
        let startHead = try await Self.auditHead(source)
        var rows: [String: Int] = [:]
        var markerWritten = resumed
        for table in StoreTables.all {
            let columns = try await target.columns(of: table)
            guard Set(columns) == Set(try await source.columns(of: table)) else { throw HavenError.migrationRefused(reason: .schemaVersions) }
            let progressKey = Self.migrationPrefix + table.name
            var after = try await target.read { try $0.meta(progressKey) }.flatMap(Self.decodeKey)
            if table.name == "meta" && after == nil {
                // The target's own settings (a new schema marks its search tokens pending) give
                // way to the store's: its meta becomes exactly the source's.
                try await target.removeMeta(try await Self.metaKeys(target).filter { !$0.hasPrefix(Self.migrationPrefix) })
            }
            let keyIndexes = table.key.compactMap { columns.firstIndex(of: $0) }
            while true {
                var page = try await source.rows(of: table, columns: columns, after: after, limit: batch)
                let fetched = page.count
                guard let last = page.last else { break }
                after = keyIndexes.map { last[$0] }
                if table.name == "meta", let keyColumn = keyIndexes.first {
                    page.removeAll { row in if case .text(let key) = row[keyColumn] { key.hasPrefix(Self.migrationPrefix) } else { false } }
                }
                var meta = [progressKey: Self.encodeKey(after ?? [])]
                if !markerWritten { meta[Self.metaMigrationSource] = storeID; meta[Self.metaMigrationHead] = startHead ?? "" }
                markerWritten = true
                try await target.insert(page, into: table, columns: columns, meta: meta)
                rows[table.name, default: 0] += page.count
                if fetched < batch { break }
            }
        }
        // Nothing may have changed in the office's store while it was copied.
        guard try await Self.auditHead(source) == startHead else { throw HavenError.migrationRefused(reason: .sourceChanged) }
        var counts: [String: Int] = [:]
        for table in StoreTables.all {
            let (here, there) = (try await source.count(of: table), try await target.count(of: table))
            let extra = table.name == "meta" ? try await Self.migrationKeys(target).count : 0
            guard here == there - extra else { throw HavenError.migrationRefused(reason: .countsDiffer(table: table.name, source: here, target: there - extra)) }
            counts[table.name] = here
        }
        try await target.removeMeta(try await Self.migrationKeys(target))
        // The office's store is retired: a meta setting only, outside the audit chain, so the
        // chain (and the anchor beside the key file) go on in the target alone.
        try await source.write { tx in try tx.setMeta(Self.metaMovedTo, targetName) }
        return Migration(rows: counts, resumed: resumed, restarted: restarted)
    }

    /// The last audit entry's sequence and hash: every change to a store appends one.
    private static func auditHead(_ store: any Store) async throws -> String? {
        try await store.read { tx in try tx.lastAuditEntry().map { "\($0.sequence):\($0.hash.base64EncodedString())" } }
    }

    private static func migrationKeys(_ store: any RowCopyStore) async throws -> [String] {
        try await metaKeys(store).filter { $0.hasPrefix(migrationPrefix) }
    }

    /// Every key of the store's meta table.
    private static func metaKeys(_ store: any RowCopyStore) async throws -> [String] {
        var keys: [String] = []
        for table in StoreTables.all where table.name == "meta" {
            let columns = try await store.columns(of: table)
            guard let keyColumn = columns.firstIndex(of: "key") else { return [] }
            var after: [StoreValue]?
            while true {
                let page = try await store.rows(of: table, columns: columns, after: after, limit: 1_000)
                for row in page { if case .text(let key) = row[keyColumn] { keys.append(key) } }
                guard page.count == 1_000, let last = page.last else { break }
                after = [last[keyColumn]]
            }
        }
        return keys
    }

    static func encodeKey(_ key: [StoreValue]) -> String {
        String(decoding: (try? JSONEncoder().encode(key)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeKey(_ text: String) -> [StoreValue]? {
        guard let key = try? JSONDecoder().decode([StoreValue].self, from: Data(text.utf8)), !key.isEmpty else { return nil }
        return key
    }
}
