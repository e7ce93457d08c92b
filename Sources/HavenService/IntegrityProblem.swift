import HavenAPI
import HavenCore

/// Why `audit verify` found the chain broken, as a catalogue message in each language.
public enum AuditProblem: Equatable, Sendable {
    case entryMissing(Int64)
    /// The entry does not link to the one before it, `sequence`.
    case notFollowing(Int64)
    case contentChanged
    /// Entries after `sequence` are gone (a checkpoint or the signed head names them).
    case entriesDeleted(after: Int64)
    case checkpointMismatch
    case checkpointDeleted
    case headMissing
    case headInvalid
    case headElsewhere
    case badSignature(context: String)
    /// The anchor beside the key file records entries the database no longer has.
    case rolledBack(anchored: Int64, found: Int64)
    /// The entry the anchor names has another hash in the database.
    case anchorMismatch
    case anchorUnreadable
    /// A record (a case, a mediation) has no audit entry of its making.
    case recordWithoutAudit(kind: String, id: String)
    /// A record the log says was made is gone.
    case recordMissing(kind: String, id: String)
    case caseTampered(id: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .entryMissing(let sequence): Catalogue.text(.auditEntryMissing, language, ["seq": "\(sequence)"])
        case .notFollowing(let sequence): Catalogue.text(.auditNotFollowing, language, ["seq": "\(sequence)"])
        case .contentChanged: Catalogue.text(.auditContentChanged, language)
        case .entriesDeleted(let sequence): Catalogue.text(.auditEntriesDeleted, language, ["seq": "\(sequence)"])
        case .checkpointMismatch: Catalogue.text(.auditCheckpointMismatch, language)
        case .checkpointDeleted: Catalogue.text(.auditCheckpointDeleted, language)
        case .headMissing: Catalogue.text(.auditHeadMissing, language)
        case .headInvalid: Catalogue.text(.auditHeadInvalid, language)
        case .headElsewhere: Catalogue.text(.auditHeadElsewhere, language)
        case .badSignature(let context): Catalogue.text(.auditBadSignature, language, ["context": context])
        case let .rolledBack(anchored, found): Catalogue.text(.auditRolledBack, language, ["anchored": "\(anchored)", "found": "\(found)"])
        case .anchorMismatch: Catalogue.text(.auditAnchorMismatch, language)
        case .anchorUnreadable: Catalogue.text(.auditAnchorUnreadable, language)
        case let .recordWithoutAudit(kind, id): Catalogue.text(.auditRecordWithoutAudit, language, ["kind": kind, "id": id])
        case let .recordMissing(kind, id): Catalogue.text(.auditRecordMissing, language, ["kind": kind, "id": id])
        case .caseTampered(let id): Catalogue.text(.auditCaseTampered, language, ["id": id])
        }
    }
}

/// Why a referral bundle was refused whole, as a catalogue message in each language.
/// Names only identifiers (agency, store, referral ids), never case content.
public enum BundleProblem: Equatable, Sendable {
    case notABundle
    /// A bundle of another format version (an older Haven made it: export it again).
    case unsupportedVersion(Int)
    /// The caller did not open every entry (or opened others).
    case entriesNotOpened
    /// The index terms sent for an entry are not the ones its origin signed.
    case indexNotSigned(referral: String)
    /// Export: a packet sealed before bundles signed their index terms.
    case sealedBeforeSignedTerms(referral: String)
    case wrongAgency(bundle: String, key: String)
    case originKeyInvalid
    case originKeyChanged(origin: String)
    case badSignature(referral: String)
    case notSealedHere(referral: String)
    case originNotTrusted(origin: String, fingerprint: String)
    case bundleSignatureInvalid
    case fingerprintMismatch

    public func message(_ language: Language) -> String {
        switch self {
        case .notABundle: Catalogue.text(.bundleNotABundle, language)
        case .unsupportedVersion(let version):
            Catalogue.text(.bundleUnsupportedVersion, language, ["version": "\(version)", "supported": "\(ReferralBundle.version)"])
        case .entriesNotOpened: Catalogue.text(.bundleEntriesNotOpened, language)
        case .indexNotSigned(let referral): Catalogue.text(.bundleIndexNotSigned, language, ["id": referral])
        case .sealedBeforeSignedTerms(let referral): Catalogue.text(.bundleSealedBeforeSignedTerms, language, ["id": referral])
        case let .wrongAgency(bundle, key): Catalogue.text(.bundleWrongAgency, language, ["bundle": bundle, "key": key])
        case .originKeyInvalid: Catalogue.text(.bundleOriginKeyInvalid, language)
        case .originKeyChanged(let origin): Catalogue.text(.bundleOriginKeyChanged, language, ["origin": origin])
        case .badSignature(let referral): Catalogue.text(.bundleBadSignature, language, ["id": referral])
        case .notSealedHere(let referral): Catalogue.text(.bundleNotSealedHere, language, ["id": referral])
        case let .originNotTrusted(origin, fingerprint):
            Catalogue.text(.bundleOriginNotTrusted, language, ["origin": origin, "fingerprint": fingerprint])
        case .bundleSignatureInvalid: Catalogue.text(.bundleSignatureInvalid, language)
        case .fingerprintMismatch: Catalogue.text(.bundleFingerprintMismatch, language)
        }
    }
}

// Carried inside a `HavenError` between `haven serve` and a remote CLI.
extension AuditProblem: Codable {}
extension BundleProblem: Codable {}
extension MigrationProblem: Codable {}

/// Why `haven store migrate` refused to start or stopped.
public enum MigrationProblem: Equatable, Sendable {
    /// The two stores are at different schema versions (one Haven is older than the other).
    case schemaVersions
    /// The target already holds a store (not a move of this one under way).
    case targetInUse
    /// The target holds a stopped move of another store.
    case otherMove
    /// The office's store changed while it was copied.
    case sourceChanged
    /// A table's rows differ in number after the copy.
    case countsDiffer(table: String, source: Int, target: Int)
    /// The target held a stopped move of an older state and could not be emptied.
    case targetNotEmptied

    public func message(_ language: Language) -> String {
        switch self {
        case .schemaVersions: Catalogue.text(.migrateSchemaVersions, language)
        case .targetInUse: Catalogue.text(.migrateTargetInUse, language)
        case .otherMove: Catalogue.text(.migrateOtherMove, language)
        case .sourceChanged: Catalogue.text(.migrateSourceChanged, language)
        case .targetNotEmptied: Catalogue.text(.migrateTargetNotEmptied, language)
        case let .countsDiffer(table, source, target):
            Catalogue.text(.migrateCountsDiffer, language, ["table": table, "source": "\(source)", "target": "\(target)"])
        }
    }
}
