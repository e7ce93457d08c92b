import Foundation
import HavenCore
import Hummingbird
import HTTPTypes
import Logging
import Synchronization

/// Every answer's headers and log line. Each request gets an id (the caller's `X-Request-Id`
/// when it is a short token, else a new one), echoed in the answer and written in one log line
/// with the route's template, the status and the time taken — never a path's ids, a query, a
/// body or a token, so no personal data reaches the logs. Security headers on everything:
/// nothing is cached, sniffed, framed or allowed to load from elsewhere; HSTS under TLS.
struct FrontDoor: RouterMiddleware {
    typealias Context = ServerContext
    let tls: Bool

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var context = context
        let given = request.headers[.requestID] ?? ""
        context.requestID = given.count <= 64 && !given.isEmpty && given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            ? given : Self.newID()
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            // Not an answer of ours: the server's fault. The client learns only the request id.
            context.logger.error("request failed", metadata: ["request": .string(context.requestID), "error": .string(String(describing: type(of: error)))])
            let language = HavenHTTP.language(request)
            response = try FaceError(status: .internalServerError, code: "internal", message: .httpServerError,
                                     arguments: ["id": context.requestID], language: language).response(from: request, context: context)
        }
        response.headers[.requestID] = context.requestID
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin" // (no-referrer would make browsers send `Origin: null` on our own forms)
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        }
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "request": .string(context.requestID), "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unknown"), "status": .stringConvertible(response.status.code),
            "ms": .string(String((ms * 10).rounded() / 10)),
        ])
        return response
    }

    /// 32 lower-case hex digits: a counter, keyed with a secret drawn once per process (SipHash
    /// through `Hasher`, whose seed is random too). Unique for all practical purposes, and the
    /// count of requests answered before cannot be read back from two ids: nobody learns the
    /// server's traffic, or guesses the id of someone else's next request. No call to the
    /// kernel's random source per request; written by hand: `String(format:)` per byte cost a
    /// tenth of a small request's time.
    static func newID() -> String {
        let serial = requestCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        let halves: [UInt64] = (0..<2).map { half -> UInt64 in
            var hasher = Hasher()
            hasher.combine(processSecret)
            hasher.combine(UInt8(half))
            hasher.combine(serial)
            return UInt64(UInt(bitPattern: hasher.finalize()))
        }
        return String(unsafeUninitializedCapacity: 32) { text in
            for (half, value) in halves.enumerated() {
                var value = value
                for position in (0..<16).reversed() {
                    text[half * 16 + position] = hexDigits[Int(value & 0xF)]
                    value >>= 4
                }
            }
            return 32
        }
    }

    private static let processSecret: [UInt64] = (0..<2).map { _ in UInt64.random(in: .min ... .max) }
    private static let requestCounter = Atomic<UInt64>(0)
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
