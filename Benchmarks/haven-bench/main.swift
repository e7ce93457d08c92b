// haven-bench: intake throughput and `case show` latency, each beside a raw floor measured
// in the same run on the same machine. Run with `make bench` (release build).
import Crypto
import Foundation
import GRDB
import HavenAPI
import HavenCore
import HavenCrypto
import HavenService
import HavenStore
import HavenSQLite
import HavenTestSupport

let caseCount = Int(ProcessInfo.processInfo.environment["HAVEN_BENCH_CASES"] ?? "") ?? 20_000
let showRuns = Int(ProcessInfo.processInfo.environment["HAVEN_BENCH_SHOW_RUNS"] ?? "") ?? 31
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let work = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Runs `command` through the C library's `system`, waiting only for the shell: a server it
/// starts in the background (PostgreSQL) must not keep the benchmark waiting, as Foundation's
/// `Process` does while any descendant holds a descriptor it made.
func quiet(_ command: String) {
    _ = system("{ " + command + "; } </dev/null >/dev/null 2>&1")
}

func shell(_ command: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try? process.run()
    process.waitUntilExit()
    return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// `shell` on a thread of its own, for a command that runs while servers of this process answer
/// (wrk): waiting for it on one of Swift's cooperative threads (as many as cores: two here) would
/// leave the servers under test one thread fewer than `haven serve` has.
func shellOffPool(_ command: String) async -> String {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: shell(command)) }
    }
}

print("Haven benchmark — \(shell("date -u +%Y-%m-%dT%H:%MZ"))")
print("machine: \(shell("nproc")) cores, \(shell("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'")), \(shell("free -g | awk '/Mem:/{print $2}'")) GiB")
print("toolchain: \(shell("swift --version 2>&1 | head -1"))")
print("SQLite: WAL, synchronous=FULL, secure_delete=ON; \(caseCount) synthetic cases\n")

// MARK: - Intake: case import vs plain GRDB insert of the same ciphertext sizes

let regionsYAML = try String(contentsOfFile: root + "/Policies/an-giang/regions.yaml", encoding: .utf8)
let regions = try RegionCatalog(yaml: regionsYAML)
var generator = SyntheticCases(seed: 42, regions: regions, reportedUpTo: LocalDate(iso: "2026-11-20")!)
let forms = (0..<caseCount).map { _ in generator.next() }
let jsonl = Data(forms.map { $0.json.text }.joined(separator: "\n").utf8)

let location = StoreLocation(directory: work + "/store")
let created = try await StoreSetup.initialise(engine: SQLiteEngine(), 
    location: location, keyFile: work + "/bench.key", passphrase: nil,
    policyFiles: try PolicyLocator.files(in: root + "/Policies/an-giang"), policyTests: [:],
    adminName: "Bench Admin", environment: ["HOME": work], clock: SystemClock(), random: SystemRandom())
let service = HavenService(context: created.context)
let (_, officerToken) = try await service.addUser(
    NewUser(name: "Bench Officer", role: .fieldOfficer, communes: regions.communes.map(\.slug)), by: created.admin)
let officer = try await service.authenticate(token: officerToken)
// Every agency has a key, so import seals every sent referral's packet (HPKE) as in production.
for agency in created.context.policy.agencies {
    _ = try await AgencyKeyMaker.make(service: service, agency.id, outPath: work + "/\(agency.id).key", by: created.admin)
}

var imported = 0
let importTime = try await seconds {
    imported = try await service.importCases(jsonLines: jsonl, atomic: false, by: officer).imported.count
}
precondition(imported == caseCount, "import lost cases")

// Same number of rows, each carrying blobs of the sizes the import wrote, same batching.
let sealedSizes = try DatabaseQueue(path: location.databasePath).read { db in
    try Row.fetchAll(db, sql: "SELECT group_concat(length(ciphertext)) AS s FROM case_fields GROUP BY case_id").map { row -> [Int] in
        (row["s"] as String).split(separator: ",").compactMap { Int($0) }
    }
}
let floorPath = work + "/floor.sqlite"
var floorConfig = Configuration()
floorConfig.journalMode = .wal
let floorPool = try DatabasePool(path: floorPath, configuration: floorConfig)
try floorPool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
try floorPool.write { db in
    try db.execute(sql: "CREATE TABLE cases (id TEXT PRIMARY KEY, commune TEXT, gbv_type TEXT, wrapped_key BLOB)")
    try db.execute(sql: "CREATE TABLE case_fields (case_id TEXT, field TEXT, ciphertext BLOB, PRIMARY KEY (case_id, field)) WITHOUT ROWID")
}
let blob = Data(repeating: 0xA5, count: 4096)
let floorTime = try await seconds {
    var index = 0
    while index < sealedSizes.count {
        let batch = sealedSizes[index..<min(index + 500, sealedSizes.count)]
        let base = index
        try await floorPool.write { db in
            for (offset, fields) in batch.enumerated() {
                let id = String(format: "C-%08d", base + offset)
                try db.cachedStatement(sql: "INSERT INTO cases VALUES (?, 'my-thoi', 'physical_assault', ?)")
                    .execute(arguments: [id, blob.prefix(60)])
                for (n, size) in fields.enumerated() {
                    try db.cachedStatement(sql: "INSERT INTO case_fields VALUES (?, ?, ?)").execute(arguments: [id, "f\(n)", blob.prefix(size)])
                }
            }
        }
        index += batch.count
    }
}
let averageBytes = Double(sealedSizes.map { $0.reduce(0, +) }.reduce(0, +)) / Double(max(1, sealedSizes.count))
print("Intake (\(caseCount) cases, batches of 500 per transaction)")
let referralCount = try DatabaseQueue(path: location.databasePath).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE packet IS NOT NULL") ?? 0 }
print(String(format: "  haven case import (parse, derive, seal fields, blind index, route, HPKE-seal %d packets, audit): %8.0f cases/s  (%.1f s)", referralCount, Double(caseCount) / importTime, importTime))
print(String(format: "  floor: plain GRDB insert, same rows and ciphertext sizes:   %8.0f rows/s   (%.1f s)", Double(caseCount) / floorTime, floorTime))
print(String(format: "  ratio: %.2fx the floor's time; %.0f sealed bytes per case on average\n", importTime / floorTime, averageBytes))

// MARK: - Crypto floor

let key = SymmetricKey(size: .bits256)
let kib = Data(repeating: 7, count: 1024)
let sealRuns = 20_000
let sealTime = try await seconds { for _ in 0..<sealRuns { _ = try AES.GCM.seal(kib, using: key) } }
print(String(format: "Crypto floor: AES-256-GCM seal of 1 KiB: %.1f µs", sealTime / Double(sealRuns) * 1e6))
let recipient = Curve25519.KeyAgreement.PrivateKey().publicKey
let hpkeRuns = 2_000
let hpkeTime = try await seconds {
    for n in 0..<hpkeRuns { _ = try ReferralSeal.seal(kib, to: recipient, referralID: "R-\(n)", agency: "police") }
}
print(String(format: "HPKE seal of a 1 KiB packet (X25519, HKDF-SHA256, AES-256-GCM): %.1f µs\n", hpkeTime / Double(hpkeRuns) * 1e6))

// MARK: - case show: the release binary on the store of all the cases

let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("haven").path
if FileManager.default.isExecutableFile(atPath: binary) {
    let someID = try await service.listCases(limit: 1, by: officer)[0].id.rawValue
    func timeRuns(_ arguments: [String]) throws -> [Double] {
        try (0..<showRuns).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.environment = ["HOME": work, "HAVEN_TOKEN": officerToken, "HAVEN_STORE": location.directory,
                                   "HAVEN_KEY_FILE": work + "/bench.key", "LANG": "C.UTF-8"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            precondition(process.terminationStatus == 0, "haven \(arguments) failed")
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
    }
    let show = try timeRuns(["case", "show", someID])
    let help = try timeRuns(["--help"])
    print("haven case show on a store of \(caseCount) cases (\(showRuns) runs, wall time per process)")
    print(String(format: "  median %.1f ms (min %.1f, max %.1f)", median(show), show.min()!, show.max()!))
    print(String(format: "  floor: haven --help (process start only): median %.1f ms", median(help)))
} else {
    print("(no haven binary beside haven-bench: build both with `swift build -c release`)")
}

// MARK: - haven serve under wrk (issue #12)

try await HTTPBench.run(service: service, admin: created.admin, officerToken: officerToken,
                        intakeJSON: Fixtures.intakeJSON(reportedAt: "2026-11-20T09:30:00+07:00"), work: work)

// MARK: - Transactions (Deploy/transactions.md, issue #11 items 1 and 9)

if let sqlite = created.context.store as? SQLiteStore {
    print("\nTransactions on the store of \(caseCount) cases (in process; each statement would be one round trip on a server engine)")
    let intakeRuns = 100
    let intakeCount = try await sqlite.countStatements()
    let intakeTime = try await seconds {
        for form in forms.prefix(intakeRuns) { _ = try await service.createCase(form, by: officer) }
    }
    try await sqlite.stopCountingStatements()
    let intakeStatements = intakeCount.byKind
    func describe(_ counts: [String: Int], per runs: Int) -> (total: Double, reads: Double, updates: Double, insertTables: Int, text: String) {
        let total = Double(counts.values.reduce(0, +)) / Double(runs)
        let reads = Double(counts.filter { $0.key.hasPrefix("SELECT") }.values.reduce(0, +)) / Double(runs)
        let updates = Double(counts.filter { $0.key.hasPrefix("UPDATE") || $0.key.hasPrefix("DELETE") }.values.reduce(0, +)) / Double(runs)
        let inserts = counts.filter { $0.key.hasPrefix("INSERT") }
        let text = counts.sorted { $0.value > $1.value }.prefix(8)
            .map { String(format: "%@ %.1f", $0.key, Double($0.value) / Double(runs)) }.joined(separator: ", ")
        return (total, reads, updates, inserts.count, text)
    }
    let intake = describe(intakeStatements, per: intakeRuns)
    print(String(format: "  intake, one case per transaction: %.1f ms each; %.1f statements (%.1f reads, %.1f updates, inserts into %d tables)",
                 intakeTime / Double(intakeRuns) * 1000, intake.total, intake.reads, intake.updates, intake.insertTables))
    print("    most frequent: " + intake.text)
    let someCase = try await service.listCases(limit: 1, by: officer)[0].id.rawValue
    var showTimes: [Double] = []
    let showCount = try await sqlite.countStatements()
    for _ in 0..<showRuns { showTimes.append(try await seconds { _ = try await service.showCase(someCase, by: officer) } * 1000) }
    try await sqlite.stopCountingStatements()
    let show = describe(showCount.byKind, per: showRuns)
    print(String(format: "  case show in process (audited read, one write transaction): median %.2f ms; %.1f statements", median(showTimes), show.total))
    let floorRead = try await seconds {
        for _ in 0..<showRuns { _ = try await sqlite.read { tx in (try tx.caseRecord(CaseID(parsing: someCase)!), try tx.events(caseID: CaseID(parsing: someCase)!)) } }
    } / Double(showRuns) * 1000
    print(String(format: "    floor: the same case and timeline read, no audit: %.2f ms", floorRead))
    // A dashboard page: six tables, each audited — six write transactions, or one batch.
    let supervisor = try await service.authenticate(token: try await service.addUser(NewUser(name: "Bench Supervisor", role: .supervisor),
                                                                                     by: created.admin).token)
    let page: [[StatDimension]] = [[.survivorSex], [.gbvType], [.survivorAgeGroup], [.source], [.risk], [.gbvType, .survivorSex]]
    let period = StatPeriod(parsing: "2026")!
    let unbatched = try await seconds {
        for by in page { _ = try await service.statistics(StatQuery(by: by, period: period), by: supervisor) }
    }
    let batched = try await seconds {
        _ = try await service.batch {
            for by in page { _ = try await service.statistics(StatQuery(by: by, period: period), by: supervisor) }
        }
    }
    print(String(format: "  a dashboard page of six audited tables: %.1f ms batched (one audit transaction), %.1f ms unbatched (six)",
                 batched * 1000, unbatched * 1000))
    // The round trip a server engine adds per statement: PostgreSQL on loopback, when the
    // machine has it (pgbench, one client, `SELECT 1` as a prepared statement).
    // initdb refuses root: as root, the cluster runs as the `postgres` user when there is one.
    let runAs: String? = getuid() != 0 ? "" : (shell("id -u postgres").isEmpty ? nil : "runuser -u postgres -- ")
    if !shell("command -v initdb pg_ctl pgbench").isEmpty, let runAs {
        let cluster = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-pg-\(getpid())").path
        let port = 54_329
        quiet("mkdir -p \(cluster) && chmod 700 \(cluster)" + (runAs.isEmpty ? "" : " && chown postgres \(cluster)"))
        defer { quiet("\(runAs)pg_ctl -D \(cluster)/data stop -m immediate; rm -rf \(cluster)") }
        quiet("\(runAs)initdb -D \(cluster)/data -A trust -U bench && \(runAs)pg_ctl -D \(cluster)/data -o '-p \(port) -k \(cluster) -c listen_addresses=127.0.0.1' -l \(cluster)/pg.log start -w")
        quiet("printf 'SELECT 1;\\n' > \(cluster)/rt.sql && chmod 644 \(cluster)/rt.sql")
        let output = shell("pgbench -n -h 127.0.0.1 -p \(port) -U bench -M prepared -c 1 -T 3 -f \(cluster)/rt.sql postgres 2>&1")
        if let line = output.split(separator: "\n").first(where: { $0.contains("latency average") }),
           let ms = Double(line.split(separator: "=").last!.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") {
            print(String(format: "  PostgreSQL round trip on loopback (pgbench, SELECT 1, prepared): %.3f ms", ms))
            let batchedTrips = intake.reads + intake.updates + Double(intake.insertTables)
            print(String(format: "    an intake on a server engine, option 1 (a round trip per statement): ≈ %.1f ms of round trips; with appends batched at commit (option 3): ≈ %.1f ms",
                         intake.total * ms, batchedTrips * ms))
        } else {
            print("  (PostgreSQL did not start here: no round-trip figure)")
        }
    } else {
        print("  (no PostgreSQL on this machine: no round-trip figure)")
    }
}

/// SQL that fills a store's `cases` table with `count` coded rows (random codes, all reported in
/// 2026, nothing sealed): the statistics figures' data, generated in SQLite in seconds.
func codedCasesSQL(_ count: Int, regions: RegionCatalog) -> String {
    func pick(_ values: [String]) -> String {
        "json_extract('[\(values.map { "\"\($0)\"" }.joined(separator: ","))]', '$[' || (abs(random()) % \(values.count)) || ']')"
    }
    let communes = regions.communes.map(\.slug)
    let districts = Dictionary(uniqueKeysWithValues: regions.communes.map { ($0.slug, $0.formerDistrictSlug) })
    let districtCase = "CASE commune " + districts.map { "WHEN '\($0.key)' THEN '\($0.value)'" }.joined(separator: " ") + " END"
    return """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count)),
                rows AS MATERIALIZED (SELECT i, \(pick(communes)) AS commune,
                    '2026-' || printf('%02d', 1 + abs(random()) % 12) || '-' || printf('%02d', 1 + abs(random()) % 28) AS day FROM n)
                INSERT INTO cases (id, commune, former_district, source, reported_at, report_date, incident_month, reporting_delay,
                    survivor_sex, survivor_age, survivor_age_group, ethnicity, disability, pregnant, child_under_36m, older_person,
                    perpetrator_sex, perpetrator_age_group, relationship, acts, gbv_type, contexts, injury, children_present, risk,
                    consent_referral, consent_police, consent_mediation, consent_statistics, wish_legal_aid, wish_shelter, wish_medical,
                    status, outcome, created_by, created_at, updated_at, key_version, wrapped_key, blind_index, record_key)
                SELECT printf('C-B%07d', i), commune, \(districtCase), \(pick(ReportingSource.rawValues)),
                    0, day, substr(day, 1, 7), \(pick(ReportingDelay.rawValues)), \(pick(["female", "female", "female", "female", "male", "unknown"])),
                    30, \(pick(AgeGroup.rawValues)), \(pick(EthnicityGroup.rawValues)), abs(random()) % 20 = 0, 0, 0, 0,
                    \(pick(["male", "male", "female"])), \(pick(AgeGroup.rawValues)), \(pick(Relationship.rawValues)), 'beating',
                    \(pick(GBVType.rawValues)), '', \(pick(Injury.rawValues)), 0, \(pick(RiskLevel.rawValues)),
                    1, 0, 0, abs(random()) % 10 <> 0, 0, 0, 0, 'open', NULL, 'U-BENCH', 0, 0, 1, x'00', NULL, random() & 65535
                FROM rows
                """
}

// MARK: - Statistics over 1,000,000 cases

let statCases = Int(ProcessInfo.processInfo.environment["HAVEN_BENCH_STAT_CASES"] ?? "") ?? 1_000_000
if statCases > 0 {
    let statLocation = StoreLocation(directory: work + "/stats-store")
    let statStore = try await StoreSetup.initialise(engine: SQLiteEngine(), 
        location: statLocation, keyFile: work + "/stats.key", passphrase: nil,
        policyFiles: try PolicyLocator.files(in: root + "/Policies/an-giang"), policyTests: [:],
        adminName: "Bench Admin", environment: ["HOME": work], clock: SystemClock(), random: SystemRandom())
    let statService = HavenService(context: statStore.context)
    let supervisorToken = try await statService.addUser(NewUser(name: "Bench Supervisor", role: .supervisor), by: statStore.admin).token
    let supervisor = try await statService.authenticate(token: supervisorToken)
    let fillSQL = codedCasesSQL(statCases, regions: regions)
    let fillTime = try await seconds {
        let queue = try DatabaseQueue(path: statLocation.databasePath)
        try await queue.write { db in
            try db.execute(sql: fillSQL)
        }
    }
    print("\nStatistics over \(statCases) cases (coded rows generated in SQL in \(String(format: "%.1f", fillTime)) s)")
    func measure(_ by: [StatDimension], _ period: String) async throws -> (Double, Int) {
        var cells = 0
        var times: [Double] = []
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try await statService.statistics(StatQuery(by: by, period: StatPeriod(parsing: period)!), by: supervisor)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cells = result.cells.count
        }
        return (median(times), cells)
    }
    let floorQueue = try DatabaseQueue(path: statLocation.databasePath)
    func floor(_ columns: String, index: String?) throws -> Double {
        var times: [Double] = []
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try floorQueue.read { db in
                try Row.fetchAll(db, sql: "SELECT \(columns), count(*) FROM cases\(index.map { " INDEXED BY \($0)" } ?? "") WHERE report_date BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY \(columns)")
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return median(times)
    }
    for (by, period, columns, index) in [
        ([StatDimension.gbvType, .survivorSex], "2026", "gbv_type, survivor_sex", Optional("stats_type_sex")),
        ([.gbvType, .survivorSex, .survivorAgeGroup], "2026", "gbv_type, survivor_sex, survivor_age_group", "stats_type_sex_age"),
        ([.commune, .survivorSex], "2026", "commune, survivor_sex", "stats_commune_sex"),
        ([.risk, .survivorSex], "2026", "risk, survivor_sex", nil),
        ([.formerDistrict, .survivorSex], "2026-Q3", "former_district, survivor_sex, substr(report_date, 6, 2)", nil),
    ] {
        let (time, cells) = try await measure(by, period)
        let raw = try floor(columns, index: index)
        print(String(format: "  stats --by %@ --period %@: %6.0f ms (%d cells, perturbation included)   floor: plain GROUP BY%@ %6.0f ms",
                     by.map(\.rawValue).joined(separator: ","), period, time * 1000, cells, index == nil ? "" : " (same index)", raw * 1000))
    }
}


// MARK: - PostgreSQL beside SQLite (issue #13; `make bench` runs this under scripts/with-postgres.sh)

try await PostgresBench.run(root: root, work: work, regions: regions, intakeJSON: Fixtures.intakeJSON(reportedAt: "2026-11-20T09:30:00+07:00"))


// MARK: - Disclosure control: information loss beside the attacker's result, same data

let attackSizes = (ProcessInfo.processInfo.environment["HAVEN_BENCH_ATTACK_SIZES"] ?? "200,2000,20000")
    .split(separator: ",").compactMap { Int($0) }
if !attackSizes.isEmpty {
    for method in [DisclosureMethod.perturb, .suppress] {
        print(method == .perturb
              ? "\nDisclosure control: cell-key perturbation, k = 5, published table of Policies/an-giang/disclosure.yaml"
              : "\nDisclosure control: suppression, k = 5, a fixed set of whole-year tables audited together by linear programming")
        print("  synthetic provinces reported over 540 days; the annual report of 2026 and every table a supervisor can ask for")
        for size in attackSizes {
            let world = try await AttackWorld.make(size: size, seed: UInt64(size), method: method)
            var outcome = AttackOutcome()
            let time = try await seconds { outcome = try await Attack.run(world, method: method) }
            print(String(format: "\n  %d cases: %d figures published, %d queries refused; attacker (integer bounds to a fixed point, %.0f s): %d counts of 1–4 to recover, %d exact, %d narrowed below the promise, narrowest range %d values%@",
                         size, outcome.published, outcome.refused, time, outcome.targets, outcome.exact.count, outcome.narrowed.count,
                         outcome.narrowestRange == Int.max ? 0 : outcome.narrowestRange,
                         outcome.contradictions.isEmpty ? "" : ", \(outcome.contradictions.count) contradictions"))
            print("    table                                                     non-zero cells  hidden  people hidden  in cells of 1–4  mean |perturbation|")
            for table in outcome.tables {
                let title = String(table.title.prefix(58)).padding(toLength: 58, withPad: " ", startingAt: 0)
                let hiddenCells: Double = table.nonZeroCells == 0 ? 0 : 100 * Double(table.hiddenNonZeroCells) / Double(table.nonZeroCells)
                let hiddenPeople: Double = table.people == 0 ? 0 : 100 * Double(table.hiddenPeople) / Double(table.people)
                let small: Double = table.people == 0 ? 0 : 100 * Double(table.smallPeople) / Double(table.people)
                let figures = String(format: "%8d  %5.1f%%  %12.1f%%  %14.1f%%  %8.2f", table.nonZeroCells, hiddenCells, hiddenPeople, small,
                                     table.meanAbsolutePerturbation)
                print("    " + title + " " + figures)
            }
            print(String(format: "    all report tables: %.1f%% of people in hidden cells, %.1f%% in cells of 1–4", outcome.hiddenPeopleShare * 100,
                         outcome.smallPeopleShare * 100))
            if let audit = outcome.reportAudit {
                print("    the report's own methods note, same data: its attacker held \(audit.figures) figures, narrowest range kept \(audit.narrowestRange.map(String.init) ?? "—") values"
                      + (audit.meanAbsolutePerturbation.map { String(format: ", mean move %.2f", $0) } ?? ""))
            }
        }
    }
}
