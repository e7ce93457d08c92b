import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: every error has its message and exit code", .serialized)
struct CLIErrorTests {
    /// Unknown commune → 65 with the closest slug; malformed JSON → 65 with line and column.
    @Test func badInput() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let commune = try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(commune: "my-thoy"), token: officer)
        #expect(commune.status == 65)
        #expect(commune.stderr.contains("my-thoi"))
        let malformed = try env.run(["case", "new", "--from", "-"], input: "{\"source\": \"self\",\n \"commune\" \"my-thoi\"}", token: officer)
        #expect(malformed.status == 65)
        #expect(malformed.stderr.contains("line 2, column 12"))
        let vietnamese = try env.run(["case", "new", "--from", "-", "--lang", "vi"], input: "{", token: officer)
        #expect(vietnamese.status == 65)
        #expect(vietnamese.stderr.contains("dòng 1"))
        let empty = try env.run(["case", "new", "--from", "-"], input: "", token: officer)
        #expect(empty.status == 65 && empty.stderr.contains("the input is empty") && !empty.stderr.contains(".."), "\(empty.stderr)")
        let noTerminal = try env.run(["case", "new"], input: "", token: officer)
        #expect(noTerminal.status == 65 && noTerminal.stderr.contains("--from FILE") && !noTerminal.stderr.contains(".."), "\(noTerminal.stderr)")
        let badPhone = Fixtures.intakeJSON().replacingOccurrences(of: "0912345678", with: "abc")
        let phoneVi = try env.run(["case", "new", "--from", "-", "--lang", "vi"], input: badPhone, token: officer)
        #expect(phoneVi.status == 65)
        #expect(phoneVi.stderr.contains("survivor.phone") && phoneVi.stderr.contains("số điện thoại"), "the reason is in Vietnamese too")
        #expect(!phoneVi.stderr.contains("abc"), "the bad value itself is not echoed")
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).isEmpty, "nothing half-written")
    }

    /// No store → 66 saying to run `haven init`; an existing store → 73, unchanged.
    @Test func storeErrors() throws {
        let env = try CLITestEnvironment()
        let missing = try env.run(["case", "list"], ["HAVEN_STORE": env.directory.path + "/nowhere"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("haven init"))
        // A database that cannot be reached is said as such (never "no store, run haven init").
        let url = try env.run(["case", "list"], ["HAVEN_STORE": "postgres://haven@127.0.0.1:1/haven"])
        #expect(url.status == 74 && url.stderr.contains("127.0.0.1:1") && !url.stderr.contains("haven init"), "\(url.status) \(url.stderr)")
        let batch = try env.run(["store", "migrate", "--to", "postgres://haven@127.0.0.1:1/haven", "--batch", "0"])
        #expect(batch.status == 64 && batch.stderr.contains("--batch takes 1 to 10000"), "\(batch.stderr)")
        let secret = try env.run(["case", "list"], ["HAVEN_STORE": "postgres://haven:s3cr3t@127.0.0.1:1/haven"])
        #expect(secret.status == 74 && secret.stderr.contains("PGPASSWORD") && !secret.stderr.contains("s3cr3t"), "\(secret.status) \(secret.stderr)")
        _ = try env.initialise()
        let before = try Data(contentsOf: URL(fileURLWithPath: env.store + "/haven.sqlite"))
        let again = try env.run(["init", "--no-passphrase"])
        #expect(again.status == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: env.store + "/haven.sqlite")) == before)
    }

    /// Wrong passphrase → 77; a forbidden action → 77 and audited; a bad flag → 64.
    @Test func permissionAndUsage() throws {
        let env = try CLITestEnvironment()
        let created = try env.run(["init", "--json"], ["HAVEN_PASSPHRASE": "mật khẩu đúng"])
        #expect(created.status == 0, "\(created.stderr)")
        let admin = try env.json(created.stdout)["adminToken"] as? String ?? ""
        let wrong = try env.run(["user", "list"], token: admin, ["HAVEN_PASSPHRASE": "sai"])
        #expect(wrong.status == 77)
        #expect(wrong.stderr.contains("passphrase"))
        let right = ["HAVEN_PASSPHRASE": "mật khẩu đúng"]
        #expect(try env.run(["user", "list"], token: admin, right).status == 0)
        // An administrator may not read case content.
        let forbidden = try env.run(["case", "show", "C-7Q2MX9KD"], token: admin, right)
        #expect(forbidden.status == 77)
        let log = try env.run(["audit", "log", "--json"], token: admin, right)
        #expect(log.stdout.contains("\"denied\""))
        #expect(try env.run(["case", "list", "--bogus"], token: admin, right).status == 64)
        #expect(try env.run(["user", "add", "--name", "x", "--role", "boss"], token: admin, right).status == 64)
        let period = try env.run(["stats", "--period", "2026-13"], token: admin, right)
        #expect(period.status == 64 && period.stderr.contains("2026-Q3"), "\(period.stderr)")
        let periodVi = try env.run(["stats", "--period", "2026-13", "--lang", "vi"], token: admin, right)
        #expect(periodVi.status == 64 && periodVi.stderr.contains("một năm, một quý hoặc một tháng"), "\(periodVi.stderr)")
        let badLang = try env.run(["case", "list", "--lang", "fr"], token: admin, right.merging(["LANG": "vi_VN.UTF-8"]) { $1 })
        #expect(badLang.status == 64 && badLang.stderr.contains("chỉ nhận một trong: vi, en"), "\(badLang.stderr)")
        #expect(try env.run(["case", "list"], token: "hvn_not-a-token", right).status == 77)
        // A case that does not exist → 66.
        let officer = try env.run(["user", "add", "--name", "O", "--role", "field-officer", "--commune", "my-thoi", "--json"], token: admin, right)
        let token = try env.json(officer.stdout)["token"] as? String
        #expect(try env.run(["case", "show", "C-7Q2MX9KD"], token: token, right).status == 66)
    }

    /// A store not made for drills ignores HAVEN_CLOCK: audit times stay real.
    @Test func fixedClockOnlyForDrills() throws {
        let env = try CLITestEnvironment()
        let created = try env.run(["init", "--no-passphrase", "--json"])
        let admin = try env.json(created.stdout)["adminToken"] as? String ?? ""
        let result = try env.run(["audit", "log", "--json"], token: admin, ["HAVEN_CLOCK": "2020-01-01T00:00:00+07:00"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("ignored"))
        let users = try env.run(["user", "add", "--name", "X", "--role", "supervisor"], token: admin, ["HAVEN_CLOCK": "2020-01-01T00:00:00+07:00"])
        #expect(users.status == 0)
        let log = try env.jsonArray(try env.run(["audit", "log", "--json"], token: admin).stdout)
        #expect(log.allSatisfy { !($0["at"] as? String ?? "").hasPrefix("2020") })
    }

    /// A changed audit entry makes `audit verify` exit 65 naming it.
    @Test func brokenAudit() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        _ = try env.officer(admin: admin)
        try RawDatabase.execute(path: env.store + "/haven.sqlite", sql: "UPDATE audit SET actor = 'U-SOMEONE' WHERE seq = 2")
        let verify = try env.run(["audit", "verify"], token: admin)
        #expect(verify.status == 65)
        #expect(verify.stderr.contains("entry 2") && verify.stderr.contains("content was changed"))
        let vietnamese = try env.run(["audit", "verify", "--lang", "vi"], token: admin)
        #expect(vietnamese.status == 65)
        #expect(vietnamese.stderr.contains("mục 2") && vietnamese.stderr.contains("nội dung của mục đã bị sửa"))
    }
}

@Suite("End to end: at rest and under load", .serialized)
struct CLIStorageTests {
    /// keys rotate then keys retire: the key file keeps only the new version, and every case
    /// still opens through the binary.
    @Test func rotateAndRetire() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(), token: officer)
        let id = try env.json(created.stdout)["id"] as? String ?? ""
        #expect(try env.run(["keys", "retire"], token: admin).stdout.contains("version 1"), "nothing to retire before a rotation")
        #expect(try env.run(["keys", "rotate"], token: admin).status == 0)
        let retired = try env.run(["keys", "retire", "--json"], token: admin)
        #expect(retired.status == 0, "\(retired.stderr)")
        #expect(try env.json(retired.stdout)["retired"] as? [Int] == [1])
        #expect(try env.run(["keys", "retire"], token: officer).status == 77)
        let shown = try env.run(["case", "show", id], token: officer)
        #expect(shown.status == 0 && shown.stdout.contains("Nguyễn Thị Lan"), "\(shown.stderr)")
        #expect(try env.run(["audit", "verify"], token: admin).status == 0)
    }

    /// No plaintext at rest, through the binary: the database, its WAL and the key folder hold
    /// neither the name nor the narrative's unique phrase in any encoding.
    @Test func noPlaintextAtRest() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let name = "Nguyễn Thị Phương Thảo"
        let phrase = "con đò nhỏ trên kênh Vĩnh Tế \(UUID().uuidString.prefix(6))"
        let result = try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(survivorName: name, narrative: phrase), token: officer)
        #expect(result.status == 0, "\(result.stderr)")
        let keys = env.directory.path + "/home/.config/haven/keys"
        #expect(FileManager.default.fileExists(atPath: keys))
        #expect(ByteScanner.hits(of: [name, phrase], in: [env.store, keys]).isEmpty)
    }

    /// Four `haven case new` processes at once, 50 cases each: all 200 are stored and the
    /// audit chain verifies.
    @Test func concurrentWriters() async throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var failed = 0
                    for n in 0..<50 {
                        let json = Fixtures.intakeJSON(survivorName: "Người Thử \(worker)-\(n)")
                        if try env.run(["case", "new", "--from", "-"], input: json, token: officer).status != 0 { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
        let list = try env.run(["case", "list", "--json"], token: officer)
        #expect(try env.jsonArray(list.stdout).count == 200)
        let verify = try env.run(["audit", "verify", "--json"], token: admin)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(try env.json(verify.stdout)["entries"] as? Int == 403) // 3 + (create + route) × 200
    }
}
