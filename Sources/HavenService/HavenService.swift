import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// The use cases of Haven. The CLI and the server are thin faces over this type.
///
/// Every method takes the acting user, checks permission (a refusal is audited), runs its
/// changes in one store transaction together with their audit entry, and throws only
/// ``HavenError``.
///
/// A final class, not a struct: every request's closures and clients hold it, and copying a
/// struct of a dozen references retained each of them — on a busy server, from every core at
/// once (issue #12's benchmark). All its properties are constants.
public final class HavenService: Sendable {
    public let context: ServiceContext
    /// Suppression patterns already computed, by their data (see ``SuppressionCache``).
    let suppressionCache: SuppressionCache

    public init(context: ServiceContext) { self.context = context; suppressionCache = SuppressionCache() }

    /// This service, reusing a sign-in and the policy/key-version check for `seconds` (see
    /// ``ServiceContext/reuseWindow``); the caches and the live state stay shared with `self`.
    public func reusing(for seconds: TimeInterval) -> HavenService {
        var context = context
        context.reuseWindow = max(0, seconds)
        return HavenService(context: context, suppressionCache: suppressionCache)
    }

    private init(context: ServiceContext, suppressionCache: SuppressionCache) {
        self.context = context; self.suppressionCache = suppressionCache
    }

    /// Runs `body` in one write transaction, converting every error to ``HavenError``.
    ///
    /// Every write of the service goes through here, and ends by signing the audit chain's
    /// head in the same transaction.
    @discardableResult
    /// `checkingState` false only for what writes nothing but audit entries (a refusal, a batch
    /// of reads): those must be recorded even by a process whose policy or key file is behind.
    /// `auditOnly` for a body that writes audit entries and nothing else: it leaves the inboxes
    /// this process remembers (``LiveState``) in place, so refused or audited reads in a loop
    /// do not make every inbox be read again. Nothing checks the flag: a body marked so that
    /// changed a referral would leave this server's inbox lists up to a reuse window stale.
    /// Only the refusal, the batch of read entries and the audited read (whose body is handed
    /// a reader) set it.
    func run<T: Sendable>(checkingState: Bool = true, auditOnly: Bool = false,
                          _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        let keyring = context.keyring
        let policy = context.policy.hash
        let (result, head): (T, AuditRecord?)
        // Whatever the outcome (a commit whose answer was lost is still a commit), the inboxes
        // this process remembers are stale once the write has ended.
        defer { if !auditOnly { context.live.storeWritten() } }
        do {
            (result, head) = try await context.store.write { tx in
                // A process that opened the store before it was moved to another database writes
                // nothing more to it, not even an audit entry: the chain goes on there alone.
                if let movedTo = try tx.meta(Self.metaMovedTo) { throw HavenError.storeMoved(to: movedTo) }
                if let moving = try tx.meta(Self.metaMoving) { throw HavenError.storeBeingMoved(to: moving) }
                // What the use case decided under must still be in force (item 5).
                if checkingState { try Self.requireCurrentState(tx, policy: policy, keyring: keyring) }
                let result = try body(tx)
                try AuditLog.signHead(tx, keyring: keyring)
                return (result, try tx.lastAuditEntry())
            }
        } catch {
            let error = HavenError.from(error)
            // Another process moved them: the next request reads them again, whatever the reuse window.
            if case .policyChangedMeanwhile = error { context.live.forgetStateCheck() }
            if case .keyFileOutdated = error { context.live.forgetStateCheck() }
            throw error
        }
        // After the commit: the anchor may lag a crash behind, never run ahead of the chain.
        if let anchor = context.auditAnchor, let head {
            do { try anchor.record(sequence: head.sequence, hash: head.hash) } catch {
                context.logger.error("audit anchor not written", metadata: ["entry": .stringConvertible(head.sequence)])
            }
        }
        return result
    }

    /// Runs `body` in a read transaction, converting every error to ``HavenError``.
    func query<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do { return try await context.store.read(body) } catch { throw HavenError.from(error) }
    }

    /// ``query(_:)`` for a read known to be short (``Store/briefRead(_:)``): a sign-in, the
    /// policy check.
    func briefQuery<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do { return try await context.store.briefRead(body) } catch { throw HavenError.from(error) }
    }

    /// ``briefQuery(_:)`` for a body of exactly one statement (``Store/briefStatement(_:)``): an inbox.
    func briefStatement<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        do { return try await context.store.briefStatement(body) } catch { throw HavenError.from(error) }
    }

    /// Whether this process can serve: the store answers a read, and the policy and keys this
    /// process holds are the store's current ones (reloaded if another process changed them).
    public func readiness() async throws {
        context.live.forgetStateCheck()
        try await refreshState()
        _ = try await query { try $0.meta("store.id") }
    }

    /// `token` without surrounding white space (a pasted token's newline). Foundation's
    /// `trimmingCharacters` bridges through NSString: measurable on every server request.
    public static func trimmed(_ token: String) -> String {
        let scalars = token.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return token }
        return String(String.UnicodeScalarView(scalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()))
    }

    /// The user a token belongs to; a revoked or unknown token is refused.
    public func authenticate(token: String) async throws -> Caller {
        let hash = Token.hash(Self.trimmed(token))
        if let caller = context.live.signIn(hash, within: context.reuseWindow) { return caller }
        let epoch = context.live.signInEpoch
        let keyring = context.keyring
        let found = try await briefQuery { tx -> (UserRecord, Bool)? in
            guard let user = try tx.user(tokenHash: hash) else { return nil }
            return (user, try StoreSignature.userIsValid(user, tx: tx, keyring: keyring))
        }
        guard let (user, signed) = found, user.revokedAt == nil else { throw HavenError.invalidToken }
        // A user row added or changed outside Haven (a database role, sqlite3) signs nobody in.
        guard signed else {
            context.logger.critical("sign-in refused: a user row Haven did not sign", metadata: ["user": .string(user.id)])
            throw HavenError.settingTampered(setting: "user \(user.id)")
        }
        let caller = Caller(user)
        if context.reuseWindow > 0 { context.live.remember(hash, as: caller, readIn: epoch) }
        return caller
    }
}
