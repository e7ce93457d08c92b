import Foundation
import GRDB
import HavenCore
import HavenStore

/// The embedded store: one SQLite file through GRDB (system libsqlite3).
///
/// WAL mode with `synchronous=FULL` (a committed case survives a power cut), `secure_delete`
/// (deleted rows are overwritten: crypto-shredding leaves no residue), foreign keys, and a
/// busy timeout so that several CLI processes can write one store at once. Write
/// transactions are `IMMEDIATE`, so they are serialised across processes.
public final class SQLiteStore: FileBackupStore {
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's lock before giving up.
    public static let busyTimeout: TimeInterval = 30

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens an existing store file.
    public static func open(path: String) throws(StoreError) -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        return try connect(path: path)
    }

    /// Creates a new store file (mode 0600); refuses when one exists.
    public static func create(path: String) throws(StoreError) -> SQLiteStore {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw .alreadyExists(path: path) }
            throw .io(detail: String(cString: strerror(errno)))
        }
        close(fd)
        do {
            return try connect(path: path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    private static func connect(path: String) throws(StoreError) -> SQLiteStore {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "haven"
        // Reads run on the caller's thread (``read(_:)``): one connection per cooperative thread, and spare.
        configuration.maximumReaderCount = max(5, ProcessInfo.processInfo.activeProcessorCount + 2)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL on the writer when it enables WAL, after
            // prepareDatabase runs. A pool has one long-lived writer connection: set FULL on it
            // here, so that an acknowledged case survives a power cut (DESIGN.md §8).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            return SQLiteStore(path: path, pool: pool)
        } catch {
            throw (convert(error) as? StoreError) ?? .io(detail: "\(error)")
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do {
            return try await pool.read { db in try body(SQLiteTransaction(db: db)) }
        } catch {
            throw Self.convert(error)
        }
    }

    /// A short read in a read transaction on the calling thread, not on a reader's queue: it is
    /// CPU work on pages SQLite has mapped (WAL readers never wait for writers), and handing it
    /// to another thread and back cost more than the read itself — two thread switches, a third
    /// of a small server request (issue #12's benchmark). The reader pool is larger than Swift's
    /// cooperative pool, so it never waits for a free connection. Long reads (the audit chain,
    /// statistics) stay on GRDB's reader queues and never hold a cooperative thread.
    public func briefRead<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do {
            return try readHere(body)
        } catch {
            throw Self.convert(error)
        }
    }

    /// One statement on the calling thread, outside a transaction: SQLite runs a lone statement
    /// in its own read snapshot, and BEGIN/COMMIT around it (parsed and run each time) cost
    /// about as much as a small indexed query.
    public func briefStatement<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do {
            return try statementHere(body)
        } catch {
            throw Self.convert(error)
        }
    }

    private func statementHere<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) throws -> T {
        try pool.unsafeRead { db in try body(SQLiteTransaction(db: db)) }
    }

    private func readHere<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteTransaction(db: db)) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        do {
            return try await pool.write { db in try body(SQLiteTransaction(db: db)) }
        } catch {
            throw Self.convert(error)
        }
    }

    /// The value of a connection setting (`synchronous`, `secure_delete`, `journal_mode`…)
    /// as the store's writer sees it, for diagnostics and tests.
    public func setting(_ pragma: String) async throws -> String? {
        guard pragma.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        do {
            return try await pool.write { db in try String.fetchOne(db, sql: "PRAGMA \(pragma)") }
        } catch {
            throw Self.convert(error)
        }
    }

    public func backup(to path: String) async throws {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 {
            throw errno == EEXIST ? StoreError.alreadyExists(path: path) : StoreError.io(detail: String(cString: strerror(errno)))
        }
        close(fd)
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Self.convert(error)
        }
    }

    /// Runs a checkpoint that moves the WAL into the database file and truncates it.
    public func checkpoint() async throws {
        do {
            try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw Self.convert(error)
        }
    }

    /// Starts counting the statements the writer connection runs, by kind (`SELECT`, `INSERT
    /// audit_log`, …; transaction control left out), until ``stopCountingStatements()``. For the
    /// benchmark of the transaction design record (Deploy/transactions.md): each statement is
    /// one round trip on a server engine. Only the SQL is seen, never its values.
    public func countStatements() async throws -> StatementCount {
        let count = StatementCount()
        try await pool.writeWithoutTransaction { db in db.trace(options: .statement) { event in count.add(event.description) } }
        return count
    }

    public func stopCountingStatements() async throws {
        try await pool.writeWithoutTransaction { db in db.trace(options: [], nil) }
    }

    /// Converts driver errors to ``StoreError``; errors of other layers pass through.
    static func convert(_ error: any Error) -> any Error {
        if error is RowDecodingError { return StoreError.corrupt(detail: "a stored value of the wrong type") }
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy
        case .SQLITE_CONSTRAINT:
            let table = dbError.message?.components(separatedBy: ": ").last?.components(separatedBy: ".").first ?? "row"
            return StoreError.duplicate(what: table)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_MISMATCH, .SQLITE_SCHEMA:
            return StoreError.corrupt(detail: dbError.message ?? "\(dbError.resultCode)")
        default:
            return StoreError.io(detail: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}

/// The embedded engine: a store is a folder holding `haven.sqlite` (and its WAL files).
public struct SQLiteEngine: StoreEngine {
    public init() {}

    public static func databasePath(_ directory: String) -> String { directory + "/haven.sqlite" }

    public func exists(_ location: String) -> Bool { FileManager.default.fileExists(atPath: Self.databasePath(location)) }

    /// Makes the store's folder (0700, only its owner may list it) and the database in it.
    public func create(_ location: String) throws(StoreError) -> any Store {
        do {
            try FileManager.default.createDirectory(atPath: location, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io(detail: "cannot create \(location)")
        }
        return try SQLiteStore.create(path: Self.databasePath(location))
    }

    public func open(_ location: String) throws(StoreError) -> any Store { try SQLiteStore.open(path: Self.databasePath(location)) }

    public func remove(_ location: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: Self.databasePath(location) + suffix) }
    }
}

/// Statements counted by kind (see ``SQLiteStore/countStatements()``). `@unchecked Sendable` is
/// sound: `tally` is only touched under `lock`.
public final class StatementCount: @unchecked Sendable {
    private let lock = NSLock()
    private var tally: [String: Int] = [:]

    public var byKind: [String: Int] { lock.withLock { tally } }

    func add(_ sql: String) {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).map { $0.uppercased() }
        guard let verb = words.first, !["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA"].contains(verb) else { return }
        var kind = verb
        if let into = words.firstIndex(of: "INTO"), into + 1 < words.count { kind += " " + words[into + 1].lowercased() }
        lock.withLock { tally[kind, default: 0] += 1 }
    }
}
