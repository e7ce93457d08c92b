import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// An offline bundle of sealed referrals for one agency (format 3).
///
/// Each entry is a packet sealed to the agency, the origin's signature over it, and the origin's
/// signature over the packet's index terms and plaintext hash (``ReferralIndex``). The
/// receiving office's caller opens the packets with its key (``BundleOpener``) and sends the
/// service only the terms; the service checks them against the origin's signatures, so it
/// indexes the referrals without ever holding the agency's key, and a caller cannot change a
/// due time or a priority on the way in.
struct ReferralBundle: Codable {
    struct Entry: Codable {
        let id: String
        let packet: Data
        let signature: Data
        let indexSignature: Data
    }
    static let format = "haven-referral-bundle"
    static let version = 3
    var format = ReferralBundle.format
    var version = ReferralBundle.version
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
        var text = "haven/referral-bundle/v3|\(origin)|\(originKey.hexString)|\(agency)|"
            + "\(Int64((createdAt.timeIntervalSince1970 * 1000).rounded()))|\(count)"
        for entry in referrals {
            text += "|\(entry.id):\(Data(SHA256.hash(data: entry.packet)).hexString):\(Data(SHA256.hash(data: entry.signature)).hexString)"
                + ":\(Data(SHA256.hash(data: entry.indexSignature)).hexString)"
        }
        return Data(text.utf8)
    }

    static func decode(_ data: Data) throws -> ReferralBundle {
        struct Header: Decodable { let format: String?; let version: Int? }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        guard let header = try? decoder.decode(Header.self, from: data), header.format == format else {
            throw HavenError.bundleRejected(reason: .notABundle)
        }
        guard header.version == version else { throw HavenError.bundleRejected(reason: .unsupportedVersion(header.version ?? 0)) }
        guard let bundle = try? decoder.decode(ReferralBundle.self, from: data),
              bundle.createdAt.timeIntervalSince1970.isFinite, abs(bundle.createdAt.timeIntervalSince1970) < 1e11 else {
            throw HavenError.bundleRejected(reason: .notABundle)
        }
        return bundle
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
    /// bundle for carrying to an offline office. A packet sealed before bundles signed their
    /// index terms cannot go in one (sealing it again would send today's details under the
    /// consent of then): it is named, and read at this store with `referral show`.
    public func exportReferrals(agency agencyID: String, by actor: Caller) async throws -> (data: Data, count: Int) {
        try await require(actor, .referralExport, agency: agencyID, target: agencyID)
        guard context.policy.agency(agencyID) != nil else { throw HavenError.agencyUnknown(id: agencyID) }
        let referrals = try await query { try $0.referrals(ReferralFilter(agency: agencyID)) }
            .filter { $0.origin == nil && $0.status == .pending }
        if referrals.contains(where: { $0.packet == nil }) { throw HavenError.agencyHasNoKey(agency: agencyID) }
        if let old = referrals.first(where: { $0.indexSignature == nil }) {
            throw HavenError.bundleRejected(reason: .sealedBeforeSignedTerms(referral: old.id))
        }
        try await recordAllowed(actor, .referralExport, target: agencyID, detail: "count=\(referrals.count)")
        let created = Date(timeIntervalSince1970: (context.clock.now().timeIntervalSince1970 * 1000).rounded() / 1000)
        var bundle = ReferralBundle(origin: context.storeID, originKey: context.keyring.auditVerifyingKey.rawRepresentation,
                                    agency: agencyID, createdAt: created, count: referrals.count,
                                    referrals: referrals.map { .init(id: $0.id, packet: $0.packet!, signature: $0.signature!,
                                                                     indexSignature: $0.indexSignature!) },
                                    signature: Data())
        bundle.signature = try context.keyring.auditSigningKey.signature(for: bundle.signedBytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try encoder.encode(bundle), referrals.count)
    }

    /// Imports a bundle into this (the agency's) store, given the index terms the caller read
    /// from its packets with the agency's key (``BundleOpener``): the service never receives
    /// the key. Every packet's signature and every entry's index terms are checked against the
    /// origin's key (pinned by an administrator beforehand); any failure refuses the whole bundle.
    public func importReferrals(bundle data: Data, opened: [OpenedBundleEntry], by actor: Caller) async throws -> (agency: String, origin: String, count: Int) {
        do {
            return try await verifyAndImport(bundle: data, opened: opened, by: actor)
        } catch HavenError.bundleRejected(let reason) {
            context.logger.warning("referral bundle refused", metadata: ["reason": .string(reason.message(.en)), "actor": .string(actor.id)])
            throw HavenError.bundleRejected(reason: reason)
        }
    }

    func verifyAndImport(bundle data: Data, opened: [OpenedBundleEntry], by actor: Caller) async throws -> (agency: String, origin: String, count: Int) {
        let bundle = try ReferralBundle.decode(data)
        try await require(actor, .referralImport, agency: bundle.agency, target: bundle.agency)
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
        let terms = Dictionary(opened.map { ($0.referral, $0) }, uniquingKeysWith: { first, _ in first })
        guard opened.count == bundle.referrals.count, Set(terms.keys) == Set(bundle.referrals.map(\.id)) else {
            throw HavenError.bundleRejected(reason: .entriesNotOpened)
        }
        var records: [ReferralRecord] = []
        for entry in bundle.referrals {
            guard ReferralSeal.verify(entry.signature, packet: entry.packet, referralID: entry.id, agency: bundle.agency, origin: originKey) else {
                throw HavenError.bundleRejected(reason: .badSignature(referral: entry.id))
            }
            // The terms the caller read must be the ones the origin sealed, for this agency.
            let entryTerms = terms[entry.id]!
            let index = entryTerms.index
            let signed = index.signedBytes(referralID: entry.id, packetHash: Data(SHA256.hash(data: entry.packet)),
                                           contentHash: entryTerms.contentHash)
            guard index.agency == bundle.agency, entryTerms.contentHash.count == 32,
                  originKey.isValidSignature(entry.indexSignature, for: signed) else {
                throw HavenError.bundleRejected(reason: .indexNotSigned(referral: entry.id))
            }
            records.append(ReferralRecord(
                id: entry.id, caseID: index.caseID, agency: index.agency, priority: index.priority, status: .pending,
                mandatory: index.mandatory, legalBases: index.legalBases, rules: index.rules, policyHash: index.policy,
                commune: index.commune, createdAt: Self.wholeSeconds(index.sentAt), sentAt: Self.wholeSeconds(index.sentAt),
                dueBy: Self.wholeSeconds(index.dueBy),
                packet: entry.packet, signature: entry.signature, origin: bundle.origin, indexSignature: entry.indexSignature))
        }
        let verified = records
        let count = try await work(actor) { w in
            var imported = 0, raised = 0
            for record in verified {
                guard var existing = try w.tx.referral(id: record.id) else {
                    try w.tx.insertReferral(record)
                    imported += 1
                    continue
                }
                // The same referral again: its terms are taken only when the origin raised it
                // since (priority up, or made mandatory) and it is still open here, so an older
                // bundle imported after a newer one never lowers a priority or moves a due time.
                let open: Set<ReferralStatus> = [.pending, .acknowledged, .accepted]
                guard existing.origin == bundle.origin, existing.agency == record.agency, open.contains(existing.status),
                      record.priority > existing.priority || (record.mandatory && !existing.mandatory) else { continue }
                existing.priority = max(existing.priority, record.priority)
                existing.mandatory = existing.mandatory || record.mandatory
                existing.dueBy = [existing.dueBy, record.dueBy].compactMap { $0 }.min()
                existing.legalBases = record.legalBases; existing.rules = record.rules; existing.policyHash = record.policyHash
                existing.packet = record.packet; existing.signature = record.signature; existing.indexSignature = record.indexSignature
                try w.tx.updateReferral(existing)
                raised += 1
            }
            try w.audit(.referralImport, target: bundle.agency, detail: "origin=\(bundle.origin) count=\(imported) raised=\(raised)")
            return imported + raised
        }
        return (bundle.agency, bundle.origin, count)
    }

    /// A time as the signed index terms carry it: whole seconds.
    static func wholeSeconds(_ date: Date) -> Date { Date(timeIntervalSince1970: Double(ReferralIndex.seconds(date))) }
}

extension HavenService {
    /// An agency's name from the policy, in `language` (its id when the policy has no such agency).
    public func agencyName(_ id: String, _ language: Language) -> String {
        context.policy.agencies.first { $0.id == id }?.name.text(language) ?? id
    }
}
