import Foundation

/// Browser sessions for the dashboard and the inbox page. A session is made by signing in with
/// a token (`POST /login`); the browser holds only a random id in an `HttpOnly; Secure;
/// SameSite=Strict` cookie. The token stays here, in memory, and is authenticated again on
/// every request, so a revoked user loses the page at once. Sessions end after 30 idle minutes
/// or 8 hours, at sign-out, and with the process. Each carries a CSRF token that every form
/// must send back.
actor Sessions {
    struct Session: Sendable {
        let token: String
        let csrf: String
        let created: Date
        var seen: Date
    }

    static let cookie = "haven_session"
    let idle: TimeInterval
    let lifetime: TimeInterval
    /// The most live sessions kept: a user signing in again and again cannot grow memory
    /// without bound (the oldest session is forgotten first).
    let capacity: Int
    private let now: @Sendable () -> Date
    private var sessions: [String: Session] = [:]

    init(idle: TimeInterval = 30 * 60, lifetime: TimeInterval = 8 * 3600, capacity: Int = 10_000,
         now: @escaping @Sendable () -> Date = Date.init) {
        self.idle = idle; self.lifetime = lifetime; self.capacity = capacity; self.now = now
    }

    var count: Int { sessions.count }

    /// A new session for `token`: its id (for the cookie) and CSRF token.
    func open(token: String) -> (id: String, csrf: String) {
        expire()
        if sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.seen < $1.value.seen })?.key {
            sessions[oldest] = nil
        }
        let id = Self.random(), csrf = Self.random()
        let time = now()
        sessions[id] = Session(token: token, csrf: csrf, created: time, seen: time)
        return (id, csrf)
    }

    /// The live session of `id`, touched; nil when unknown or expired.
    func session(_ id: String?) -> Session? {
        guard let id, var session = sessions[id] else { return nil }
        let time = now()
        guard time.timeIntervalSince(session.seen) < idle, time.timeIntervalSince(session.created) < lifetime else {
            sessions[id] = nil
            return nil
        }
        session.seen = time
        sessions[id] = session
        return session
    }

    func close(_ id: String?) { if let id { sessions[id] = nil } }

    private func expire() {
        let time = now()
        sessions = sessions.filter { time.timeIntervalSince($0.value.seen) < idle && time.timeIntervalSince($0.value.created) < lifetime }
    }

    /// 32 random bytes, hex.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Constant-time comparison (a CSRF token is a secret).
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// `application/x-www-form-urlencoded` bodies and cookie headers.
enum FormData {
    static func parse(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let key = parts.first else { continue }
            result[decode(key)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    static func cookie(_ header: String?, _ name: String) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }
}
