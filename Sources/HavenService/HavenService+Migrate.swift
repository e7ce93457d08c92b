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
    /// Set in the source while a move checks and finishes: every write is refused.
    static let metaMoving = "store.moving"

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
        let moving = try await source.read { try $0.meta(Self.metaMoving) }
        switch marker {
        case (nil, storeID?) where moving == targetName:
            // A move that had copied and checked everything, and stopped before it retired the
            // office's store: only that is left to do.
            return try await finish(source, target, named: targetName, resumed: true, restarted: false)
        case (nil, nil):
            // A new target: audit the move first, so the copy holds the entry recording it.
            try await unfreeze(source)
            try await work(actor) { w in try w.audit(.storeMigrate, target: nil) }
        case (storeID?, _):
            resumed = true
        case (_?, _):
            throw HavenError.migrationRefused(reason: .otherMove)
        case (nil, _?):
            throw HavenError.migrationRefused(reason: .targetInUse)
        }
        if resumed {
            let recorded = try await target.read { try $0.meta(Self.metaMigrationHead) }
            if recorded != (try await Self.fingerprint(source)) {
                // The office wrote after the stopped move began: what was copied may be out of
                // date (a referral accepted since), so the move starts again from nothing.
                target = try await restart()
                // A target that could not be emptied (a session holding its tables) is never
                // copied over: stale rows under a new copy could pass every count.
                for table in StoreTables.all where table.name != "meta" {
                    guard try await target.count(of: table) == 0 else { throw HavenError.migrationRefused(reason: .targetNotEmptied) }
                }
                guard try await target.read({ try $0.meta(Self.metaMigrationSource) }) == nil else {
                    throw HavenError.migrationRefused(reason: .targetNotEmptied)
                }
                restarted = true; resumed = false
                try await unfreeze(source)
                try await work(actor) { w in try w.audit(.storeMigrate, target: nil) }
            }
        }
        let startHead = try await Self.fingerprint(source)
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
                if !markerWritten { meta[Self.metaMigrationSource] = storeID; meta[Self.metaMigrationHead] = startHead }
                markerWritten = true
                try await target.insert(page, into: table, columns: columns, meta: meta)
                rows[table.name, default: 0] += page.count
                if fetched < batch { break }
            }
        }
        // The office's store takes no more changes (every write of every process is refused
        // while this mark is there), then nothing may have changed while it was copied.
        try await source.write { tx in try tx.setMeta(Self.metaMoving, targetName) }
        guard try await Self.fingerprint(source) == startHead else {
            try await unfreeze(source)
            throw HavenError.migrationRefused(reason: .sourceChanged)
        }
        for table in StoreTables.all {
            // (The source's meta holds the freeze mark; the target's, the progress keys.)
            let here = try await source.count(of: table) - (table.name == "meta" ? 1 : 0)
            let there = try await target.count(of: table) - (table.name == "meta" ? try await Self.migrationKeys(target).count : 0)
            guard here == there else { throw HavenError.migrationRefused(reason: .countsDiffer(table: table.name, source: here, target: there)) }
        }
        try await target.removeMeta(try await Self.migrationKeys(target))
        return try await finish(source, target, named: targetName, resumed: resumed, restarted: restarted)
    }

    /// Retires the office's store: a meta setting only, outside the audit chain, so the chain
    /// (and the anchor beside the key file) go on in the target alone. From here the store is
    /// never opened again; until here, a stopped move is finished by running it again.
    private func finish(_ source: any RowCopyStore, _ target: any RowCopyStore, named targetName: String,
                        resumed: Bool, restarted: Bool) async throws -> Migration {
        var counts: [String: Int] = [:]
        for table in StoreTables.all { counts[table.name] = try await target.count(of: table) }
        try await source.write { tx in try tx.setMeta(Self.metaMovedTo, targetName) }
        try await source.removeMeta([Self.metaMoving])
        return Migration(rows: counts, resumed: resumed, restarted: restarted)
    }

    /// Lifts the freeze a stopped move left (a new move starts from the office's current state).
    private func unfreeze(_ source: any RowCopyStore) async throws {
        try await source.removeMeta([Self.metaMoving])
    }

    /// What changes whenever the office's store changes: the last audit entry (every audited
    /// change appends one) and the intake drafts (saved without an audit entry), hashed.
    private static func fingerprint(_ store: any RowCopyStore) async throws -> String {
        let head = try await store.read { tx in try tx.lastAuditEntry().map { "\($0.sequence):\($0.hash.base64EncodedString())" } } ?? "-"
        guard let drafts = StoreTables.all.first(where: { $0.name == "drafts" }) else { return head }
        let columns = try await store.columns(of: drafts)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a over every draft row, in key order
        var after: [StoreValue]?
        let keyIndexes = drafts.key.compactMap { columns.firstIndex(of: $0) }
        while true {
            let page = try await store.rows(of: drafts, columns: columns, after: after, limit: 500)
            for byte in (try JSONEncoder().encode(page)) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            guard page.count == 500, let last = page.last else { break }
            after = keyIndexes.map { last[$0] }
        }
        return head + "|" + String(hash, radix: 16)
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
