import Foundation
import Logging
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// Creating and opening a store with its key file.
public enum StoreSetup {
    /// What `haven init` made.
    public struct Created: Sendable {
        public let context: ServiceContext
        public let keyFile: String
        public let adminToken: String
        public let admin: Caller
    }

    static let metaStoreID = "store.id"
    static let metaKeyringID = "keyring.id"
    static let metaKeyCheck = "keyring.check"
    static let metaActivePolicy = "policy.active"
    /// Set only on stores made for drills and tests: they honour a fixed clock.
    static let metaFixedClock = "clock.fixedAllowed"
    static func fixedClockMessage(_ storeID: String) -> Data { Data("haven/setting/fixed-clock/v1|\(storeID)|yes".utf8) }
    static let metaAuditKey = "audit.publicKey"

    /// Creates a store in `location`, its key file at `keyFile` (or the default), and the
    /// first administrator. Refuses, changing nothing, when either already exists.
    ///
    /// The policy is validated, its tests must pass, and it is kept in the store as the
    /// active version, so that later commands do not depend on the folder they run from.
    public static func initialise(engine: any StoreEngine, location: StoreLocation, keyFile: String?, passphrase: String?,
                                  policyFiles: [String: String], policyTests: [String: String], adminName: String,
                                  environment: [String: String], clock: any Clock,
                                  random: any RandomSource, allowFixedClock: Bool = false) async throws -> Created {
        let policy = try PolicyLoader.load(policyFiles)
        let failed = try PolicyLoader.runTests(policyTests, policy: policy).filter { !$0.passed }
        if !failed.isEmpty { throw HavenError.policyTestsFailed(count: failed.count) }
        if try Self.exists(engine, location) {
            throw HavenError.storeExists(path: location.shown)
        }
        let storeID = Identifier.make(prefix: "S", length: 10, random: random)
        let keyPath = StoreLocation.absolute(keyFile ?? StoreLocation.defaultKeyFile(storeID: storeID, environment: environment))
        if FileManager.default.fileExists(atPath: keyPath) { throw HavenError.keyFileExists(path: keyPath) }

        let keyring = Keyring.generate()
        let keyData = try KeyFile.encode(keyring, passphrase: passphrase)
        let store: any Store
        do { store = try engine.create(location.name) } catch { throw HavenError.from(error) }
        do {
            try PrivateFile.write(keyData, to: keyPath, exclusive: true)
        } catch {
            // Leave nothing half-made: the store without its key file is useless.
            engine.remove(location.name)
            throw HavenError.from(error)
        }
        let context = ServiceContext(store: store, keyring: keyring, policy: policy, clock: clock,
                                     random: random, storeID: storeID, auditAnchor: AuditAnchor(keyFile: keyPath),
                                     keySource: KeySource(path: keyPath, passphrase: passphrase))
        let token = Token.generate()
        let now = clock.now()
        let admin = UserRecord(id: Identifier.make(prefix: "U", length: 8, random: random), name: adminName,
                               role: .admin, agency: nil, communes: [], tokenHash: Token.hash(token), createdAt: now)
        do {
            try await store.write { tx in
                try tx.setMeta(metaStoreID, storeID)
                try tx.setMeta(metaKeyringID, keyring.id)
                try tx.setMeta(metaKeyCheck, keyring.checkValue)
                try tx.insertPolicyVersion(PolicyVersion(hash: policy.hash, files: policy.files, activatedAt: now, activatedBy: admin.id))
                try tx.setMeta(metaActivePolicy, policy.hash)
                try StoreSignature.sign(.activePolicy, "active", value: Data(policy.hash.utf8), tx: tx, keyring: keyring)
                if allowFixedClock {
                    // Signed: a setting that weakens the audit's times must not be switched on with sqlite3.
                    try tx.setMeta(metaFixedClock, "yes|" + (try keyring.auditSigningKey.signature(for: fixedClockMessage(storeID))).base64EncodedString())
                }
                try tx.setMeta(metaAuditKey, keyring.auditVerifyingKey.rawRepresentation.base64EncodedString())
                // A new store has no case logged before search tokens existed: nothing to backfill.
                try tx.clearSearchTokensPending()
                try tx.insertUser(admin)
                try StoreSignature.signUser(admin.id, tx: tx, keyring: keyring)
                // "integrity=v1": every case of this store carries an integrity tag from the start;
                // "users=v1": every user row is signed from the start.
                try AuditLog.append(tx, keyring: keyring, at: now, actor: admin.id, action: .storeInit, target: storeID,
                                    outcome: .allowed, detail: "policy=\(policy.hash) integrity=v1 users=v1")
                try AuditLog.append(tx, keyring: keyring, at: now, actor: admin.id, action: .userAdd, target: admin.id,
                                    outcome: .allowed, detail: "role=admin")
                try AuditLog.signHead(tx, keyring: keyring)
            }
        } catch {
            engine.remove(location.name)
            try? FileManager.default.removeItem(atPath: keyPath)
            throw HavenError.from(error)
        }
        return Created(context: context, keyFile: keyPath, adminToken: token, admin: Caller(admin))
    }

    /// Opens the store in `location` with its key file.
    ///
    /// `passphrase` is called only when the key file is protected. A key file that belongs
    /// to another store is refused.
    public static func open(engine: any StoreEngine, location: StoreLocation, keyFile: String?, environment: [String: String],
                            passphrase: @escaping () throws -> String?, clock: any Clock,
                            random: any RandomSource, logger: Logger = Logger(label: "haven"),
                            fixedClock: (any Clock)? = nil) async throws -> ServiceContext {
        var refused = false
        let context = try await open(engine: engine, location: location, keyFile: keyFile, environment: environment, passphrase: passphrase,
                                     clock: clock, random: random, logger: logger, fixedClock: fixedClock, fixedClockRefused: &refused)
        return context
    }

    /// Opens the store; `fixedClock` (drills and tests) is used only if the store was made
    /// with `allowFixedClock`, else `fixedClockRefused` is set and the system clock is used.
    public static func open(engine: any StoreEngine, location: StoreLocation, keyFile: String?, environment: [String: String],
                            passphrase: @escaping () throws -> String?, clock: any Clock, random: any RandomSource,
                            logger: Logger, fixedClock: (any Clock)?, fixedClockRefused: inout Bool) async throws -> ServiceContext {
        guard try Self.exists(engine, location) else {
            throw HavenError.noStore(path: location.shown)
        }
        let store: any Store
        do { store = try engine.open(location.name) } catch { throw HavenError.from(error) }
        // A store moved to another database is not used again (its copy goes on there: two
        // stores with one id and one anchor would fork the audit chain); a database a move is
        // still filling is not used yet.
        let (movedTo, moving) = try await store.read { tx in
            (try tx.meta(HavenService.metaMovedTo), try tx.meta(HavenService.metaMigrationSource))
        }
        if let movedTo { throw HavenError.storeMoved(to: movedTo) }
        if moving != nil { throw HavenError.storeMoveUnfinished }
        let meta = try await store.read { tx in
            (try tx.meta(metaStoreID), try tx.meta(metaKeyringID), try tx.meta(metaKeyCheck),
             try tx.meta(metaActivePolicy).flatMap { try tx.policyVersion(hash: $0) }, try tx.meta(metaFixedClock))
        }
        guard let storeID = meta.0, let keyringID = meta.1, let check = meta.2, let version = meta.3 else {
            throw HavenError.storeIO(detail: "the store is incomplete (missing metadata or active policy)")
        }
        let keyPath = StoreLocation.absolute(keyFile ?? StoreLocation.defaultKeyFile(storeID: storeID, environment: environment))
        guard let keyData = FileManager.default.contents(atPath: keyPath) else {
            throw HavenError.keyFileMissing(path: keyPath)
        }
        let keyring: Keyring
        var typed: String?
        do {
            keyring = try KeyFile.decode(keyData, passphrase: { typed = try passphrase(); return typed })
        } catch let error as HavenCryptoError {
            if case .malformedKeyFile = error { throw HavenError.keyFileCorrupt(path: keyPath) }
            throw HavenError.from(error)
        }
        guard keyring.id == keyringID, keyring.checkValue == check else { throw HavenError.wrongKeyFile }
        let policy = try PolicyLoader.load(version.files)
        guard policy.hash == version.hash else {
            throw HavenError.storeIO(detail: "the stored policy \(version.hash) does not match its content")
        }
        try await CaseIntegrity.backfill(store: store, keyring: keyring, now: clock.now())
        try await StoreSignature.backfillUsers(store: store, keyring: keyring, now: clock.now())
        try await HavenService.backfillSearchTokens(store: store, keyring: keyring)
        let activeSigned = try await store.read { tx in
            try StoreSignature.isValid(.activePolicy, "active", value: Data(version.hash.utf8), tx: tx, keyring: keyring)
        }
        guard activeSigned else { throw HavenError.settingTampered(setting: "active-policy") }
        let fixedAllowed: Bool = {
            guard let value = meta.4, value.hasPrefix("yes|"), let signature = Data(base64Encoded: String(value.dropFirst(4))) else { return false }
            return keyring.auditVerifyingKey.isValidSignature(signature, for: fixedClockMessage(storeID))
        }()
        var effectiveClock = clock
        if let fixed = fixedClock {
            if fixedAllowed {
                effectiveClock = fixed
            } else {
                logger.warning("a fixed clock was asked for, but this store was not made for drills; the system clock is used")
                fixedClockRefused = true
            }
        }
        let context = ServiceContext(store: store, keyring: keyring, policy: policy, clock: effectiveClock, random: random,
                                     storeID: storeID, logger: logger, auditAnchor: AuditAnchor(keyFile: keyPath),
                                     keySource: KeySource(path: keyPath, passphrase: typed))
        context.logger.debug("store opened", metadata: ["policy": .string(policy.hash), "keyVersion": .stringConvertible(keyring.currentVersion)])
        return context
    }

    /// Whether a store is at `location`, a failure to find out said as what it is.
    static func exists(_ engine: any StoreEngine, _ location: StoreLocation) throws -> Bool {
        do { return try engine.exists(location.name) } catch { throw HavenError.from(error) }
    }
}
