import Foundation
import HavenAPI
import HavenServer
import HavenTestSupport
import Testing

@Suite("haven serve against its OpenAPI document")
struct ContractTests {
    /// `Deploy/openapi.json` is the document the server's route table makes (regenerate it with
    /// `haven serve --openapi > Deploy/openapi.json` after changing a route).
    @Test func committedDocumentIsCurrent() throws {
        let committed = try String(contentsOfFile: PackagePaths.root + "/Deploy/openapi.json", encoding: .utf8)
        #expect(committed == OpenAPIDocument.json(), "Deploy/openapi.json is stale: run `haven serve --openapi > Deploy/openapi.json`")
        // Every route of the table is in it, once.
        let object = try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any]
        let paths = object?["paths"] as? [String: [String: Any]] ?? [:]
        #expect(paths.values.reduce(0) { $0 + $1.count } == Routes.all.count)
        #expect(Set(Routes.all.map(\.operationID)).count == Routes.all.count, "operation ids are unique")
    }

    /// schemathesis (from PyPI, installed by `make test`) sends a bounded number of generated
    /// requests to every operation of a running server, signed in as the administrator, and
    /// checks each answer against the document: never a server error, only documented
    /// statuses and content types, error bodies of the documented shape, and 401 without
    /// the token.
    @Test func schemathesisFindsNothing() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store, settings: .init(gate: .init(limit: 100_000, window: 60)))
        defer { Task { await server.stop() } }
        let directory = TemporaryDirectory("haven-schemathesis")
        let document = directory.path + "/openapi.json"
        try OpenAPIDocument.json().write(toFile: document, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "schemathesis.cli", "run", document, "--url", server.base.absoluteString,
                             "--header", "Authorization: Bearer \(store.adminToken)", "--max-examples", "8",
                             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                             "--generation-deterministic", "--no-color", "--request-timeout", "30"]
        var environment = ProcessInfo.processInfo.environment
        environment["SCHEMATHESIS_HOOKS"] = nil
        environment["HOME"] = directory.path
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let log = directory.path + "/schemathesis.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(200)) }
        let text = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        #expect(!text.contains("No module named"), "install schemathesis: bash scripts/install-deps.sh --test-tools")
        #expect(process.terminationStatus == 0, "schemathesis found problems:\n\(text.suffix(6000))")
        #expect(text.contains("Tested: \(Routes.all.count)"), "every operation was tested:\n\(text.suffix(2000))")
    }
}
