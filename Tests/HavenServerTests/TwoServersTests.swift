import Foundation
import HavenAPI
import HavenRemote
import HavenService
import HavenTestSupport
import Testing

/// Issue #13, item 3: a province runs `haven serve` on more than one machine against one
/// PostgreSQL database. Two server processes (the built binary) on one database: concurrent
/// intakes through both lose nothing and double nothing; two caseworkers accepting the same
/// referral at once through different servers: exactly one wins, the other is told 409 with the
/// referral's current state; the audit chain stays one linear chain that `audit verify` checks.
@Suite("Two servers, one PostgreSQL database", .enabled(if: PostgresTestServer.isAvailable, "HAVEN_TEST_POSTGRES is not set (make test sets it)"))
struct TwoServersTests {
    typealias ServeProcess = RemoteCLITests.ServeProcess

    struct Province {
        let directory: TemporaryDirectory
        let haven: HavenBinary
        let store: String
        let admin: String
        let officer: String

        init() throws {
            directory = TemporaryDirectory("haven-two-servers")
            let home = directory.path + "/home"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            store = try PostgresTestServer.makeDatabase()
            haven = HavenBinary(home: home, extra: ["HAVEN_POLICY": PackagePaths.policy, "HAVEN_STORE": store])
            let initialised = try haven.run(["init", "--no-passphrase", "--json"])
            guard initialised.status == 0 else { throw RemoteCLITests.TestFailure("init on PostgreSQL: \(initialised.stderr)") }
            admin = try Self.field(initialised.stdout, "adminToken")
            officer = try Self.field(try haven.run(["user", "add", "--name", "Cán bộ", "--role", "field-officer", "--commune", "my-thoi",
                                                    "binh-duc", "--json"], environment: ["HAVEN_TOKEN": admin]).stdout, "token")
        }

        static func field(_ json: String, _ name: String) throws -> String {
            guard let value = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?[name] as? String else {
                throw RemoteCLITests.TestFailure("no \(name) in \(json)")
            }
            return value
        }

        func user(_ role: String, agency: String? = nil) throws -> String {
            var arguments = ["user", "add", "--name", "Người dùng", "--role", role, "--json"]
            if let agency { arguments += ["--agency", agency] }
            return try Self.field(try haven.run(arguments, environment: ["HAVEN_TOKEN": admin]).stdout, "token")
        }
    }

    @Test func concurrentIntakesThroughTwoServersLoseNothingAndDoubleNothing() async throws {
        let province = try Province()
        let first = try ServeProcess(haven: province.haven, store: province.store, logs: province.directory.path)
        let second = try ServeProcess(haven: province.haven, store: province.store, logs: province.directory.path)
        defer { _ = first.stop(); _ = second.stop() }
        let servers = [try #require(URL(string: first.url)), try #require(URL(string: second.url))]
        let total = 1_000, workers = 16
        let officer = province.officer
        let results = try await withThrowingTaskGroup(of: ([String], [String]).self) { group in
            for worker in 0..<workers {
                group.addTask {
                    let client = try await RemoteClient.signIn(servers[worker % 2], token: officer, language: .en)
                    var ids: [String] = [], failures: [String] = []
                    for n in stride(from: worker, to: total, by: workers) {
                        do {
                            var form = try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Thử \(n)"))
                            form.importKey = nil
                            ids.append(try await client.createCase(form).id.rawValue)
                        } catch {
                            failures.append(String(describing: error))
                        }
                    }
                    return (ids, failures)
                }
            }
            return try await group.reduce(into: ([String](), [String]())) { $0.0 += $1.0; $0.1 += $1.1 }
        }
        #expect(results.1.isEmpty, "\(results.1.count) intakes refused; first: \(results.1.first ?? "")")
        #expect(results.0.count == total)
        #expect(Set(results.0).count == results.0.count, "no id given twice")
        let listed = try province.haven.run(["case", "list", "--json"], environment: ["HAVEN_TOKEN": officer])
        let stored = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(stored.count == total, "every intake answered 201 is stored, once: \(stored.count)")
        #expect(Set(stored) == Set(results.0))
        let verified = try province.haven.run(["audit", "verify", "--json"], environment: ["HAVEN_TOKEN": province.admin])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test func twoCaseworkersAcceptingTheSameReferralAtOnce() async throws {
        let province = try Province()
        let keyFile = province.directory.path + "/police.key"
        let keygen = try province.haven.run(["agency", "keygen", "police", "--out", keyFile], environment: ["HAVEN_TOKEN": province.admin])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let rounds = 8
        let (one, other) = (try province.user("caseworker", agency: "police"), try province.user("caseworker", agency: "police"))
        let first = try ServeProcess(haven: province.haven, store: province.store, logs: province.directory.path)
        let second = try ServeProcess(haven: province.haven, store: province.store, logs: province.directory.path)
        defer { _ = first.stop(); _ = second.stop() }
        let officer = try await RemoteClient.signIn(try #require(URL(string: first.url)), token: province.officer, language: .en)
        for n in 0..<rounds {
            // A weapon, and the survivor agrees to the police: a pending referral to the police.
            var form = try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Thử \(n)", acts: ["weapon"]))
            form.consent.police = true
            form.importKey = nil
            let created = try await officer.createCase(form)
            #expect(created.referrals.contains { $0.agency == "police" && $0.status == .pending })
        }
        let a = try await RemoteClient.signIn(try #require(URL(string: first.url)), token: one, language: .en)
        let b = try await RemoteClient.signIn(try #require(URL(string: second.url)), token: other, language: .en)
        let pending = try await a.listReferrals(agency: "police", status: .pending, overdueOnly: false)
        #expect(pending.count == rounds)
        for referral in pending {
            async let left = Result(catching: { try await a.acceptReferral(referral.id) })
            async let right = Result(catching: { try await b.acceptReferral(referral.id) })
            let outcomes = await [left, right]
            let won = outcomes.filter { if case .success = $0 { true } else { false } }
            #expect(won.count == 1, "exactly one caseworker accepts \(referral.id): \(outcomes)")
            for case let .failure(error) in outcomes {
                // The loser hears the referral's current state (409 on the wire), not an internal error.
                #expect(error as? HavenError == .referralNotAllowed(id: referral.id, status: .accepted, action: .referralAccept), "\(error)")
            }
        }
        let accepted = try await a.listReferrals(agency: "police", status: .accepted, overdueOnly: false)
        #expect(accepted.count == rounds)
        let verified = try province.haven.run(["audit", "verify"], environment: ["HAVEN_TOKEN": province.admin])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
