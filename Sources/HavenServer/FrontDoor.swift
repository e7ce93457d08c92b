import Foundation
import HavenCore
import Hummingbird
import HTTPTypes
import Logging

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

    /// 128 random bits as 32 lower-case hex digits, from the system's generator (``RandomReserve``:
    /// one call to the kernel for 256 ids, not two per request). Nothing is learnt from an id —
    /// not how many requests came before, nor the next one. Written by hand: `String(format:)`
    /// per byte cost a tenth of a small request's time.
    static func newID() -> String {
        let halves = reserve.take()
        return String(unsafeUninitializedCapacity: 32) { text in
            for (half, value) in [halves.0, halves.1].enumerated() {
                var value = value
                for position in (0..<16).reversed() {
                    text[half * 16 + position] = hexDigits[Int(value & 0xF)]
                    value >>= 4
                }
            }
            return 32
        }
    }

    private static let reserve = RandomReserve()
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// Random bits from the system's generator, drawn 4 KiB at a time and handed out 128 bits at a
/// time: request ids need not cost a system call each. `@unchecked Sendable` is sound: `words`
/// and `next` are read and changed only under `lock`.
final class RandomReserve: @unchecked Sendable {
    private let lock = NSLock()
    private var words = [UInt64](repeating: 0, count: 512)
    private var next = 512

    func take() -> (UInt64, UInt64) {
        lock.withLock {
            if next + 2 > words.count {
                Self.fill(&words)
                next = 0
            }
            defer { next += 2 }
            return (words[next], words[next + 1])
        }
    }

    /// The kernel's generator read 4 KiB at a time (one read for 256 ids); the standard
    /// library's system generator should the device not answer.
    private static func fill(_ words: inout [UInt64]) {
        let wanted = words.count * MemoryLayout<UInt64>.size
        if let data = try? urandom?.read(upToCount: wanted), data.count == wanted {
            words.withUnsafeMutableBytes { raw in raw.copyBytes(from: data) }
            return
        }
        var generator = SystemRandomNumberGenerator()
        for index in words.indices { words[index] = generator.next() }
    }

    private static let urandom = FileHandle(forReadingAtPath: "/dev/urandom")
}
