import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #11, item 2: the location names the engine, the face picks it, and what only one
/// engine can do (copying itself to a file) is that engine's capability, not the service's.
@Suite("Engine seam: locations and capabilities")
struct EngineSeamTests {
    @Test func aLocationIsAFolderOrAURL() {
        let folder = StoreLocation(parsing: "haven-data")
        #expect(folder.scheme == nil && folder.directory.hasPrefix("/") && folder.directory.hasSuffix("/haven-data"))
        let server = StoreLocation(parsing: "postgres://haven:secret@db.example:5432/haven")
        #expect(server.scheme == "postgres")
        #expect(!server.shown.contains("secret") && server.shown.contains("db.example"), "a password never reaches a message")
        #expect(!StoreLocation(parsing: "postgres://db.example/haven?password=hunter2").shown.contains("hunter2"))
        #expect(StoreLocation(parsing: "postgres://u:p@ss#w@rd@db/haven").shown == "postgres://…" ||
                !StoreLocation(parsing: "postgres://u:p@ss#w@rd@db/haven").shown.contains("ss#w"))
        #expect(StoreLocation(parsing: "POSTGRES://db/haven").scheme == "postgres")
        // A folder whose name holds "://" after a slash is still a folder.
        #expect(StoreLocation(parsing: "./odd://name").scheme == nil)
    }

    /// A store that reads and writes like any other but cannot copy itself to a file.
    struct ServerLikeStore: Store {
        let inner: any Store
        func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T { try await inner.read(body) }
        func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T { try await inner.write(body) }
    }

    @Test func backupIsTheEnginesCapability() async throws {
        let store = try await TestStore.make()
        let context = store.service.context
        let server = HavenService(context: ServiceContext(store: ServerLikeStore(inner: context.store), keyring: context.keyring,
                                                          policy: context.policy, clock: context.clock, random: context.random,
                                                          storeID: context.storeID))
        let path = store.directory.path + "/copy.sqlite"
        await #expect(throws: HavenError.backupByEngine) { try await server.backup(to: path, by: store.admin) }
        #expect(!FileManager.default.fileExists(atPath: path))
        // The embedded store copies itself.
        try await store.service.backup(to: path, by: store.admin)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
