import Foundation
import HavenAPI
import HavenCore
import HavenService

/// Signs in each request with its bearer token (the same users and tokens as the CLI, stored
/// hashed), and stops an address that keeps failing: after `limit` failed sign-ins within
/// `window` seconds, every request from it is refused with 429 and `Retry-After` until the
/// window has passed — a correct token included, so guessing cannot go on in the meantime.
public actor Gate {
    public struct Settings: Sendable {
        public var limit: Int
        public var window: TimeInterval
        public init(limit: Int = 10, window: TimeInterval = 300) { self.limit = limit; self.window = window }
    }

    private let service: HavenService
    private let settings: Settings
    private let now: @Sendable () -> Date
    private var failures: [String: [Date]] = [:]

    public init(service: HavenService, settings: Settings = Settings(), now: @escaping @Sendable () -> Date = Date.init) {
        self.service = service; self.settings = settings; self.now = now
    }

    /// Seconds until `address` may try again, or nil when it may now.
    func lockedFor(_ address: String) -> Int? {
        let cutoff = now().addingTimeInterval(-settings.window)
        let recent = (failures[address] ?? []).filter { $0 > cutoff }
        failures[address] = recent.isEmpty ? nil : recent
        guard recent.count >= settings.limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest.timeIntervalSince(cutoff)).rounded(.up)))
    }

    /// The client of the caller whose token `authorization` carries.
    func client(authorization: String?, address: String, language: Language) async throws -> LocalClient {
        if let seconds = lockedFor(address) {
            throw FaceError(status: .tooManyRequests, code: "tooManyFailures", message: .httpTooManyFailures,
                            arguments: ["seconds": "\(seconds)"], language: language, retryAfter: seconds)
        }
        guard let authorization, authorization.lowercased().hasPrefix("bearer "),
              case let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), !token.isEmpty else {
            throw WireError(error: .notSignedIn, language: language, extraHeaders: [.wwwAuthenticate: "Bearer"])
        }
        do {
            return LocalClient(service: service, caller: try await service.authenticate(token: token), language: language)
        } catch HavenError.invalidToken {
            failures[address, default: []].append(now())
            throw WireError(error: .invalidToken, language: language, extraHeaders: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
    }
}
