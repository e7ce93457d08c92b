import Foundation
import Logging
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Everything a use case needs, built once in `main` and passed down (no singletons).
public struct ServiceContext: Sendable {
    public let store: any Store
    public let keyring: Keyring
    /// The active policy (routing, agencies, regions, risk screen).
    public let policy: Policy
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
                auditAnchor: AuditAnchor? = nil) {
        self.store = store; self.keyring = keyring; self.policy = policy; self.clock = clock
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
