import Foundation
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
            let results = concurrently(env, [(["keys", "rotate"], admin, [:]), (["keys", "rotate"], admin, [:])])
            #expect(results.count == 2 && results.filter { $0.status == 0 }.count == 1, "round \(round): \(results.map { ($0.status, $0.stderr) })")
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
