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
/// `@unchecked Sendable` is sound because both values are read and replaced only under `lock`.
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
