import AsyncHTTPClient
import Foundation
import HavenAPI
import HavenCore
import HavenRemote
import HavenServer
import HavenService
import HavenTestSupport
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// `haven serve`'s router on a real loopback socket (an ephemeral port), over a real store.
struct LiveServer {
    let store: TestStore
    let base: URL
    let stopper: @Sendable () async -> Void

    static func start(_ store: TestStore, settings: HavenHTTP.Settings = .init()) async throws -> LiveServer {
        let router = HavenHTTP.router(service: store.service, settings: settings, metrics: { "# metrics\n" })
        var logger = Logger(label: "haven-test-server")
        logger.logLevel = .warning
        let (base, stop) = try await HavenHTTP.startOnLoopback(router, logger: logger)
        return LiveServer(store: store, base: URL(string: base)!, stopper: stop)
    }

    func stop() async { await stopper() }

    func client(_ token: String, language: Language = .en) async throws -> RemoteClient {
        try await RemoteClient.signIn(base, token: token, language: language)
    }

    /// One raw request: status, headers and body.
    func raw(_ method: HTTPMethod, _ path: String, token: String? = nil, body: Data? = nil,
             headers extra: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await RemoteClient.http.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), response.headers, Data(bytes.readableBytesView))
    }
}

/// A token for a new user of `role` (the admin adds them through the service).
func token(_ store: TestStore, _ role: Role, communes: [String] = [], agency: String? = nil, team: String? = nil) async throws -> String {
    try await store.service.addUser(NewUser(name: "Test \(role.rawValue)", role: role, agency: agency, communes: communes, team: team),
                                    by: store.admin).token
}
