import Foundation
import GRDB
import HavenAPI
import HavenCore
import HavenServer
import HavenService
import Hummingbird
import Logging
import ServiceLifecycle

/// `haven serve` under wrk on loopback: the agency inbox list and intake, each beside a bare
/// Hummingbird endpoint that returns the same bytes, measured in the same run; intake also
/// beside the fsync floor (one plain insert per transaction, synchronous=FULL).
enum HTTPBench {
    struct WrkResult { let requestsPerSecond: Double; let p50: String; let p99: String; let non2xx: Int }

    static func wrk(_ url: String, token: String?, script: String?, seconds: Int = 5, connections: Int = 8) async -> WrkResult? {
        parse(await shellOffPool(wrkCommand(url, token: token, script: script, seconds: seconds, connections: connections) + " 2>&1"))
    }

    /// The wrk command line (2 threads, latency percentiles), without redirections.
    static func wrkCommand(_ url: String, token: String?, script: String?, seconds: Int = 5, connections: Int = 8) -> String {
        var command = "wrk -t2 -c\(connections) -d\(seconds)s --latency"
        if let token { command += " -H 'Authorization: Bearer \(token)'" }
        if let script { command += " -s '\(script)'" }
        return command + " '\(url)'"
    }

    /// wrk's report read: requests/s, p50, p99, responses not 2xx; nil (and the output printed) when it failed.
    static func parse(_ output: String) -> WrkResult? {
        func line(_ prefix: String) -> String? { output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }.map(String.init) }
        guard let rps = line("Requests/sec:").flatMap({ Double($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }) else {
            print("  wrk failed: \(output.prefix(300))")
            return nil
        }
        func latency(_ p: String) -> String { line(p)?.split(separator: " ").last.map(String.init) ?? "?" }
        let non2xx = line("Non-2xx or 3xx responses:").flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        return WrkResult(requestsPerSecond: rps, p50: latency("50%"), p99: latency("99%"), non2xx: non2xx)
    }

    /// A wrk script that POSTs `intakeJSON` on every request.
    static func intakeScript(_ intakeJSON: String, at path: String) throws {
        let escaped = intakeJSON.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ")
        try """
            wrk.method = "POST"
            wrk.body = "\(escaped)"
            wrk.headers["Content-Type"] = "application/json"
            """.write(toFile: path, atomically: true, encoding: .utf8)
    }


    static func start<Context: RequestContext>(_ router: Router<Context>) async throws -> (String, @Sendable () async -> Void)
    where Context.Source == ApplicationRequestContextSource {
        var logger = Logger(label: "haven-bench-http")
        logger.logLevel = .error
        return try await HavenHTTP.startOnLoopback(router, logger: logger)
    }

    static func run(service: HavenService, admin: Caller, officerToken: String, intakeJSON: String, work: String) async throws {
        guard !shell("command -v wrk").isEmpty else {
            print("(wrk is not installed: `bash scripts/install-deps.sh --bench-tools`; the HTTP figures are skipped)\n")
            return
        }
        let (_, workerToken) = try await service.addUser(NewUser(name: "Bench caseworker", role: .caseworker, agency: "police", communes: []), by: admin)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let router = HavenHTTP.router(service: service, settings: .init(gate: .init(limit: 1_000_000, window: 1)))
        let (base, stop) = try await start(router)
        defer { Task { await stop() } }
        // The same server with no reuse window: every request signs in, checks the policy and key
        // version, and reads the inbox from the store (what `haven serve` would cost without it).
        let (rereadBase, stopReread) = try await start(HavenHTTP.router(service: service, settings: .init(gate: .init(limit: 1_000_000, window: 1), reuseWindow: 0)))
        defer { Task { await stopReread() } }
        let worker = LocalClient(service: service, caller: try await service.authenticate(token: workerToken), language: .en)
        let inboxPath = Routes.inbox.path(["agency": "police"]) + "?status=pending&overdue=true"
        let inboxBytes = try WireJSON.encoder().encode(try await worker.listReferrals(agency: "police", status: .pending, overdueOnly: true))
        let officer = LocalClient(service: service, caller: try await service.authenticate(token: officerToken), language: .en)
        let intakeAnswer = try WireJSON.encoder().encode(try await officer.createCase(try IntakeForm(json: Array(intakeJSON.utf8), regions: service.context.regions)))

        // The bare endpoints: the same bytes, no Haven.
        let bare = Router()
        bare.get(RouterPath(stringLiteral: Routes.inbox.path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: inboxBytes)))
        }
        bare.post(RouterPath(stringLiteral: Routes.createCase.path)) { request, _ in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .created, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: intakeAnswer)))
        }
        let (bareBase, stopBare) = try await start(bare)
        defer { Task { await stopBare() } }

        let script = work + "/intake.lua"
        try intakeScript(intakeJSON, at: script)

        // Rounds alternate Haven and the bare endpoint, so a slow moment of a shared machine
        // (two cores: wrk and the server share them) falls on both; the ratio is the median round's.
        let rounds = max(1, Int(ProcessInfo.processInfo.environment["HAVEN_BENCH_HTTP_ROUNDS"] ?? "") ?? 3)
        print("haven serve under wrk on loopback (2 threads, 8 connections, 5 s each; the bare endpoint returns the same bytes)")
        print("  inbox list (\(inboxPath), \(inboxBytes.count) bytes: no pending referral of the bench store is overdue yet),")
        print("  signed in by bearer token, permission decided, the inbox read; \(rounds) rounds alternating with the bare endpoint (HAVEN_BENCH_HTTP_ROUNDS).")
        print("  haven: as served (sign-in, state check and inbox reused for 1 s; a write of the server forgets the inbox at once);")
        print("  re-reading: reuse window 0, each request reads the user, the policy and key version, and the inbox from SQLite:")
        var ratios: [(ratio: Double, haven: WrkResult, bare: WrkResult, reread: WrkResult)] = []
        for round in 1...rounds {
            guard let haven = await wrk(base + inboxPath, token: workerToken, script: nil),
                  let floor = await wrk(bareBase + Routes.inbox.path(["agency": "police"]), token: nil, script: nil),
                  let reread = await wrk(rereadBase + inboxPath, token: workerToken, script: nil) else { break }
            func notOK(_ result: WrkResult) -> String { result.non2xx > 0 ? " (\(result.non2xx) not 2xx!)" : "" }
            print(String(format: "    round %d: haven %.0f/s%@, bare Hummingbird %.0f/s: %.0f %%; re-reading %.0f/s%@: %.0f %%",
                         round, haven.requestsPerSecond, notOK(haven), floor.requestsPerSecond, 100 * haven.requestsPerSecond / floor.requestsPerSecond,
                         reread.requestsPerSecond, notOK(reread), 100 * reread.requestsPerSecond / floor.requestsPerSecond))
            ratios.append((haven.requestsPerSecond / floor.requestsPerSecond, haven, floor, reread))
        }
        if !ratios.isEmpty {
            let middle = ratios.sorted { $0.ratio < $1.ratio }[ratios.count / 2]
            print(String(format: "    haven: %.0f requests/s, p50 %@, p99 %@", middle.haven.requestsPerSecond, middle.haven.p50, middle.haven.p99))
            print(String(format: "    bare Hummingbird: %.0f requests/s, p50 %@, p99 %@", middle.bare.requestsPerSecond, middle.bare.p50, middle.bare.p99))
            print(String(format: "    ratio (median round): %.0f %% of the bare endpoint's requests/s (goal: at least 50 %%)", 100 * middle.ratio))
            print(String(format: "    re-reading, same round: %.0f requests/s, p50 %@, p99 %@: %.0f %%", middle.reread.requestsPerSecond, middle.reread.p50,
                         middle.reread.p99, 100 * middle.reread.requestsPerSecond / middle.bare.requestsPerSecond))
        }
        print("  intake (POST /v1/cases, one case per request: validate, seal, route, HPKE-seal, audit, fsync):")
        if let haven = await wrk(base + Routes.createCase.path, token: officerToken, script: script),
           let floor = await wrk(bareBase + Routes.createCase.path, token: nil, script: script) {
            print(String(format: "    haven: %.0f requests/s, p50 %@, p99 %@%@", haven.requestsPerSecond, haven.p50, haven.p99, haven.non2xx > 0 ? " (\(haven.non2xx) not 2xx!)" : ""))
            print(String(format: "    bare Hummingbird: %.0f requests/s, p50 %@, p99 %@", floor.requestsPerSecond, floor.p50, floor.p99))
        }
        // The fsync floor: one row per transaction in WAL with synchronous=FULL, 8 writers.
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous=FULL") }
        let pool = try DatabasePool(path: work + "/fsync.sqlite", configuration: configuration)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)") }
        let count = 400
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { for _ in 0..<(count / 8) { try await pool.write { db in try db.execute(sql: "INSERT INTO t (v) VALUES (zeroblob(4096))") } } } }
            try await group.waitForAll()
        }
        print(String(format: "    floor: plain insert, one transaction each (synchronous=FULL): %.0f transactions/s\n", Double(count) / Date().timeIntervalSince(start)))
    }
}
