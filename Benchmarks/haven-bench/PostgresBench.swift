import Foundation
import GRDB
import HavenAPI
import HavenCore
import HavenPostgres
import HavenServer
import HavenService
import HavenSQLite
import HavenStore
import HavenTestSupport
import Logging
import PostgresNIO

/// Issue #13: the PostgreSQL engine beside the embedded one, on the server scripts/with-postgres.sh
/// starts (HAVEN_TEST_POSTGRES; `make bench` runs the benchmark under it). Every store gets a new
/// database. Each figure is printed beside its SQLite counterpart and a raw floor through
/// postgres-nio measured in the same run:
///   1. intake (import in batches, and one case per transaction) beside a plain INSERT per transaction;
///   2. the statistics queries on the same coded cases, copied in by `haven store migrate`'s row
///      copy, beside a plain GROUP BY;
///   3. intake through two `haven serve` on one database beside one, and the INSERT floor.
enum PostgresBench {
    struct Opened {
        let service: HavenService
        let admin: Caller
        let officer: Caller
        let officerToken: String
        let keyFile: String
    }

    static let logger: Logger = {
        var logger = Logger(label: "haven-bench-postgres")
        logger.logLevel = .error
        return logger
    }()

    static func run(root: String, work: String, regions: RegionCatalog, intakeJSON: String) async throws {
        guard let base = PostgresTestServer.baseURL else {
            print("\n(PostgreSQL figures skipped: HAVEN_TEST_POSTGRES is not set; `make bench` runs the benchmark under scripts/with-postgres.sh, which sets it)")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let intakeCount = max(1, Int(environment["HAVEN_BENCH_PG_INTAKE"] ?? "") ?? 2_000)
        let statCount = Int(environment["HAVEN_BENCH_PG_CASES"] ?? "") ?? 20_000
        let policyFiles = try PolicyLocator.files(in: root + "/Policies/an-giang")

        // The floors' own database, and what the server is.
        let floorURL = try PostgresTestServer.makeDatabase()
        let floor = try await connect(floorURL)
        let version = try await scalar(floor, "SHOW server_version")
        let fsync = try await scalar(floor, "SHOW fsync"), synchronous = try await scalar(floor, "SHOW synchronous_commit")
        print("\nPostgreSQL \(version) on loopback (\(shown(base))), through postgres-nio; server settings fsync=\(fsync), synchronous_commit=\(synchronous)"
              + (fsync == "off" || synchronous == "off" ? " — the throwaway server of scripts/with-postgres.sh: commits are not flushed to disk, unlike SQLite's synchronous=FULL above" : ""))
        var trips: [Double] = []
        for _ in 0..<2_000 { trips.append(try await seconds { _ = try await scalar(floor, "SELECT 1") } * 1000) }
        let roundTrip = median(trips)
        print(String(format: "  round trip through postgres-nio (SELECT 1, one connection, 2,000 runs): median %.3f ms (the pgbench figure above leaves the driver out)", roundTrip))

        // MARK: 1. Intake

        var generator = SyntheticCases(seed: 1313, regions: regions, reportedUpTo: LocalDate(iso: "2026-11-20")!)
        let forms = (0..<intakeCount).map { _ in generator.next() }
        let jsonl = Data(forms.map { $0.json.text }.joined(separator: "\n").utf8)
        print("\nIntake on PostgreSQL beside SQLite (\(intakeCount) synthetic cases, the same forms on each; HAVEN_BENCH_PG_INTAKE)")
        let sqliteLocation = StoreLocation(directory: work + "/pg-beside-sqlite")
        let sqlite = try await open(SQLiteEngine(), sqliteLocation, keyFile: work + "/pg-beside-sqlite.key", root: root, work: work,
                                    policyFiles: policyFiles, regions: regions)
        let pgURL = try PostgresTestServer.makeDatabase()
        let pgLocation = StoreLocation(parsing: pgURL)
        let pg = try await open(PostgresEngine(), pgLocation, keyFile: work + "/pg-intake.key", root: root, work: work,
                                policyFiles: policyFiles, regions: regions)
        var importTimes: [Double] = [], createTimes: [Double] = []
        for opened in [sqlite, pg] {
            var imported = 0
            importTimes.append(try await seconds {
                imported = try await opened.service.importCases(jsonLines: jsonl, atomic: false, by: opened.officer).imported.count
            })
            precondition(imported == intakeCount, "import lost cases")
            createTimes.append(try await seconds { for form in forms { _ = try await opened.service.createCase(form, by: opened.officer) } })
        }
        // The sizes the import sealed, case by case (the SQLite store's first `intakeCount` cases).
        let sealedSizes = try await DatabaseQueue(path: sqliteLocation.databasePath).read { db in
            try Row.fetchAll(db, sql: "SELECT group_concat(length(ciphertext)) AS s FROM case_fields GROUP BY case_id ORDER BY case_id LIMIT \(intakeCount)")
                .map { row -> [Int] in (row["s"] as String).split(separator: ",").compactMap { Int($0) } }
        }
        let averageBytes = Double(sealedSizes.map { $0.reduce(0, +) }.reduce(0, +)) / Double(max(1, sealedSizes.count))
        try await exec(floor, "CREATE TABLE intake (id bigserial PRIMARY KEY, v bytea NOT NULL)")
        try await exec(floor, "CREATE TABLE cases (id text PRIMARY KEY, commune text, gbv_type text, wrapped_key bytea)")
        try await exec(floor, "CREATE TABLE case_fields (case_id text, field text, ciphertext bytea, PRIMARY KEY (case_id, field))")
        let blob = [UInt8](repeating: 0xA5, count: 65_536)
        let oneRowTime = try await seconds {
            for fields in sealedSizes {
                try await exec(floor, "INSERT INTO intake (v) VALUES (\(ByteBuffer(bytes: blob.prefix(fields.reduce(0, +)))))")
            }
        }
        var statements = 0
        let sameRowsTime = try await seconds {
            for (n, fields) in sealedSizes.enumerated() {
                let id = String(format: "C-%08d", n)
                try await exec(floor, "BEGIN")
                try await exec(floor, "INSERT INTO cases VALUES (\(id), 'my-thoi', 'physical_assault', \(ByteBuffer(bytes: blob.prefix(60))))")
                for (f, size) in fields.enumerated() {
                    try await exec(floor, "INSERT INTO case_fields VALUES (\(id), \("f\(f)"), \(ByteBuffer(bytes: blob.prefix(size))))")
                }
                try await exec(floor, "COMMIT")
                statements += 3 + fields.count
            }
        }
        let count = Double(intakeCount), rows = Double(sealedSizes.count)
        print(String(format: "  haven case import, batches of 500 per transaction:  PostgreSQL %6.0f cases/s (%.1f s)   SQLite %6.0f cases/s (%.1f s)   %.1fx SQLite's time",
                     count / importTimes[1], importTimes[1], count / importTimes[0], importTimes[0], importTimes[1] / importTimes[0]))
        print(String(format: "  haven createCase, one case per transaction:         PostgreSQL %6.0f cases/s (%.2f ms each)   SQLite %6.0f cases/s (%.2f ms each)   %.1fx SQLite's time",
                     count / createTimes[1], createTimes[1] / count * 1000, count / createTimes[0], createTimes[0] / count * 1000, createTimes[1] / createTimes[0]))
        print(String(format: "    a PostgreSQL createCase takes as long as %.0f round trips of SELECT 1", createTimes[1] / count * 1000 / roundTrip))
        print(String(format: "  floor: plain INSERT through postgres-nio, one row of the case's sealed bytes (%.0f on average) per transaction: %6.0f rows/s (%.2f ms each)",
                     averageBytes, rows / oneRowTime, oneRowTime / rows * 1000))
        print(String(format: "  floor: the SQLite floor's rows (1 case + its field rows), BEGIN, an INSERT a row, COMMIT: %6.0f cases/s (%.2f ms each, %.1f statements)",
                     rows / sameRowsTime, sameRowsTime / rows * 1000, Double(statements) / rows))
        print(String(format: "  ratio: createCase %.1fx the one-row floor's time, %.1fx the same-rows floor's",
                     createTimes[1] / count / (oneRowTime / rows), createTimes[1] / count / (sameRowsTime / rows)))

        // MARK: 2. Statistics

        if statCount > 0 {
            try await statistics(count: statCount, root: root, work: work, regions: regions, policyFiles: policyFiles)
        }

        // MARK: 3. Two servers on one database

        if shell("command -v wrk").isEmpty {
            print("\n(wrk is not installed: `bash scripts/install-deps.sh --bench-tools`; the two-servers figures are skipped)")
        } else {
            try await twoServers(pg, location: pgLocation, averageBytes: Int(averageBytes), floor: floor, floorURL: floorURL,
                                 intakeJSON: intakeJSON, work: work)
        }

        try? await floor.close()
        await (pg.service.context.store as? PostgresStore)?.shutdown()
    }

    // MARK: - Statistics

    static func statistics(count: Int, root: String, work: String, regions: RegionCatalog, policyFiles: [String: String]) async throws {
        let location = StoreLocation(directory: work + "/pg-stats-sqlite")
        let keyFile = work + "/pg-stats.key"
        let created = try await StoreSetup.initialise(engine: SQLiteEngine(), location: location, keyFile: keyFile, passphrase: nil,
            policyFiles: policyFiles, policyTests: [:], adminName: "Bench Admin", environment: ["HOME": work],
            clock: SystemClock(), random: SystemRandom())
        let service = HavenService(context: created.context)
        let supervisorToken = try await service.addUser(NewUser(name: "Bench Supervisor", role: .supervisor), by: created.admin).token
        let supervisor = try await service.authenticate(token: supervisorToken)
        let fillTime = try await seconds {
            try await DatabaseQueue(path: location.databasePath).write { db in try db.execute(sql: codedCasesSQL(count, regions: regions)) }
        }
        func measure(_ service: HavenService, _ caller: Caller, _ by: [StatDimension], _ period: String) async throws -> (Double, Int) {
            var cells = 0
            var times: [Double] = []
            for _ in 0..<3 {
                times.append(try await seconds {
                    cells = try await service.statistics(StatQuery(by: by, period: StatPeriod(parsing: period)!), by: caller).cells.count
                })
            }
            return (median(times), cells)
        }
        let queries: [([StatDimension], String, String)] = [
            ([.gbvType, .survivorSex], "2026", "gbv_type, survivor_sex"),
            ([.gbvType, .survivorSex, .survivorAgeGroup], "2026", "gbv_type, survivor_sex, survivor_age_group"),
            ([.commune, .survivorSex], "2026", "commune, survivor_sex"),
            ([.risk, .survivorSex], "2026", "risk, survivor_sex"),
            ([.formerDistrict, .survivorSex], "2026-Q3", "former_district, survivor_sex, substr(report_date, 6, 2)"),
        ]
        func groupBy(_ columns: String) -> String {
            "SELECT \(columns), count(*) FROM cases WHERE report_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY \(columns)"
        }
        // SQLite first: the move marks the office's store as moved.
        let queue = try DatabaseQueue(path: location.databasePath)
        var onSQLite: [(time: Double, cells: Int, floor: Double)] = []
        for (by, period, columns) in queries {
            let (time, cells) = try await measure(service, supervisor, by, period)
            var floor: [Double] = []
            for _ in 0..<3 { floor.append(try await seconds { _ = try queue.read { db in try Row.fetchAll(db, sql: groupBy(columns)) } }) }
            onSQLite.append((time, cells, median(floor)))
        }
        // Into PostgreSQL by the province's path: `haven store migrate`'s row copy, batches of 500.
        let url = try PostgresTestServer.makeDatabase()
        let target = try PostgresEngine().createStore(url)
        let moveTime = try await seconds {
            _ = try await service.migrateStore(to: target, named: StoreLocation(parsing: url).shown, restart: {
                PostgresEngine().remove(url)
                return try PostgresEngine().createStore(url)
            }, batch: 500, by: created.admin)
        }
        await target.shutdown()
        let context = try await StoreSetup.open(engine: PostgresEngine(), location: StoreLocation(parsing: url), keyFile: keyFile,
                                                environment: ["HOME": work], passphrase: { nil }, clock: SystemClock(), random: SystemRandom())
        let pgService = HavenService(context: context)
        let pgSupervisor = try await pgService.authenticate(token: supervisorToken)
        let connection = try await connect(url)
        let analyzeTime = try await seconds { try await exec(connection, "ANALYZE") }
        print(String(format: "\nStatistics on PostgreSQL beside SQLite over the same %d coded cases (HAVEN_BENCH_PG_CASES; generated in SQLite in %.1f s, "
                     + "copied into PostgreSQL by haven store migrate's row copy in %.1f s (%.0f cases/s), then ANALYZE %.1f s); median of 3",
                     count, fillTime, moveTime, Double(count) / moveTime, analyzeTime))
        for ((by, period, columns), sqlite) in zip(queries, onSQLite) {
            let (time, cells) = try await measure(pgService, pgSupervisor, by, period)
            var floor: [Double] = []
            for _ in 0..<3 { floor.append(try await seconds { try await exec(connection, PostgresQuery(unsafeSQL: groupBy(columns))) }) }
            print(String(format: "  stats --by %@ --period %@ (%d cells%@):", by.map(\.rawValue).joined(separator: ","), period, cells,
                         cells == sqlite.cells ? "" : ", SQLite \(sqlite.cells)"))
            print(String(format: "    PostgreSQL %6.1f ms   floor: plain GROUP BY %6.1f ms      SQLite %6.1f ms   floor: plain GROUP BY %6.1f ms",
                         time * 1000, median(floor) * 1000, sqlite.time * 1000, sqlite.floor * 1000))
        }
        try? await connection.close()
        await (context.store as? PostgresStore)?.shutdown()
    }

    // MARK: - Two servers

    static func twoServers(_ pg: Opened, location: StoreLocation, averageBytes: Int, floor: PostgresConnection,
                           floorURL url: String, intakeJSON: String, work: String) async throws {
        // A second server on the same database: its own PostgresStore (its own connections and threads).
        let second = HavenService(context: try await StoreSetup.open(engine: PostgresEngine(), location: location, keyFile: pg.keyFile,
            environment: ["HOME": work], passphrase: { nil }, clock: SystemClock(), random: SystemRandom()))
        let settings = HavenHTTP.Settings(gate: .init(limit: 1_000_000, window: 1))
        let (firstBase, stopFirst) = try await HTTPBench.start(HavenHTTP.router(service: pg.service, settings: settings))
        let (secondBase, stopSecond) = try await HTTPBench.start(HavenHTTP.router(service: second, settings: settings))
        let script = work + "/pg-intake.lua"
        try HTTPBench.intakeScript(intakeJSON, at: script)
        let path = Routes.createCase.path
        print("\nIntake through haven serve on one PostgreSQL database under wrk (POST \(path), 5 s each, 8 connections in all)")
        print("  two servers = two Hummingbird servers in this one process on two ports, each with its own PostgresStore "
              + "(4 connections each, haven serve's default HAVEN_POSTGRES_POOL) on the one database: as two `haven serve` processes share it, less process isolation")
        let one = HTTPBench.parse(await shellOffPool(HTTPBench.wrkCommand(firstBase + path, token: pg.officerToken, script: script) + " 2>&1"))
        let outputs = [work + "/wrk-1.txt", work + "/wrk-2.txt"]
        _ = await shellOffPool(HTTPBench.wrkCommand(firstBase + path, token: pg.officerToken, script: script, connections: 4) + " >\(outputs[0]) 2>&1 & "
                  + HTTPBench.wrkCommand(secondBase + path, token: pg.officerToken, script: script, connections: 4) + " >\(outputs[1]) 2>&1; wait")
        let both = outputs.map { HTTPBench.parse((try? String(contentsOfFile: $0, encoding: .utf8)) ?? "") }
        func non2xx(_ result: HTTPBench.WrkResult) -> String { result.non2xx > 0 ? " (\(result.non2xx) not 2xx!)" : "" }
        if let one {
            print(String(format: "  one server (8 connections):         %6.0f requests/s, p50 %@, p99 %@%@", one.requestsPerSecond, one.p50, one.p99, non2xx(one)))
        }
        if let a = both[0], let b = both[1] {
            print(String(format: "  two servers at once (4 + 4):        %6.0f requests/s in all (%.0f + %.0f), p50 %@ / %@, p99 %@ / %@%@%@",
                         a.requestsPerSecond + b.requestsPerSecond, a.requestsPerSecond, b.requestsPerSecond, a.p50, b.p50, a.p99, b.p99,
                         non2xx(a), non2xx(b)))
            if let one { print(String(format: "    two servers: %.2fx one server's requests/s (SQLite, one server: haven serve under wrk, above)", (a.requestsPerSecond + b.requestsPerSecond) / one.requestsPerSecond)) }
        }
        await stopFirst()
        await stopSecond()
        await (second.context.store as? PostgresStore)?.shutdown()

        // The floors: 8 connections, each inserting rows of an intake's sealed size, one transaction each.
        try await exec(floor, "CREATE TABLE served (id bigserial PRIMARY KEY, v bytea NOT NULL)")
        for locked in [false, true] {
            let duration = 3.0
            let done = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let connection = try await connect(url)
                        let row = ByteBuffer(bytes: [UInt8](repeating: 0xA5, count: max(1, averageBytes)))
                        var n = 0
                        let end = DispatchTime.now().uptimeNanoseconds + UInt64(duration * 1e9)
                        while DispatchTime.now().uptimeNanoseconds < end {
                            if locked {
                                try await exec(connection, "BEGIN")
                                try await exec(connection, "SELECT pg_advisory_xact_lock(\(Int64(0x4841_5645_4E53_5452)))")
                                try await exec(connection, "INSERT INTO served (v) VALUES (\(row))")
                                try await exec(connection, "COMMIT")
                            } else {
                                try await exec(connection, "INSERT INTO served (v) VALUES (\(row))")
                            }
                            n += 1
                        }
                        try? await connection.close()
                        return n
                    }
                }
                return try await group.reduce(0, +)
            }
            print(locked
                  ? String(format: "  floor with Haven's write lock (BEGIN, pg_advisory_xact_lock, INSERT, COMMIT), 8 connections: %6.0f transactions/s", Double(done) / duration)
                  : String(format: "  floor: plain INSERT through postgres-nio of %d bytes, one transaction each, 8 connections: %6.0f transactions/s",
                           averageBytes, Double(done) / duration))
        }
    }

    // MARK: - Helpers

    /// A new store on `engine` with an officer and every agency's key (import seals packets, as in main.swift).
    static func open(_ engine: any StoreEngine, _ location: StoreLocation, keyFile: String, root: String, work: String,
                     policyFiles: [String: String], regions: RegionCatalog) async throws -> Opened {
        let created = try await StoreSetup.initialise(engine: engine, location: location, keyFile: keyFile, passphrase: nil,
            policyFiles: policyFiles, policyTests: [:], adminName: "Bench Admin", environment: ["HOME": work],
            clock: SystemClock(), random: SystemRandom())
        let service = HavenService(context: created.context)
        let (_, token) = try await service.addUser(NewUser(name: "Bench Officer", role: .fieldOfficer, communes: regions.communes.map(\.slug)),
                                                   by: created.admin)
        let directory = work + "/agency-keys-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for agency in created.context.policy.agencies {
            _ = try await AgencyKeyMaker.make(service: service, agency.id, outPath: directory + "/\(agency.id).key", by: created.admin)
        }
        return Opened(service: service, admin: created.admin, officer: try await service.authenticate(token: token), officerToken: token,
                      keyFile: keyFile)
    }

    static func connect(_ url: String) async throws -> PostgresConnection {
        let location = try PostgresLocation(parsing: url, environment: ProcessInfo.processInfo.environment)
        return try await PostgresConnection.connect(configuration: try location.configuration(), id: 1, logger: logger)
    }

    /// Runs a statement and reads its rows to the end.
    static func exec(_ connection: PostgresConnection, _ query: PostgresQuery) async throws {
        for try await _ in try await connection.query(query, logger: logger) {}
    }

    static func scalar(_ connection: PostgresConnection, _ sql: String) async throws -> String {
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
            let cell = row.first!
            return (try? cell.decode(String.self)) ?? (try? cell.decode(Int.self)).map(String.init) ?? "?"
        }
        return "?"
    }

    /// The base URL as printed: host and port only.
    static func shown(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return "?" }
        return "\(components.host ?? "?"):\(components.port ?? 5432)"
    }
}
