import Foundation
import HavenAPI
import HavenCore
import HavenService

/// Signs in each request with its bearer token (the same users and tokens as the CLI, stored
/// hashed), and slows down an address that keeps failing: after `limit` failed sign-ins within
/// `window` seconds, a wrong token from it is answered 429 with `Retry-After` until the window
/// has passed. A right token still signs in (an office behind one NAT is not locked out by one
/// stale script), and guessing a 256-bit token is hopeless anyway; the limit keeps a guesser's
/// requests cheap and visible in the log. The table is swept and bounded, so rotating
/// addresses cannot grow it without limit.
///
/// A class with a lock rather than an actor: a right token signs in without a hop to another
/// executor (the table is touched only when a sign-in fails). `@unchecked Sendable` is sound:
/// `failures` and `lastSweep` are read and changed only under `lock`.
public final class Gate: @unchecked Sendable {
    public struct Settings: Sendable {
        public var limit: Int
        public var window: TimeInterval
        /// The most addresses remembered (the oldest are forgotten first).
        public var capacity: Int
        public init(limit: Int = 10, window: TimeInterval = 300, capacity: Int = 10_000) {
            self.limit = limit; self.window = window; self.capacity = capacity
        }
    }

    private let service: HavenService
    private let settings: Settings
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    private var lastSweep = Date.distantPast

    public init(service: HavenService, settings: Settings = Settings(), now: @escaping @Sendable () -> Date = Date.init) {
        self.service = service; self.settings = settings; self.now = now
    }

    /// Seconds until `address` may fail again unanswered, or nil when it is not locked.
    func lockedFor(_ address: String) -> Int? { lock.withLock { lockedForLocked(address) } }

    private func lockedForLocked(_ address: String) -> Int? {
        let cutoff = now().addingTimeInterval(-settings.window)
        let recent = (failures[address] ?? []).filter { $0 > cutoff }
        failures[address] = recent.isEmpty ? nil : recent
        guard recent.count >= settings.limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest.timeIntervalSince(cutoff)).rounded(.up)))
    }

    /// Records a failed sign-in; true when the address is now locked.
    private func recordFailure(_ address: String) -> Bool {
        lock.withLock {
            recordFailureLocked(address)
            return lockedForLocked(address) != nil
        }
    }

    private func recordFailureLocked(_ address: String) {
        let time = now()
        failures[address, default: []].append(time)
        if failures[address]!.count > settings.limit { failures[address]!.removeFirst(failures[address]!.count - settings.limit) }
        if failures.count > settings.capacity || time.timeIntervalSince(lastSweep) > settings.window {
            lastSweep = time
            let cutoff = time.addingTimeInterval(-settings.window)
            failures = failures.filter { $0.value.last.map { $0 > cutoff } ?? false }
            if failures.count > settings.capacity {
                let keep = failures.sorted { ($0.value.last ?? .distantPast) > ($1.value.last ?? .distantPast) }.prefix(settings.capacity)
                failures = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
            }
        }
    }

    /// The client of the caller whose token `authorization` carries.
    func client(authorization: String?, address: String, language: Language) async throws -> LocalClient {
        guard let authorization, authorization.utf8.count > 7, Self.isBearer(authorization),
              case let token = HavenService.trimmed(String(Substring(authorization.utf8.dropFirst(7)))), !token.isEmpty else {
            if let seconds = lockedFor(address) { throw Self.locked(seconds, language) }
            throw WireError(error: .notSignedIn, language: language, extraHeaders: [.wwwAuthenticate: "Bearer"])
        }
        do {
            return LocalClient(service: service, caller: try await service.authenticate(token: token), language: language)
        } catch HavenError.invalidToken {
            if let seconds = lockedFor(address) { throw Self.locked(seconds, language) }
            if recordFailure(address) {
                service.context.logger.warning("sign-in failures: address locked", metadata: ["address": .string(address)])
            }
            throw WireError(error: .invalidToken, language: language, extraHeaders: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
    }

    /// Whether `authorization` starts with the scheme `Bearer ` (the scheme is case-insensitive).
    static func isBearer(_ authorization: String) -> Bool {
        authorization.utf8.prefix(7).elementsEqual("bearer ".utf8) { byte, wanted in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == wanted
        }
    }

    static func locked(_ seconds: Int, _ language: Language) -> FaceError {
        FaceError(status: .tooManyRequests, code: "tooManyFailures", message: .httpTooManyFailures,
                  arguments: ["seconds": "\(seconds)"], language: language, retryAfter: seconds)
    }
}
