import Foundation
import HavenRemote
import HavenTestSupport
import Testing

/// The built `haven` binary both ways: the same commands against the store folder and against
/// `haven serve` (another process, on a loopback port) print the same bytes and exit the same.
@Suite("Remote CLI: the same output through haven serve")
struct RemoteCLITests {
    static let clock = "2026-12-02T09:00:00+07:00"

    /// `haven serve` in its own process; its address read from its first line on stderr.
    final class ServeProcess {
        let process = Process()
        let url: String

        /// `logs`: the folder for its stderr (beside the store when it is a folder).
        init(haven: HavenBinary, store: String, port: Int = 0, logs: String? = nil) throws {
            process.executableURL = URL(fileURLWithPath: haven.path)
            process.arguments = ["serve", "--listen", "127.0.0.1:\(port)"]
            var environment = haven.environment
            environment["HAVEN_STORE"] = store
            environment["HAVEN_CLOCK"] = RemoteCLITests.clock
            process.environment = environment
            // Its stderr goes to a file, read until the address appears (a pipe read can be
            // interrupted by another test's child exiting).
            let log = (logs.map { $0 + "/serve" } ?? store) + ".serve-\(UUID().uuidString).log"
            FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var seen = Data()
            let deadline = Date().addingTimeInterval(60)
            var found: String?
            while found == nil && Date() < deadline && process.isRunning {
                Thread.sleep(forTimeInterval: 0.05)
                seen = FileManager.default.contents(atPath: log) ?? Data()
                let text = String(decoding: seen, as: UTF8.self)
                if let range = text.range(of: "http://127.0.0.1:") {
                    let rest = text[range.lowerBound...]
                    if let end = rest.firstIndex(where: { $0 == " " || $0 == "\n" }) { found = String(rest[..<end]) }
                }
            }
            guard let found else {
                process.terminate()
                throw TestFailure("haven serve did not start: \(String(decoding: seen, as: UTF8.self))")
            }
            url = found
        }

        func stop() -> Int32 {
            process.terminate() // SIGTERM: a graceful stop
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    struct TestFailure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    @Test func sameOutputBothWays() throws {
        let directory = TemporaryDirectory("haven-remote-cli")
        let home = directory.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let store = directory.path + "/store"
        let haven = HavenBinary(home: home, extra: ["HAVEN_POLICY": PackagePaths.policy, "HAVEN_CLOCK": Self.clock])
        func local(_ arguments: [String], token: String? = nil, input: String? = nil) throws -> HavenBinary.Result {
            var extra = ["HAVEN_STORE": store]
            if let token { extra["HAVEN_TOKEN"] = token }
            return try haven.run(arguments, input: input, environment: extra)
        }
        func json(_ text: String) throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:] }
        let initialised = try local(["init", "--no-passphrase", "--allow-fixed-clock", "--json"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let admin = try json(initialised.stdout)["adminToken"] as? String ?? ""
        let added = try local(["user", "add", "--name", "Cán bộ Thử", "--role", "field-officer", "--commune", "my-thoi", "binh-duc", "--json"], token: admin)
        let officer = try json(added.stdout)["token"] as? String ?? ""
        let supervisorAdded = try local(["user", "add", "--name", "Giám sát", "--role", "supervisor", "--json"], token: admin)
        let supervisor = try json(supervisorAdded.stdout)["token"] as? String ?? ""
        let created = try local(["case", "new", "--from", "-", "--json"], token: officer, input: Fixtures.intakeJSON())
        #expect(created.status == 0, "\(created.stderr)")
        let caseID = try json(created.stdout)["id"] as? String ?? ""

        let server = try ServeProcess(haven: haven, store: store)
        // A second server on the same port: a clear refusal, not an internal error.
        let taken = try haven.run(["serve", "--listen", String(server.url.dropFirst("http://".count))], environment: ["HAVEN_STORE": store])
        #expect(taken.status == 69 && taken.stderr.contains("Cannot listen on"), "\(taken.status) \(taken.stderr)")
        func remote(_ arguments: [String], token: String, input: String? = nil) throws -> HavenBinary.Result {
            try haven.run(arguments, input: input, environment: ["HAVEN_STORE": server.url, "HAVEN_TOKEN": token])
        }
        let commands: [([String], String)] = [
            (["case", "list"], officer), (["case", "show", caseID], officer), (["case", "show", caseID, "--json"], officer),
            (["referral", "list", "--mine"], officer), (["route", caseID], officer), (["user", "list"], admin), (["agency", "list"], admin),
            (["referral", "overdue"], supervisor), (["audit", "verify"], admin),
            (["case", "show", "C-ZZZZZZZZ"], officer), (["user", "list"], officer), (["case", "list", "--commune", "nowhere"], officer),
            (["stats", "--by", "gbvType,survivorSex", "--period", "2026"], supervisor), (["mediation", "eligible", caseID], officer),
        ]
        for (arguments, token) in commands {
            let here = try local(arguments, token: token)
            let there = try remote(arguments, token: token)
            #expect(here.status == there.status, "\(arguments): exit \(here.status) here, \(there.status) through the server: \(there.stderr)")
            #expect(here.stdout == there.stdout, "\(arguments): stdout differs\n--- local\n\(here.stdout)\n--- remote\n\(there.stdout)")
            // The local process reads the store's clock itself and says it is fixed (a drill);
            // through the server that is the server's note. Everything else is the same.
            let localErrors = here.stderr.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("Note: the clock is fixed") }.joined(separator: "\n")
            #expect(localErrors == there.stderr, "\(arguments): stderr differs\n--- local\n\(here.stderr)\n--- remote\n\(there.stderr)")
        }
        // An intake through the server lands in the store.
        let remoteIntake = try remote(["case", "new", "--from", "-", "--json"], token: officer, input: Fixtures.intakeJSON(survivorName: "Trần Thị Hai"))
        #expect(remoteIntake.status == 0, "\(remoteIntake.stderr)")
        let remoteID = try json(remoteIntake.stdout)["id"] as? String ?? ""
        #expect(try local(["case", "show", remoteID], token: officer).status == 0)
        // What must stay beside the store is refused through a server, with a usage error.
        let backup = try remote(["backup", "--out", directory.path + "/b"], token: admin)
        #expect(backup.status == 64, "\(backup.stderr)")
        // A server address over plain HTTP beyond this machine is refused before any request.
        let far = try haven.run(["case", "list"], environment: ["HAVEN_STORE": "http://192.0.2.1:8080", "HAVEN_TOKEN": officer])
        #expect(far.status == 64 && !far.stderr.contains(officer))
        #expect(server.stop() == 0, "SIGTERM stops the server gracefully")
    }

    /// Restarting the server under load loses no acknowledged write: intakes go on from four
    /// tasks while the server is stopped (SIGTERM) and started again; every intake answered
    /// 201 is in the store afterwards, exactly once.
    @Test func restartUnderLoadLosesNothingAcknowledged() async throws {
        let directory = TemporaryDirectory("haven-restart")
        let home = directory.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let store = directory.path + "/store"
        let haven = HavenBinary(home: home, extra: ["HAVEN_POLICY": PackagePaths.policy])
        let initialised = try haven.run(["init", "--no-passphrase", "--json"], environment: ["HAVEN_STORE": store])
        let admin = (try JSONSerialization.jsonObject(with: Data(initialised.stdout.utf8)) as? [String: Any])?["adminToken"] as? String ?? ""
        let added = try haven.run(["user", "add", "--name", "Cán bộ", "--role", "field-officer", "--commune", "my-thoi", "--json"],
                                  environment: ["HAVEN_STORE": store, "HAVEN_TOKEN": admin])
        let officer = (try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["token"] as? String ?? ""
        let first = try ServeProcess(haven: haven, store: store)
        let url = URL(string: first.url)!
        let port = url.port!
        let acknowledged = Acknowledged()
        // Long enough for a loaded CI machine: the load runs until a few intakes were answered
        // after the restart (or a minute passed).
        let deadline = Date().addingTimeInterval(60)
        let load = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var n = 0
                        while Date() < deadline, await acknowledged.afterRestart < 8 {
                            n += 1
                            do {
                                let client = try await RemoteClient.signIn(url, token: officer, language: .en)
                                var form = try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Thử \(worker) \(n)"))
                                form.importKey = nil
                                let created = try await client.createCase(form)
                                await acknowledged.add(created.id.rawValue)
                            } catch {
                                await acknowledged.failed(error)
                                try? await Task.sleep(for: .milliseconds(50)) // refused or cut off while restarting: not acknowledged
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Stop once the load is running (a few intakes answered), mid-stream.
        while await acknowledged.ids.count < 8 && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(first.stop() == 0, "SIGTERM: a graceful stop")
        await acknowledged.markRestart()
        let second = try ServeProcess(haven: haven, store: store, port: port)
        try await load.value
        _ = second.stop()
        let ids = await acknowledged.ids
        let firstError = await acknowledged.firstError
        #expect(ids.count > 10, "the load ran: \(ids.count) intakes acknowledged; first failure: \(firstError)")
        #expect(await acknowledged.afterRestart > 0, "intakes were answered after the restart")
        let listed = try haven.run(["case", "list", "--json"], environment: ["HAVEN_STORE": store, "HAVEN_TOKEN": officer])
        let stored = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(Set(ids).isSubset(of: Set(stored)), "every acknowledged intake is in the store")
        #expect(Set(stored).count == stored.count)
        let verified = try haven.run(["audit", "verify"], environment: ["HAVEN_STORE": store, "HAVEN_TOKEN": admin])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}

actor Acknowledged {
    var ids: [String] = []
    var restarted = false
    var afterRestart = 0
    var firstError = "none"
    func add(_ id: String) { ids.append(id); if restarted { afterRestart += 1 } }
    func markRestart() { restarted = true }
    func failed(_ error: any Error) { if firstError == "none" { firstError = String(describing: error) } }
}
