import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenServer
import HavenService
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Metrics
import NIOCore
import NIOSSL
import Prometheus
import ServiceLifecycle

/// `haven serve`: the store's use cases over HTTP(S) — the `/v1` JSON API for agencies, field
/// officers and a remote CLI (`--store https://host:port`), `/healthz`, `/readyz` and
/// `/metrics`. Runs until SIGTERM or SIGINT, then finishes the requests in flight.
struct Serve: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.pick("Serve this store over HTTPS: the /v1 API for agencies, field officers and a remote CLI.",
                                "Phục vụ kho dữ liệu này qua HTTPS: API /v1 cho các cơ quan, cán bộ cơ sở và CLI từ xa.")) }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(HelpText.pick("Address and port to listen on.", "Địa chỉ và cổng để lắng nghe."), valueName: "host:port"))
    var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp(HelpText.pick("TLS certificate chain (PEM); with --tls-key, serve HTTPS directly.", "Chuỗi chứng chỉ TLS (PEM); cùng --tls-key để phục vụ HTTPS trực tiếp."), valueName: "path"))
    var tlsCert: String?
    @Option(help: ArgumentHelp(HelpText.pick("TLS private key (PEM).", "Khóa riêng TLS (PEM)."), valueName: "path"))
    var tlsKey: String?
    @Flag(help: HelpText.pick("Behind a reverse proxy on this machine: count failed sign-ins by X-Forwarded-For.",
                              "Sau một reverse proxy trên máy này: tính đăng nhập sai theo X-Forwarded-For."))
    var behindProxy = false
    @Flag(help: HelpText.pick("Print the API's OpenAPI 3.1 document and exit.", "In tài liệu OpenAPI 3.1 của API rồi thoát."))
    var openapi = false

    func validate() throws {
        try global.validate()
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw global.usage(.usageTogether, ["first": "--tls-cert", "second": "--tls-key"])
        }
        guard Serve.address(listen) != nil else { throw global.usage(.usageListen, ["value": listen]) }
    }

    /// `host:port`, `[v6]:port` or `:port` (loopback).
    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }

    func run() async throws {
        if openapi { return print(OpenAPIDocument.json(), terminator: "") }
        try await CLI.run(global) { cli in
            let service = try await cli.service()
            let (host, port) = Serve.address(listen)!
            // Idle connections are closed after a minute, so slow clients cannot hold them open.
            let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(60))
            var server: HTTPServerBuilder = .http1(configuration: http1)
            if let tlsCert, let tlsKey {
                do {
                    let chain = try NIOSSLCertificate.fromPEMFile(tlsCert).map { NIOSSLCertificateSource.certificate($0) }
                    let key = try NIOSSLPrivateKey(file: tlsKey, format: .pem)
                    var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
                    tls.minimumTLSVersion = .tlsv12
                    server = try .tls(.http1(configuration: http1), tlsConfiguration: tls)
                } catch {
                    throw HavenError.fileUnreadable(path: tlsCert)
                }
            }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let router = HavenHTTP.router(service: service, settings: .init(tls: tlsCert != nil, behindProxy: behindProxy), metrics: { registry.emitToString() })
            let scheme = tlsCert != nil ? "https" : "http"
            let started = StartedFlag()
            let app = Application(router: router, server: server, configuration: .init(address: .hostname(host, port: port)),
                                  onServerRunning: { channel in
                                      started.set()
                                      let bound = channel.localAddress?.port ?? port
                                      Terminal.error(cli.text(.serveListening, ["url": "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(bound)"]))
                                  }, logger: cli.logger)
            do {
                try await app.runService()
            } catch let error as IOError where !started.value {
                // Before the server ran, the only I/O is binding: the port is taken, needs
                // privileges, or the address is not this machine's.
                _ = error
                throw HavenError.listenFailed(address: listen)
            }
        }
    }
}

/// Whether the server got as far as listening (set from its start callback).
/// `@unchecked Sendable` is sound because `started` is only read and written with `lock` held.
final class StartedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var started = false
    func set() { lock.withLock { started = true } }
    var value: Bool { lock.withLock { started } }
}
