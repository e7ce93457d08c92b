import Foundation
import HavenTestSupport
import Testing

/// Issue #13, items 4 and 5, with the built binary: an office's store moved into PostgreSQL by
/// `haven store migrate`, killed half-way (SIGKILL) and run again; the moved store reads the
/// same; `haven backup` on PostgreSQL points to pg_dump; the restore drill restores a dump into
/// a new database and verifies it.
@Suite("Province on PostgreSQL: moving an office in, backups, the restore drill",
       .enabled(if: PostgresTestServer.isAvailable, "HAVEN_TEST_POSTGRES is not set (make test sets it)"))
struct ProvinceCLITests {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func anOfficeMovesInSurvivesAKillAndRestoresFromADump() throws {
        let directory = TemporaryDirectory("haven-province")
        let home = directory.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let office = directory.path + "/office"
        let haven = HavenBinary(home: home, extra: ["HAVEN_POLICY": PackagePaths.policy, "HAVEN_STORE": office])
        let initialised = try haven.run(["init", "--no-passphrase", "--json"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let admin = Self.json(initialised.stdout)["adminToken"] as? String ?? ""
        let keyFolder = home + "/.config/haven/keys"
        // The office's key file: the only one so far.
        let keyFile = keyFolder + "/" + (try FileManager.default.contentsOfDirectory(atPath: keyFolder).first { $0.hasSuffix(".key") } ?? "none")
        let officer = Self.json(try haven.run(["user", "add", "--name", "Cán bộ", "--role", "field-officer", "--commune", "my-thoi", "binh-duc",
                                               "--json"], environment: ["HAVEN_TOKEN": admin]).stdout)["token"] as? String ?? ""
        // Enough cases that a move one row per transaction takes a while.
        var lines: [String] = []
        for n in 0..<120 {
            var object = Self.json(Fixtures.intakeJSON(survivorName: "Người Thử \(n)"))
            object["importKey"] = "line-\(n)"
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        let file = directory.path + "/cases.jsonl"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try haven.run(["case", "import", file], environment: ["HAVEN_TOKEN": officer])
        #expect(imported.status == 0, "\(imported.stderr)")

        // What the office's store shows, to compare with the province's after the move.
        let commands = [["case", "list", "--limit", "500"], ["referral", "list", "--mine"], ["user", "list"]]
        func token(_ arguments: [String]) -> String { arguments[0] == "user" ? admin : officer }
        let before = try commands.map { try haven.run($0, environment: ["HAVEN_TOKEN": token($0)]) }
        for result in before { #expect(result.status == 0, "\(result.stderr)") }

        let target = try PostgresTestServer.makeDatabase()
        // Killed half-way: SIGKILL once some cases are in the target.
        let move = Process()
        move.executableURL = URL(fileURLWithPath: haven.path)
        move.arguments = ["store", "migrate", "--to", target, "--batch", "1"]
        var environment = haven.environment
        environment["HAVEN_TOKEN"] = admin
        move.environment = environment
        move.standardOutput = FileHandle.nullDevice
        move.standardError = FileHandle.nullDevice
        try move.run()
        let deadline = Date().addingTimeInterval(120)
        var copied = 0
        while Date() < deadline && move.isRunning {
            copied = Int((try? PostgresTestServer.execute("SELECT count(*) FROM case_events", at: target).first ?? "0") ?? "0") ?? 0
            if copied > 20 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(move.isRunning, "the move was still running when killed (\(copied) events copied)")
        kill(move.processIdentifier, SIGKILL)
        move.waitUntilExit()

        // Run again: it continues, then verifies there.
        let again = try haven.run(["store", "migrate", "--to", target, "--json"], environment: ["HAVEN_TOKEN": admin])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let report = Self.json(again.stdout)
        #expect(report["resumed"] as? Bool == true, "\(again.stdout)")
        #expect((report["rows"] as? [String: Int])?["cases"] == 120)

        // The province's store reads as the office's did.
        for (arguments, here) in zip(commands, before) {
            let there = try haven.run(arguments, environment: ["HAVEN_TOKEN": token(arguments), "HAVEN_STORE": target])
            #expect(there.status == 0, "\(arguments): \(there.stderr)")
            #expect(here.stdout == there.stdout, "\(arguments) differs after the move")
        }
        // The office's store is retired: every command there says where the store went.
        let retired = try haven.run(["case", "list"], environment: ["HAVEN_TOKEN": officer])
        #expect(retired.status == 69 && retired.stderr.contains("was moved to postgres://"), "\(retired.status) \(retired.stderr)")
        // A second move is refused: the office's store is retired, and the database holds a store.
        let twice = try haven.run(["store", "migrate", "--to", target], environment: ["HAVEN_TOKEN": admin])
        #expect(twice.status == 69 && twice.stderr.contains("was moved to"), "\(twice.status) \(twice.stderr)")
        let other = directory.path + "/other-office"
        let otherAdmin = Self.json(try haven.run(["init", "--no-passphrase", "--json"], environment: ["HAVEN_STORE": other]).stdout)["adminToken"] as? String ?? ""
        let intoFull = try haven.run(["store", "migrate", "--to", target], environment: ["HAVEN_STORE": other, "HAVEN_TOKEN": otherAdmin])
        #expect(intoFull.status == 65 && intoFull.stderr.contains("already holds a Haven store"), "\(intoFull.status) \(intoFull.stderr)")

        // Backups on PostgreSQL are PostgreSQL's own.
        let backup = try haven.run(["backup", "--out", directory.path + "/copy"], environment: ["HAVEN_TOKEN": admin, "HAVEN_STORE": target])
        #expect(backup.status == 69 && backup.stderr.contains("pg_dump"), "\(backup.status) \(backup.stderr)")

        // The restore drill: a dump restored into a new database verifies with the key file.
        let dump = directory.path + "/province.dump"
        let dumped = system("pg_dump --format=custom --file='\(dump)' '\(target)' >/dev/null 2>&1")
        #expect(dumped == 0)
        // Production goes on after the dump (an audited read moves its anchor past the dump).
        #expect(try haven.run(["user", "list"], environment: ["HAVEN_TOKEN": admin, "HAVEN_STORE": target]).status == 0)
        let anchorsBefore = try FileManager.default.contentsOfDirectory(atPath: keyFolder).sorted()
        let drillTarget = (URLComponents(string: target).map { components -> String in
            var copy = components
            copy.path = "/haven_drill_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            return copy.string ?? ""
        }) ?? ""
        let drill = Process()
        drill.executableURL = URL(fileURLWithPath: "/bin/bash")
        drill.arguments = [PackagePaths.root + "/Deploy/postgres/restore-drill.sh", dump, drillTarget]
        var drillEnvironment = haven.environment
        drillEnvironment["HAVEN_TOKEN"] = admin
        drillEnvironment["HAVEN_BIN"] = haven.path
        drillEnvironment["HAVEN_KEY_FILE"] = keyFile
        drillEnvironment["PATH"] = "/usr/bin:/bin"
        drill.environment = drillEnvironment
        let output = Pipe()
        drill.standardOutput = output
        drill.standardError = output
        try drill.run()
        let drillText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        drill.waitUntilExit()
        #expect(drill.terminationStatus == 0, "\(drillText)")
        #expect(drillText.contains("Audit chain intact"), "\(drillText)")
        // Production's key folder (its anchor) untouched by the drill, and production still verifies.
        #expect(try FileManager.default.contentsOfDirectory(atPath: keyFolder).sorted() == anchorsBefore)
        #expect(try haven.run(["audit", "verify"], environment: ["HAVEN_TOKEN": admin, "HAVEN_STORE": target]).status == 0)
        // A restored database whose chain was cut back fails the check (with a private key copy).
        let privateKeys = directory.path + "/drill-keys"
        try FileManager.default.createDirectory(atPath: privateKeys, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: keyFile, toPath: privateKeys + "/store.key")
        _ = try PostgresTestServer.execute("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)", at: drillTarget)
        let cut = try haven.run(["audit", "verify"], environment: ["HAVEN_TOKEN": admin, "HAVEN_STORE": drillTarget,
                                                                 "HAVEN_KEY_FILE": privateKeys + "/store.key"])
        #expect(cut.status == 65, "\(cut.status) \(cut.stdout) \(cut.stderr)")
    }
}
