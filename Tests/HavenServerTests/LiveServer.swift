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
    let group: ServiceGroup
    let task: Task<Void, any Error>

    static func start(_ store: TestStore, settings: HavenHTTP.Settings = .init()) async throws -> LiveServer {
        let router = HavenHTTP.router(service: store.service, settings: settings, metrics: { "# metrics\n" })
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "haven-test-server")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return LiveServer(store: store, base: URL(string: "http://127.0.0.1:\(port)")!, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

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
