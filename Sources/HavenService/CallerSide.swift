import Crypto
import Foundation
import HavenAPI
import HavenCrypto

/// What runs on the caller's side, never inside the service: an agency's private key is made,
/// kept and used only here, through any `HavenClient` (the local store's, or a server's).

/// Opens a sealed referral with the agency's key file.
public enum ReferralOpener {
    public static func open(_ sealed: SealedReferral, agencyKeyFile: Data) throws -> OpenedReferral {
        let agency = sealed.summary.agency
        let (keyAgency, key): (String, Curve25519.KeyAgreement.PrivateKey)
        do { (keyAgency, key) = try AgencyKeyFile.decode(agencyKeyFile) } catch { throw HavenError.keyFileCorrupt(path: "agencyKey") }
        guard keyAgency == agency else { throw HavenError.wrongAgencyKey(expected: agency, found: keyAgency) }
        guard let content = try? ReferralSeal.open(sealed.packet, with: key, referralID: sealed.summary.id, agency: agency),
              let opened = ReferralPacket.decode(content) else {
            throw HavenError.packetUnreadable(referral: sealed.summary.id)
        }
        return OpenedReferral(summary: sealed.summary, packet: opened)
    }

    /// Fetches a referral through `client` and opens it here.
    public static func show(client: any HavenClient, _ id: String, agencyKeyFile: Data) async throws -> OpenedReferral {
        // A file that is no key file is refused before anything is fetched.
        do { _ = try AgencyKeyFile.decode(agencyKeyFile) } catch { throw HavenError.keyFileCorrupt(path: "agencyKey") }
        return try open(try await client.fetchReferral(id), agencyKeyFile: agencyKeyFile)
    }

    /// Fetches a referral from the local `service` for `actor` and opens it here.
    public static func show(service: HavenService, _ id: String, agencyKeyFile: Data, by actor: Caller) async throws -> OpenedReferral {
        try await show(client: LocalClient(service: service, caller: actor, language: .en), id, agencyKeyFile: agencyKeyFile)
    }
}

/// Opens an offline bundle's packets with the agency's key file, here, and imports it through
/// a client that receives only what the packets are indexed by.
public enum BundleOpener {
    /// Checks that every packet is sealed to this agency's key and is the referral it says it
    /// is, and returns each one's index terms and plaintext hash for the service to check
    /// against the origin's signatures.
    public static func open(bundle data: Data, agencyKeyFile: Data) throws -> [OpenedBundleEntry] {
        let bundle = try ReferralBundle.decode(data)
        let (keyAgency, key): (String, Curve25519.KeyAgreement.PrivateKey)
        do { (keyAgency, key) = try AgencyKeyFile.decode(agencyKeyFile) } catch { throw HavenError.keyFileCorrupt(path: "agencyKey") }
        guard keyAgency == bundle.agency else {
            throw HavenError.bundleRejected(reason: .wrongAgency(bundle: bundle.agency, key: keyAgency))
        }
        return try bundle.referrals.map { entry in
            guard let content = try? ReferralSeal.open(entry.packet, with: key, referralID: entry.id, agency: bundle.agency),
                  let packet = ReferralPacket.decode(content), packet.referral == entry.id, packet.agency == bundle.agency else {
                throw HavenError.bundleRejected(reason: .notSealedHere(referral: entry.id))
            }
            return OpenedBundleEntry(referral: entry.id, index: ReferralIndex(packet: packet), contentHash: Data(SHA256.hash(data: content)))
        }
    }

    /// Opens the bundle here and imports it through `client`.
    public static func importBundle(client: any HavenClient, bundle: Data, agencyKeyFile: Data) async throws -> BundleImported {
        try await client.importReferrals(bundle: bundle, opened: try open(bundle: bundle, agencyKeyFile: agencyKeyFile))
    }

    /// Opens the bundle here and imports it into the local `service` for `actor`.
    public static func importBundle(service: HavenService, bundle: Data, agencyKeyFile: Data, by actor: Caller) async throws -> BundleImported {
        try await importBundle(client: LocalClient(service: service, caller: actor, language: .en), bundle: bundle, agencyKeyFile: agencyKeyFile)
    }
}

/// Makes an agency's key pair: the private key is written to `path` (0600, never over an
/// existing file) before the public key is registered, and removed again if registering
/// fails, so a registered key always has its private half somewhere.
public enum AgencyKeyMaker {
    public static func make(client: any HavenClient, _ agencyID: String, outPath path: String,
                            replace: Bool = false) async throws -> AgencyKeyResult {
        let key = Curve25519.KeyAgreement.PrivateKey()
        try PrivateFile.write(try AgencyKeyFile.encode(agency: agencyID, key: key), to: path, exclusive: true)
        do {
            return try await client.registerAgencyKey(agencyID, publicKey: key.publicKey.rawRepresentation, replace: replace)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Makes the key with the local `service` for `actor`.
    public static func make(service: HavenService, _ agencyID: String, outPath path: String, replace: Bool = false,
                            by actor: Caller) async throws -> AgencyKeyResult {
        try await make(client: LocalClient(service: service, caller: actor, language: .en), agencyID, outPath: path, replace: replace)
    }
}
