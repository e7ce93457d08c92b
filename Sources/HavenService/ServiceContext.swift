import Foundation
import Logging
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Everything a use case needs, built once in `main` and passed down (no singletons).
public struct ServiceContext: Sendable {
    public let store: any Store
    /// The keyring in force: read again when another process rotates the master key; within
    /// one request (``HavenService/request(_:)``), the one it started with.
    public var keyring: Keyring { pinned?.keyring ?? live.keyring }
    /// The active policy (routing, agencies, regions, risk screen): read again when another
    /// process activates a policy; within one request, the one it started with.
    public var policy: Policy { pinned?.policy ?? live.policy }
    /// The state this task's request started with, when it is a request on this store.
    var pinned: LiveState.Pin? { LiveState.pins[ObjectIdentifier(live)] }
    /// What the two above are now (shared by copies of this context).
    let live: LiveState
    /// Where the keyring was read from, to read it again after a rotation elsewhere (nil: a
    /// process whose keyring falls behind is refused with ``HavenError/keyFileOutdated``).
    let keySource: KeySource?
    public let clock: any Clock
    public let random: any RandomSource
    /// The store's random id (meta `store.id`); names its default key and credentials.
    public let storeID: String
    /// Operational events only: ids, counts, hashes and reasons — never personal data.
    public let logger: Logger
    /// Where the audit head is anchored outside the database (beside the key file); nil
    /// leaves the chain with its in-database signed head only.
    public let auditAnchor: AuditAnchor?
    /// How long, in seconds, a sign-in and the check of the store's policy and key version may
    /// be reused by the next requests of this process (0: every request reads them again, the
    /// CLI's case). A server sets about a second: a token revoked, a policy activated or a key
    /// rotated by another process then bites within that second (in this process at once), and
    /// every write still checks the policy and key version inside its own transaction. An
    /// agency's inbox list is reused for the same window (a write of this process forgets it at
    /// once; another process's new referral shows within the window).
    public var reuseWindow: TimeInterval = 0

    public init(store: any Store, keyring: Keyring, policy: Policy, clock: any Clock,
                random: any RandomSource, storeID: String, logger: Logger = Logger(label: "haven"),
                auditAnchor: AuditAnchor? = nil, keySource: KeySource? = nil) {
        self.store = store; live = LiveState(policy: policy, keyring: keyring); self.keySource = keySource; self.clock = clock
        self.random = random; self.storeID = storeID; self.auditAnchor = auditAnchor
        var logger = logger
        logger[metadataKey: "store"] = .string(storeID)
        self.logger = logger
    }

    /// The communes of the active policy.
    public var regions: RegionCatalog { policy.regions }
}

/// Short random identifiers in Crockford base32 (users `U-…`, events `E-…`).
enum Identifier {
    static func make(prefix: String, length: Int, random: any RandomSource) -> String {
        let bytes = random.bytes(length)
        return prefix + "-" + String(bytes.map { CaseID.alphabet[Int($0) & 31] })
    }
}

/// Where a keyring is read from: the key file and its passphrase (kept in memory beside the
/// master keys it protects, which are there anyway), to read it again after a rotation.
public struct KeySource: Sendable {
    let path: String
    let passphrase: String?
    public init(path: String, passphrase: String?) { self.path = path; self.passphrase = passphrase }
}

/// The policy and keyring in force for one open store. A long-running process (the server)
/// sees another process activate a policy or rotate the master key: each use case reads the
/// store's active policy and key version first and replaces these when they moved
/// (``HavenService/refreshState()``), and each write transaction checks them again.
/// `@unchecked Sendable` is sound because every stored property but `lock` (the policy, the
/// keyring and the remembered reads) is read and changed only under `lock`.
final class LiveState: @unchecked Sendable {
    /// The policy and keyring one request decides under, whatever another request reloads meanwhile.
    struct Pin: Sendable {
        let policy: Policy
        let keyring: Keyring
    }
    /// The pins of this task's requests, by store (a request on one store inside another's keeps both).
    @TaskLocal static var pins: [ObjectIdentifier: Pin] = [:]

    private let lock = NSLock()
    private var currentPolicy: Policy
    private var currentKeyring: Keyring

    init(policy: Policy, keyring: Keyring) { currentPolicy = policy; currentKeyring = keyring }

    var policy: Policy { lock.withLock { currentPolicy } }
    var keyring: Keyring { lock.withLock { currentKeyring } }
    /// Both, read together.
    func snapshot() -> (Policy, Keyring) { lock.withLock { (currentPolicy, currentKeyring) } }
    // Reuse for a short window (#12): a server answering thousands of requests a second need
    // not read the policy/key version, the caller's user row and the agency's inbox for each one.
    private var stateCheckedAt: UInt64?
    fileprivate static func uptime() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    fileprivate static func within(_ then: UInt64, _ window: TimeInterval) -> Bool {
        window > 0 && Double(uptime() &- then) < window * 1e9
    }
    /// True when the policy and key version were checked less than `window` seconds ago.
    func stateIsFresh(within window: TimeInterval) -> Bool { lock.withLock { stateCheckedAt.map { Self.within($0, window) } ?? false } }
    func markStateChecked() { lock.withLock { stateCheckedAt = Self.uptime() } }
    /// The next request reads the store's policy and key version again (a write found them moved).
    func forgetStateCheck() { lock.withLock { stateCheckedAt = nil } }

    /// Sign-ins by token hash; forgotten whenever a user is revoked or added in this process.
    private var signIns = ReuseTable<String, Caller>(capacity: 10_000)
    /// The caller a token (by its hash) signed in as less than `window` seconds ago.
    func signIn(_ tokenHash: String, within window: TimeInterval) -> Caller? {
        lock.withLock { signIns.value(tokenHash, within: window) }
    }
    /// Changes whenever sign-ins are forgotten, so a sign-in read before a revocation committed
    /// is not remembered after it.
    var signInEpoch: Int { lock.withLock { signIns.epoch } }
    func remember(_ tokenHash: String, as caller: Caller, readIn epoch: Int) {
        lock.withLock { signIns.remember(tokenHash, caller, readIn: epoch) }
    }
    /// Every remembered sign-in forgotten (a user was revoked or added in this process).
    func forgetSignIns() { lock.withLock { signIns.forget() } }

    // Agency inboxes: the hottest read of a server — every caseworker's page and client polls
    // it. Every write of this process forgets them at once (``storeWritten()``); another
    // process's write shows within the window.
    struct InboxKey: Hashable {
        let agency: String
        let status: ReferralStatus?
        let overdueOnly: Bool
    }
    /// The most inboxes remembered (agencies × filters; beyond it the table starts again).
    static let inboxCapacity = 256
    private var inboxes = ReuseTable<InboxKey, [ReferralRecord]>(capacity: inboxCapacity)
    /// Changes with every write of this process, so an inbox read before a write ended is not
    /// remembered after it.
    var writeEpoch: Int { lock.withLock { inboxes.epoch } }
    /// The inbox `key` as read less than `window` seconds ago, with no write of this process since.
    func inbox(_ key: InboxKey, within window: TimeInterval) -> [ReferralRecord]? {
        lock.withLock { inboxes.value(key, within: window) }
    }
    /// Remembers an inbox read in `epoch` for `window` seconds; the ones past their window go
    /// then (they are never served; a quiet server keeps them until its next inbox read or write).
    func remember(inbox key: InboxKey, _ records: [ReferralRecord], readIn epoch: Int, for window: TimeInterval) {
        guard window > 0 else { return }
        lock.withLock { inboxes.remember(key, records, readIn: epoch, sweeping: window) }
    }
    /// How many inboxes are remembered (tests).
    var rememberedInboxes: Int { lock.withLock { inboxes.count } }
    /// A write of this process ended (committed or not): every remembered inbox is forgotten.
    func storeWritten() { lock.withLock { inboxes.forget() } }

    private var keyReloadsTried: Set<String> = []
    /// True the first time a key-file reload `attempt` (wanted version and file time) is made.
    func firstKeyReload(_ attempt: String) -> Bool { lock.withLock { keyReloadsTried.insert(attempt).inserted } }
    /// Replaces the policy only if it is still the one with `hash`; true when it did.
    func replace(policy: Policy, ifStillAt hash: String) -> Bool {
        lock.withLock {
            guard currentPolicy.hash == hash else { return false }
            currentPolicy = policy
            return true
        }
    }
    func replace(keyring: Keyring) { lock.withLock { if keyring.currentVersion > currentKeyring.currentVersion { currentKeyring = keyring } } }
}

/// Values read from the store, remembered for a reuse window (sign-ins, inboxes). A value type
/// without a lock of its own: ``LiveState`` keeps each under its lock.
struct ReuseTable<Key: Hashable, Value> {
    /// The most values remembered; beyond it the table starts again (a cache, not a record).
    let capacity: Int
    private var entries: [Key: (value: Value, at: UInt64)] = [:]
    /// Changes whenever the table is forgotten, so a value read before is not remembered after.
    private(set) var epoch = 0

    init(capacity: Int) { self.capacity = capacity }

    var count: Int { entries.count }

    func value(_ key: Key, within window: TimeInterval) -> Value? {
        entries[key].flatMap { LiveState.within($0.at, window) ? $0.value : nil }
    }

    /// Remembers `value`, read in `epoch` (nothing if the table was forgotten since); with
    /// `sweeping`, first lets go of the values older than that window.
    mutating func remember(_ key: Key, _ value: Value, readIn epoch: Int, sweeping window: TimeInterval? = nil) {
        guard epoch == self.epoch else { return }
        if let window { entries = entries.filter { LiveState.within($0.value.at, window) } }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (value, LiveState.uptime())
    }

    mutating func forget() {
        epoch &+= 1
        if !entries.isEmpty { entries.removeAll(keepingCapacity: true) }
    }
}
