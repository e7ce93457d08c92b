import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// Per request: who is at the other end of the socket and the request's id (for the logs and
/// the `X-Request-Id` answer header). The signed-in caller is not kept here: each handler
/// authenticates through ``Gate`` and gets a `LocalClient` for exactly that request.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address (the proxy's, behind a reverse proxy).
    public let remoteAddress: SocketAddress?
    public var requestID: String = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text ("unknown" when the socket has none).
    public var peer: String { remoteAddress?.ipAddress ?? "unknown" }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
