import Foundation
import HavenCore
import HavenTestSupport
import Testing

/// Issue #9: each attack of the security review, performed through the built binary, now
/// fails to succeed.
@Suite("End to end: attacks from the security review", .serialized)
struct CLISecurityTests {
    /// Runs the commands at the same time, each in its own process.
    func concurrently(_ env: CLITestEnvironment, _ runs: [([String], String, [String: String])]) -> [HavenBinary.Result] {
        nonisolated(unsafe) var results = [HavenBinary.Result?](repeating: nil, count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            let (arguments, token, extra) = runs[index]
            results[index] = try? env.run(arguments, token: token, extra)
        }
        return results.compactMap { $0 }
    }

    /// Critical 1: two `keys rotate` at once never both succeed (the second is refused, 69 or
    /// 75); a stale copy of the key file may not rotate; every case still opens afterwards.
    @Test func concurrentRotations() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        var ids: [String] = []
        for index in 0..<12 {
            let created = try env.run(["case", "new", "--from", "-", "--json"],
                                      input: Fixtures.intakeJSON(survivorName: "Người Thử \(index)"), token: officer)
            ids.append(try env.json(created.stdout)["id"] as? String ?? "")
        }
        let keys = env.directory.path + "/home/.config/haven/keys"
        let keyFile = keys + "/" + (try FileManager.default.contentsOfDirectory(atPath: keys).first { $0.hasSuffix(".key") } ?? "")
        for round in 0..<3 {
            let copy = env.directory.path + "/copy-\(round).key"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: keyFile, toPath: copy)
            let results = concurrently(env, [(["keys", "rotate", "--json"], admin, [:]), (["keys", "rotate", "--json"], admin, [:])])
            // When the two overlap, one is refused; on a loaded machine the second may start after
            // the first finished and rotate again legitimately. Never may two claim one version.
            let versions = try results.filter { $0.status == 0 }.map { try env.json($0.stdout)["version"] as? Int ?? -1 }
            #expect(results.count == 2 && !versions.isEmpty && Set(versions).count == versions.count,
                    "round \(round): \(results.map { ($0.status, $0.stdout, $0.stderr) })")
            #expect(results.allSatisfy { [0, 69, 75].contains($0.status) }, "round \(round): \(results.map { ($0.status, $0.stderr) })")
            // A stale copy of the key file (taken before this round's rotation) may not rotate:
            // the store's version is ahead of it (75), and nothing changes.
            let stale = try env.run(["keys", "rotate"], token: admin, ["HAVEN_KEY_FILE": copy])
            #expect(stale.status == 75, "\(stale.stderr)")
            // Whoever won, every case opens with the real key file.
            for id in ids {
                let shown = try env.run(["case", "show", id, "--json"], token: officer)
                #expect(shown.status == 0, "round \(round), \(id): \(shown.stderr)")
            }
        }
        #expect(try env.run(["audit", "verify"], token: admin).status == 0)
    }
}

extension CLISecurityTests {
    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    /// High 6 and medium 10: `--out` never destroys the store or a key file (even with
    /// --force), refuses an existing file, a symlink or a folder unless --force, replaces a
    /// symlink itself (never its target), and every file written is 0600 from the start.
    @Test func outputFilesCannotDestroyAnything() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let officer = try env.officer(admin: admin)
        #expect(try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(), token: officer).status == 0)
        let database = env.store + "/haven.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let keys = env.directory.path + "/home/.config/haven/keys"
        let keyFile = keys + "/" + (try FileManager.default.contentsOfDirectory(atPath: keys).first { $0.hasSuffix(".key") } ?? "")
        let keyBefore = try Data(contentsOf: URL(fileURLWithPath: keyFile))

        for target in [database, keyFile, env.store + "/new-file.html"] {
            for force in [false, true] {
                let result = try env.run(["report", "annual", "--year", "2026", "--out", target] + (force ? ["--force"] : []), token: supervisor)
                #expect(result.status == 73, "\(target) force=\(force): \(result.status) \(result.stderr)")
            }
        }
        let exported = try env.run(["export", "incident-recorder", "--year", "2026", "--out", keyFile, "--force"], token: supervisor)
        #expect(exported.status == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)).count >= before.count, "the store is intact")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == keyBefore, "the key file is intact")
        #expect(try env.run(["case", "list"], token: officer).status == 0)

        // An existing file: refused, then replaced with --force, 0600.
        let report = env.directory.path + "/out/report.html"
        try FileManager.default.createDirectory(atPath: env.directory.path + "/out", withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: report))
        let refused = try env.run(["report", "annual", "--year", "2026", "--out", report], token: supervisor)
        #expect(refused.status == 73 && refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "keep me")
        #expect(try env.run(["report", "annual", "--year", "2026", "--out", report, "--force"], token: supervisor).status == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("<html"))
        #expect(mode(report) == 0o600)

        // A symbolic link pointing at something precious: refused; with --force the link is
        // replaced and its target is untouched.
        let precious = env.directory.path + "/precious.txt"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: precious))
        let link = env.directory.path + "/out/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: precious)
        #expect(try env.run(["report", "annual", "--year", "2026", "--out", link], token: supervisor).status == 73)
        #expect(try env.run(["report", "annual", "--year", "2026", "--out", link, "--force"], token: supervisor).status == 0)
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "precious")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil, "the link itself was replaced")
        #expect(mode(link) == 0o600)

        // A folder is never an output file.
        #expect(try env.run(["report", "annual", "--year", "2026", "--out", env.directory.path + "/out"], token: supervisor).status == 73)

        // Backups and bundles: the same rules, and the message speaks of the file, not --store.
        let backup = env.directory.path + "/out/backup.sqlite"
        #expect(try env.run(["backup", "--out", backup], token: admin).status == 0)
        #expect(mode(backup) == 0o600)
        let again = try env.run(["backup", "--out", backup], token: admin)
        #expect(again.status == 73 && !again.stderr.contains("--store"), "\(again.stderr)")
        #expect(try env.run(["backup", "--out", backup, "--force"], token: admin).status == 0)
        let bundle = env.directory.path + "/out/bundle.json"
        #expect(try env.run(["referral", "export", "--agency", "police", "--out", bundle], token: admin).status == 0)
        #expect(mode(bundle) == 0o600)
        #expect(try env.run(["referral", "export", "--agency", "police", "--out", bundle], token: admin).status == 73)

        // Files Haven keeps: the key file after a rotation, the credentials after a login.
        #expect(try env.run(["keys", "rotate"], token: admin).status == 0)
        #expect(mode(keyFile) == 0o600)
        let login = try env.run(["login"], input: officer + "\n", token: nil)
        #expect(login.status == 0, "\(login.stderr)")
        #expect(mode(env.directory.path + "/home/.config/haven/credentials.json") == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: env.directory.path + "/out").filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}

extension CLISecurityTests {
    /// Medium 9: numeric options drawn at random (years, ε, limits, counts, dates) never end
    /// a command with a signal: out-of-range values are usage errors (64), and a refused or
    /// failed noisy query charges nothing.
    @Test func numericOptionsNeverCrash() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let officer = try env.officer(admin: admin)
        #expect(try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(), token: officer).status == 0)
        var rng = SeededGenerator(seed: 9_009)
        let years = [0, 1, 1799, 1800, 1899, 1900, 1999, 2000, 2026, 2100, 2101, 2201, 9999, -5, Int.max, Int.min]
        let epsilons = ["1e-17", "0", "-1", "0.009", "0.01", "1", "2", "2.5", "1e300", "nan", "inf", "-inf", "1e-320"]
        let out = env.directory.path + "/out"
        var runs: [([String], String)] = []
        for index in 0..<48 {
            let year = years.randomElement(using: &rng)!
            let epsilon = epsilons.randomElement(using: &rng)!
            switch index % 8 {
            case 0: runs.append((["report", "annual", "--year", "\(year)", "--out", out + "/r\(index).html"], supervisor))
            case 1: runs.append((["export", "incident-recorder", "--year", "\(year)", "--out", out + "/e\(index).csv"], supervisor))
            case 2: runs.append((["export", "stats", "--year", "\(year)", "--out", out + "/s\(index)"], supervisor))
            case 3: runs.append((["stats", "--by", "survivorSex", "--period", "\(year)", "--privacy", "dp", "--epsilon", epsilon], supervisor))
            case 4: runs.append((["mediation", "stats", "--year", "\(year)"], supervisor))
            case 5: runs.append((["case", "list", "--limit", "\([0, -1, 1, Int.max, Int.min].randomElement(using: &rng)!)"], officer))
            case 6: runs.append((["synth", "--count", "\([0, 1, -1, 5_000_001].randomElement(using: &rng)!)",
                                  "--until", ["1900-01-01", "2200-12-31", "0000-01-01", "2026-02-30"].randomElement(using: &rng)!], officer))
            default: runs.append((["audit", "log", "--limit", "\([0, -1, Int.max, Int.min].randomElement(using: &rng)!)"], admin))
            }
        }
        // The values the review found crashing, whatever the draw.
        runs += [(["report", "annual", "--year", "1900", "--out", out + "/r1900.html"], supervisor),
                 (["report", "annual", "--year", "2201", "--out", out + "/r2201.html"], supervisor),
                 (["export", "stats", "--year", "1800", "--out", out + "/s1800"], supervisor),
                 (["stats", "--by", "survivorSex", "--period", "2026", "--privacy", "dp", "--epsilon", "1e-17"], supervisor)]
        for (arguments, token) in runs {
            let result = try env.run(arguments, token: token)
            #expect([0, 64, 65, 69, 73, 77].contains(result.status) && !result.stderr.contains("Fatal error"),
                    "\(arguments.joined(separator: " ")) → \(result.status): \(result.stderr.suffix(300))")
        }
        // The retired noise mode's options, whatever their value, say it is gone (64).
        for epsilon in ["1e-17", "2", "nan", "1e300"] {
            let refused = try env.run(["stats", "--by", "survivorSex", "--period", "2026", "--privacy", "dp", "--epsilon", epsilon], token: supervisor)
            #expect(refused.status == 64 && refused.stderr.contains("removed"), "\(refused.stderr)")
        }
    }
}

extension CLISecurityTests {
    /// High 4, medium 12, low 14: explain --case only for those who may read the case; the last
    /// administrator cannot be revoked; lifecycle commands take ids in any case.
    @Test func rolesAndIds() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let created = try env.json(try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(acts: ["weapon"]), token: officer).stdout)
        let caseID = created["id"] as? String ?? ""
        for token in [supervisor, admin] {
            let explained = try env.run(["policy", "explain", "--case", caseID], token: token)
            #expect(explained.status == 77 && !explained.stdout.contains("survivor.age"), "\(explained.stdout)")
        }
        #expect(try env.run(["policy", "explain", "--case", caseID], token: officer).status == 0)
        let file = env.directory.path + "/case.json"
        try Fixtures.intakeJSON().write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try env.run(["policy", "explain", "--from", file], token: supervisor).status == 0, "--from stays open to all")

        // The only administrator may not revoke themself; with a second one, they may.
        let users = try env.jsonArray(try env.run(["user", "list", "--json"], token: admin).stdout)
        let adminID = users.first { $0["role"] as? String == "admin" }?["id"] as? String ?? ""
        let last = try env.run(["user", "revoke", adminID], token: admin)
        #expect(last.status == 65 && last.stderr.contains("last active administrator"), "\(last.stderr)")
        let second = try env.json(try env.run(["user", "add", "--name", "Quản trị 2", "--role", "admin", "--json"], token: admin).stdout)["token"] as? String ?? ""
        #expect(try env.run(["user", "revoke", adminID], token: second).status == 0)

        // Lifecycle ids in lower case, as `show` accepts them.
        let police = try env.user("caseworker", name: "CA", agency: "police", admin: second)
        let referral = (created["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "police" }?["id"] as? String ?? ""
        let acked = try env.run(["referral", "ack", referral.lowercased()], token: police)
        #expect(acked.status == 0, "\(acked.stderr)")
    }

    /// Medium 11 and low 13: names with control or bidirectional characters are refused; a
    /// note that holds an escape sequence is shown visibly on a terminal and kept exact in
    /// JSON; oversized names (by bytes), future report times, malformed offsets are refused;
    /// phone digits of other scripts become ASCII.
    @Test func hostileText() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let clear = "\u{1B}[2J\u{1B}]8;;http://example.invalid\u{07}"
        let badName = try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(survivorName: "Lan\\u001b[2J"), token: officer)
        #expect(badName.status == 65 && !badName.stderr.contains("\u{1B}"))
        let bidi = try env.run(["user", "add", "--name", "Admin\u{202E}nimda", "--role", "supervisor"], token: admin)
        #expect(bidi.status == 65)
        let heavy = "a" + String(repeating: "\u{0301}", count: 3_000)
        #expect(try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(survivorName: heavy), token: officer).status == 65)
        #expect(try env.run(["user", "add", "--name", heavy, "--role", "supervisor"], token: admin).status == 65)
        #expect(try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(reportedAt: "2099-01-01T09:00:00+07:00"), token: officer).status == 65)
        for offset in ["+99:00", "+14:30", "+-1:00", "+0a:00"] {
            let result = try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(reportedAt: "2026-11-20T09:30:00\(offset)"), token: officer)
            #expect(result.status == 65, "offset \(offset)")
        }
        let fullwidth = Fixtures.intakeJSON().replacingOccurrences(of: "0912345678", with: "０９１２３４５６７８")
        let created = try env.json(try env.run(["case", "new", "--from", "-", "--json"], input: fullwidth, token: officer).stdout)
        let caseID = created["id"] as? String ?? ""
        #expect(caseID.hasPrefix("C-"))
        #expect(try env.run(["case", "note", caseID, "--text", "Ghi chú " + clear], token: officer).status == 0)
        let shown = try env.run(["case", "show", caseID], token: officer)
        #expect(shown.status == 0 && !shown.stdout.contains("\u{1B}") && !shown.stdout.contains("\u{07}"))
        #expect(shown.stdout.contains("\\u{1B}[2J"), "the escape is shown visibly")
        #expect(shown.stdout.contains("0912345678"), "fullwidth digits were stored as ASCII")
        let json = try env.run(["case", "show", caseID, "--json"], token: officer)
        #expect(json.stdout.contains("\\u001b[2J"), "JSON keeps the exact text (escaped by JSON itself)")
    }
}

extension CLISecurityTests {
    /// High 3: `agency keygen` on an agency with a key is refused (73) without --replace; the
    /// replacement shows both fingerprints and the agency's inbox says so; supervisors see
    /// field-officer accounts created per commune and month.
    @Test func agencyKeyReplacementAndAccountCounts() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        _ = try env.officer(admin: admin)
        let first = env.directory.path + "/police.key"
        #expect(try env.run(["agency", "keygen", "police", "--out", first], token: admin).status == 0)
        let silent = try env.run(["agency", "keygen", "police", "--out", env.directory.path + "/mine.key"], token: admin)
        #expect(silent.status == 73 && silent.stderr.contains("--replace"))
        #expect(!FileManager.default.fileExists(atPath: env.directory.path + "/mine.key"))
        let replaced = try env.run(["agency", "keygen", "police", "--out", env.directory.path + "/mine.key", "--replace"], token: admin)
        #expect(replaced.status == 0 && replaced.stdout.contains("REPLACES"), "\(replaced.stdout)")
        let police = try env.user("caseworker", name: "CA", agency: "police", admin: admin)
        let inbox = try env.run(["referral", "list"], token: police)
        #expect(inbox.status == 0 && inbox.stderr.contains("key was replaced"), "\(inbox.stderr)")

        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let counts = try env.jsonArray(try env.run(["user", "counts", "--json"], token: supervisor).stdout)
        #expect(counts.contains { $0["commune"] as? String == "my-thoi" && $0["created"] as? Int == 1 })
        #expect(try env.run(["user", "counts"], token: police).status == 77)
    }
}

extension CLISecurityTests {
    /// Low 15: an export that cannot be written says which file and why (74), never "store";
    /// `mediation eligible` reads sealed data, so it is audited; a systemd credential is read
    /// from $CREDENTIALS_DIRECTORY instead of an environment variable.
    @Test func smallerItems() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let blocked = env.directory.path + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocked))
        let failed = try env.run(["report", "annual", "--year", "2026", "--out", blocked + "/out.csv"], token: supervisor)
        #expect(failed.status == 74 && failed.stderr.contains("out.csv") && !failed.stderr.contains("store"), "\(failed.stderr)")

        let created = try env.json(try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(), token: officer).stdout)
        let caseID = created["id"] as? String ?? ""
        #expect(try env.run(["mediation", "eligible", caseID], token: officer).status != 77)
        let log = try env.run(["audit", "log", "--case", caseID, "--json"], token: admin)
        #expect(log.stdout.contains("mediation.eligible"), "\(log.stdout.suffix(400))")

        let credentials = env.directory.path + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try Data((admin + "\n").utf8).write(to: URL(fileURLWithPath: credentials + "/haven-token"))
        try? FileManager.default.removeItem(atPath: env.directory.path + "/home/.config/haven/credentials.json")
        #expect(try env.run(["user", "list", "--json"], token: nil).status == 77, "no token without the credential")
        let viaSystemd = try env.run(["user", "list", "--json"], token: nil, ["CREDENTIALS_DIRECTORY": credentials])
        #expect(viaSystemd.status == 0, "\(viaSystemd.stderr)")
    }
}
