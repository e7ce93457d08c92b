import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// An offline bundle of sealed referrals for one agency.
struct ReferralBundle: Codable {
    struct Entry: Codable {
        let id: String
        let packet: Data
        let signature: Data
    }
    var format = "haven-referral-bundle"
    var version = 2
    let origin: String
    let originKey: Data
    let agency: String
    let createdAt: Date
    let count: Int
    let referrals: [Entry]
    /// Ed25519, by the origin store, over everything above (``signedBytes``): a renamed
    /// origin, another agency, an entry removed, added or reordered, or another count or
    /// time fails it.
    var signature: Data

    /// The bytes the bundle signature covers.
    var signedBytes: Data {
        var text = "haven/referral-bundle/v2|\(origin)|\(originKey.hexString)|\(agency)|"
            + "\(Int64((createdAt.timeIntervalSince1970 * 1000).rounded()))|\(count)"
        for entry in referrals {
            text += "|\(entry.id):\(Data(SHA256.hash(data: entry.packet)).hexString):\(Data(SHA256.hash(data: entry.signature)).hexString)"
        }
        return Data(text.utf8)
    }
}

extension HavenService {
    /// Agencies of the active policy, with whether each has a key.
    public func listAgencies(by actor: Caller) async throws -> [AgencySummary] {
        try await require(actor, .agencyList)
        let keys = try await query { try $0.agencyKeys() }
        return context.policy.agencies.map { agency in
            let key = keys.first { $0.agency == agency.id }?.publicKey
            return AgencySummary(id: agency.id, name: agency.name, kind: agency.kind, consent: agency.consent,
                                 receives: agency.receives.map(\.rawValue), hasKey: key != nil,
                                 keyFingerprint: key.map(Self.fingerprint))
        }
    }

    /// A key's fingerprint to read aloud or compare: the first 16 bytes of SHA-256 of the
    /// public key, in groups of four hex digits.
    public static func fingerprint(_ publicKey: Data) -> String {
        let hex = Data(SHA256.hash(data: publicKey)).hexString.prefix(32)
        return stride(from: 0, to: hex.count, by: 4).map { start in
            String(hex.dropFirst(start).prefix(4))
        }.joined(separator: " ")
    }

    /// When the agency's key was last replaced, if ever (its caseworkers only).
    public func agencyKeyNotice(agency agencyID: String, by actor: Caller) async throws -> AgencyKeyNotice? {
        try await require(actor, .referralList, agency: agencyID, target: agencyID)
        guard let text = try await query({ try $0.meta(Self.metaKeyReplaced + agencyID) }) else { return nil }
        let parts = text.split(separator: "|").map(String.init)
        guard parts.count == 3, let seconds = Double(parts[0]) else { return nil }
        return AgencyKeyNotice(at: Date(timeIntervalSince1970: seconds), oldFingerprint: parts[1], newFingerprint: parts[2])
    }

    static let metaKeyReplaced = "agency.keyReplaced."

    /// Registers an agency's X25519 public key; referrals sent while the agency had no key
    /// are sealed to it now. The private key never reaches the service: the caller makes the
    /// pair and keeps the private half (``AgencyKeyMaker``).
    ///
    /// An agency that has a key keeps it unless `replace` is given: whoever replaces it can
    /// read every later referral to that agency. A replacement is audited with both
    /// fingerprints, and the agency's inbox says so. Packets already sealed stay sealed to
    /// the old key.
    public func registerAgencyKey(_ agencyID: String, publicKey: Data, replace: Bool = false,
                                  by actor: Caller) async throws -> AgencyKeyResult {
        try await require(actor, .agencyKeygen, target: agencyID)
        guard let agency = context.policy.agency(agencyID) else { throw HavenError.agencyUnknown(id: agencyID) }
        guard (try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKey)) != nil else {
            throw HavenError.keyFileCorrupt(path: "public key")
        }
        if !replace, try await query({ try $0.agencyKey(agencyID) }) != nil { throw HavenError.agencyKeyExists(agency: agencyID) }
        let newFingerprint = Self.fingerprint(publicKey)
        let policy = context.policy
        do {
            return try await work(actor) { w in
                // Decided again inside the transaction: two keygens at once cannot both "create".
                let old = try w.tx.agencyKey(agencyID).map(Self.fingerprint)
                if old != nil && !replace { throw HavenError.agencyKeyExists(agency: agencyID) }
                if let old {
                    try w.tx.setMeta(Self.metaKeyReplaced + agencyID, "\(w.now.timeIntervalSince1970)|\(old)|\(newFingerprint)")
                }
                try w.tx.setAgencyKey(agencyID, publicKey: publicKey, at: w.now)
                try StoreSignature.sign(.agencyKey, agencyID, value: publicKey, tx: w.tx, keyring: w.keyring)
                // The referrals waiting for this key, read in this transaction: one sent while
                // the key was being made is sealed too, never left without a packet.
                let waiting = try w.tx.referrals(ReferralFilter(agency: agencyID))
                    .filter { $0.packet == nil && $0.origin == nil && $0.status != .held && $0.status != .closed }
                var valuesByCase: [String: (CaseFacts, [SealedField: String])] = [:]
                var sealedCount = 0
                for var referral in waiting {
                    if valuesByCase[referral.caseID] == nil {
                        guard let caseID = CaseID(parsing: referral.caseID), let record = try w.tx.caseRecord(caseID) else { continue }
                        valuesByCase[referral.caseID] = (record.facts, try Router.sealedValues(record, keyring: w.keyring))
                    }
                    guard let (facts, values) = valuesByCase[referral.caseID] else { continue }
                    try Router.seal(&referral, agency: agency, facts: facts, sealed: values, policy: policy, tx: w.tx, keyring: w.keyring)
                    try w.tx.updateReferral(referral)
                    sealedCount += 1
                }
                try w.audit(.agencyKeygen, target: agencyID, detail: "sealed=\(sealedCount) key=\(newFingerprint)" + (old.map { " replaced=\($0)" } ?? ""))
                return AgencyKeyResult(sealed: sealedCount, fingerprint: newFingerprint, replaced: old)
            }
        }
    }

    /// This store's identity as an origin of bundles: its id, its signing key and the key's
    /// fingerprint, for the receiving office's administrator to pin.
    public func originIdentity(by actor: Caller) async throws -> (storeID: String, publicKey: Data, fingerprint: String) {
        try await require(actor, .agencyKeygen)
        let key = context.keyring.auditVerifyingKey.rawRepresentation
        return (context.storeID, key, Self.fingerprint(key))
    }

    /// Pins another store's bundle-signing key (administrators). The key comes with the
    /// bundle's sender out of band; the fingerprint, read aloud over the phone or compared on
    /// paper, must match it. A pinned origin's key is never replaced here.
    public func trustOrigin(_ storeID: String, publicKey: Data, fingerprint: String, by actor: Caller) async throws {
        try await require(actor, .agencyKeygen, target: storeID)
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)) != nil else {
            throw HavenError.bundleRejected(reason: .originKeyInvalid)
        }
        let normalise = { (text: String) in text.lowercased().filter(\.isHexDigit) }
        guard normalise(fingerprint) == normalise(Self.fingerprint(publicKey)) else {
            throw HavenError.bundleRejected(reason: .fingerprintMismatch)
        }
        try await work(actor) { w in
            if let pinned = try w.tx.originKey(storeID), pinned != publicKey {
                throw HavenError.bundleRejected(reason: .originKeyChanged(origin: storeID))
            }
            try w.tx.setOriginKey(storeID, publicKey: publicKey)
            try StoreSignature.sign(.trustedOrigin, storeID, value: publicKey, tx: w.tx, keyring: w.keyring)
            try w.audit(.agencyKeygen, target: storeID, detail: "trust-origin key=\(Self.fingerprint(publicKey))")
        }
    }

    /// Writes the sent referrals of an agency (sealed packets and signatures only) as a
    /// bundle for carrying to an offline office.
    public func exportReferrals(agency agencyID: String, by actor: Caller) async throws -> (data: Data, count: Int) {
        try await require(actor, .referralExport, agency: agencyID, target: agencyID)
        guard context.policy.agency(agencyID) != nil else { throw HavenError.agencyUnknown(id: agencyID) }
        let referrals = try await query { try $0.referrals(ReferralFilter(agency: agencyID)) }
            .filter { $0.origin == nil && $0.status == .pending }
        if referrals.contains(where: { $0.packet == nil }) { throw HavenError.agencyHasNoKey(agency: agencyID) }
        let created = Date(timeIntervalSince1970: (context.clock.now().timeIntervalSince1970 * 1000).rounded() / 1000)
        var bundle = ReferralBundle(origin: context.storeID, originKey: context.keyring.auditVerifyingKey.rawRepresentation,
                                    agency: agencyID, createdAt: created, count: referrals.count,
                                    referrals: referrals.map { .init(id: $0.id, packet: $0.packet!, signature: $0.signature!) },
                                    signature: Data())
        bundle.signature = try context.keyring.auditSigningKey.signature(for: bundle.signedBytes)
        try await recordAllowed(actor, .referralExport, target: agencyID, detail: "count=\(referrals.count)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try encoder.encode(bundle), referrals.count)
    }

    /// Imports a bundle into this (the agency's) store. Every packet's signature is checked
    /// against the origin's key (trusted on first use, then pinned) and every packet must
    /// open with the agency's key; any failure refuses the whole bundle.
    public func importReferrals(bundle data: Data, agencyKeyFile: Data, by actor: Caller) async throws -> (agency: String, origin: String, count: Int) {
        do {
            return try await verifyAndImport(bundle: data, agencyKeyFile: agencyKeyFile, by: actor)
        } catch HavenError.bundleRejected(let reason) {
            context.logger.warning("referral bundle refused", metadata: ["reason": .string(reason.message(.en)), "actor": .string(actor.id)])
            throw HavenError.bundleRejected(reason: reason)
        }
    }

    func verifyAndImport(bundle data: Data, agencyKeyFile: Data, by actor: Caller) async throws -> (agency: String, origin: String, count: Int) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        guard let bundle = try? decoder.decode(ReferralBundle.self, from: data), bundle.format == "haven-referral-bundle",
              bundle.version == 2 else {
            throw HavenError.bundleRejected(reason: .notABundle)
        }
        try await require(actor, .referralImport, agency: bundle.agency, target: bundle.agency)
        let (keyAgency, key): (String, Curve25519.KeyAgreement.PrivateKey)
        do { (keyAgency, key) = try AgencyKeyFile.decode(agencyKeyFile) } catch { throw HavenError.keyFileCorrupt(path: "agencyKey") }
        guard keyAgency == bundle.agency else {
            throw HavenError.bundleRejected(reason: .wrongAgency(bundle: bundle.agency, key: keyAgency))
        }
        guard let originKey = try? Curve25519.Signing.PublicKey(rawRepresentation: bundle.originKey) else {
            throw HavenError.bundleRejected(reason: .originKeyInvalid)
        }
        // Trusted only after an administrator pinned the origin's key out of band
        // (`agency trust-origin`, its fingerprint read aloud or compared), never on first use.
        let keyring = context.keyring
        let signedPin = try await query { tx -> Data? in
            guard let pinned = try tx.originKey(bundle.origin) else { return nil }
            // A pin inserted with sqlite3 is not a pin.
            return try StoreSignature.isValid(.trustedOrigin, bundle.origin, value: pinned, tx: tx, keyring: keyring) ? pinned : nil
        }
        guard let pinned = signedPin else {
            throw HavenError.bundleRejected(reason: .originNotTrusted(origin: bundle.origin, fingerprint: Self.fingerprint(bundle.originKey)))
        }
        guard pinned == bundle.originKey else { throw HavenError.bundleRejected(reason: .originKeyChanged(origin: bundle.origin)) }
        guard originKey.isValidSignature(bundle.signature, for: bundle.signedBytes), bundle.count == bundle.referrals.count else {
            throw HavenError.bundleRejected(reason: .bundleSignatureInvalid)
        }
        var records: [ReferralRecord] = []
        for entry in bundle.referrals {
            guard ReferralSeal.verify(entry.signature, packet: entry.packet, referralID: entry.id, agency: bundle.agency, origin: originKey) else {
                throw HavenError.bundleRejected(reason: .badSignature(referral: entry.id))
            }
            guard let content = try? ReferralSeal.open(entry.packet, with: key, referralID: entry.id, agency: bundle.agency),
                  let packet = ReferralPacket.decode(content), packet.referral == entry.id, packet.agency == bundle.agency else {
                throw HavenError.bundleRejected(reason: .notSealedHere(referral: entry.id))
            }
            records.append(ReferralRecord(
                id: entry.id, caseID: packet.caseID, agency: packet.agency, priority: packet.priority, status: .pending,
                mandatory: packet.mandatory, legalBases: packet.legalBases, rules: packet.rules, policyHash: packet.policy,
                commune: packet.coded.commune, createdAt: packet.sentAt, sentAt: packet.sentAt, dueBy: packet.dueBy,
                packet: entry.packet, signature: entry.signature, origin: bundle.origin))
        }
        let verified = records
        let count = try await work(actor) { w in
            var imported = 0
            for record in verified where try w.tx.referral(id: record.id) == nil {
                try w.tx.insertReferral(record)
                imported += 1
            }
            try w.audit(.referralImport, target: bundle.agency, detail: "origin=\(bundle.origin) count=\(imported)")
            return imported
        }
        return (bundle.agency, bundle.origin, count)
    }
}

extension HavenService {
    /// An agency's name from the policy, in `language` (its id when the policy has no such agency).
    public func agencyName(_ id: String, _ language: Language) -> String {
        context.policy.agencies.first { $0.id == id }?.name.text(language) ?? id
    }
}
