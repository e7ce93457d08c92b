import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #11, item 9: the audited reads of one request are written in one transaction.
@Suite("Audit batches: one request, one audit transaction")
struct AuditBatchTests {
    /// Counts the write transactions that reach the store.
    final class CountingStore: Store, @unchecked Sendable {
        // `@unchecked Sendable` is sound: `count` is only touched under `lock`.
        let inner: any Store
        private let lock = NSLock()
        private var count = 0
        init(_ inner: any Store) { self.inner = inner }
        var writes: Int { lock.withLock { count } }
        func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
            lock.withLock { count += 1 }
            return try await inner.write(body)
        }
    }

    func counted(_ world: StatisticsWorld) -> (LocalClient, CountingStore) {
        let context = world.store.service.context
        let store = CountingStore(context.store)
        let service = HavenService(context: ServiceContext(store: store, keyring: context.keyring, policy: context.policy,
                                                           clock: context.clock, random: context.random, storeID: context.storeID))
        return (LocalClient(service: service, caller: world.supervisor, language: .vi), store)
    }

    @Test func aDashboardPageIsOneAuditTransaction() async throws {
        let world = try await StatisticsWorld.make()
        let (client, store) = counted(world)
        let before = try await world.store.service.verifyAudit(by: world.store.admin).entries
        let queries: [[StatDimension]] = [[.survivorSex], [.commune], [.gbvType], [.survivorAgeGroup], [.month], [.survivorSex, .commune]]
        // Unbatched: one write transaction per chart.
        for by in queries { _ = try await client.statistics(StatQuery(by: by, period: StatPeriod(parsing: "2026")!)) }
        #expect(store.writes == queries.count)
        // One page: six charts, one transaction, six entries.
        let results = try await client.batch { page in
            var results: [StatResult] = []
            for by in queries { results.append(try await page.statistics(StatQuery(by: by, period: StatPeriod(parsing: "2026")!))) }
            return results
        }
        #expect(results.count == queries.count)
        #expect(store.writes == queries.count + 1)
        let after = try await world.store.service.verifyAudit(by: world.store.admin)
        #expect(after.entries == before + Int64(2 * queries.count), "every read is recorded, and the chain still verifies")
    }

    /// A read refused inside a page is recorded at once; the reads made before it are recorded
    /// too, though the page fails.
    @Test func refusalsAndFailedPagesStillLeaveTheirEntries() async throws {
        let world = try await StatisticsWorld.make()
        let officer = try await world.store.officer(["my-thoi"])
        let before = try await world.store.service.verifyAudit(by: world.store.admin).entries
        let service = world.store.service
        await #expect(throws: HavenError.self) {
            try await service.batch {
                _ = try await service.statistics(StatQuery(by: [.survivorSex], period: StatPeriod(parsing: "2026")!), by: world.supervisor)
                _ = try await service.statistics(StatQuery(by: [.survivorSex], period: StatPeriod(parsing: "2026")!), by: officer)
            }
        }
        let entries = try await service.auditEntries(limit: 5, by: world.store.admin)
        #expect(entries.contains { $0.action == "stats.query" && $0.outcome == .denied })
        #expect(entries.contains { $0.action == "stats.query" && $0.outcome == .allowed })
        #expect(try await service.verifyAudit(by: world.store.admin).entries == before + 2)
    }
}
