import Foundation
import HavenTestSupport
import Testing

/// A fresh HOME and store for one end-to-end test, driving the built `haven` binary.
struct CLITestEnvironment {
    let directory = TemporaryDirectory("haven-e2e")
    let haven: HavenBinary
    var store: String { directory.path + "/store" }

    init(extra: [String: String] = [:]) throws {
        let home = directory.path + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        haven = HavenBinary(home: home, extra: ["HAVEN_POLICY": PackagePaths.policy].merging(extra) { $1 })
        #expect(FileManager.default.isExecutableFile(atPath: haven.path), "build the haven binary first: \(haven.path)")
    }

    /// Runs `haven` against this store.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, token: String? = nil, _ env: [String: String] = [:]) throws -> HavenBinary.Result {
        var extra = env
        extra["HAVEN_STORE"] = extra["HAVEN_STORE"] ?? store
        if let token { extra["HAVEN_TOKEN"] = token }
        return try haven.run(arguments, input: input, environment: extra)
    }

    /// `haven init` without a passphrase, for tests (HAVEN_CLOCK honoured); returns the admin token.
    func initialise() throws -> String {
        let result = try run(["init", "--no-passphrase", "--allow-fixed-clock", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try json(result.stdout)["adminToken"] as? String ?? ""
    }

    /// Adds a field officer of my-thoi and binh-duc; returns their token.
    func officer(admin: String) throws -> String {
        let result = try run(["user", "add", "--name", "Cán bộ Thử", "--role", "field-officer", "--commune", "my-thoi", "binh-duc", "--json"], token: admin)
        #expect(result.status == 0, "\(result.stderr)")
        return try json(result.stdout)["token"] as? String ?? ""
    }

    /// Adds a user with `role` (a caseworker of `agency` when given); returns their token.
    func user(_ role: String, name: String, agency: String? = nil, admin: String) throws -> String {
        let result = try run(["user", "add", "--name", name, "--role", role, "--json"] + (agency.map { ["--agency", $0] } ?? []), token: admin)
        #expect(result.status == 0, "\(result.stderr)")
        return try json(result.stdout)["token"] as? String ?? ""
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }
}
