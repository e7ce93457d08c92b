import Foundation
import GRDB
import HavenCore
import HavenStore

/// One row of `referrals`, column by column (a GRDB Codable record, like ``CaseRow``): columns
/// named once, inserts and updates by name. Legal bases are kept one per line, rules and actions
/// comma-joined; a code this build does not know is refused as corruption, never dropped.
struct ReferralRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "referrals"

    var id: String
    var caseID: String
    var agency: String
    var priority: String
    var status: String
    var mandatory: Bool
    var legalBases: String
    var rules: String
    var policyHash: String
    var commune: String
    var createdAt: Double
    var sentAt: Double?
    var dueBy: Double?
    var acknowledgedAt: Double?
    var acceptedAt: Double?
    var declinedAt: Double?
    var declineReason: String?
    var closedAt: Double?
    var outcome: String?
    var actions: String
    var packet: Data?
    var signature: Data?
    var origin: String?
    var indexSignature: Data?

    enum CodingKeys: String, CodingKey, ColumnExpression, CaseIterable {
        case id, caseID = "case_id", agency, priority, status, mandatory, legalBases = "legal_bases", rules
        case policyHash = "policy_hash", commune, createdAt = "created_at", sentAt = "sent_at", dueBy = "due_by"
        case acknowledgedAt = "acknowledged_at", acceptedAt = "accepted_at", declinedAt = "declined_at"
        case declineReason = "decline_reason", closedAt = "closed_at", outcome, actions, packet, signature, origin
        case indexSignature = "index_signature"
    }

    static let columnList = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

    /// The columns of a listing: a packet's presence (an empty blob), not its bytes.
    static let listingColumns = CodingKeys.allCases.map { key -> String in
        switch key {
        case .packet: "CASE WHEN packet IS NULL THEN NULL ELSE x'' END AS packet"
        case .signature, .indexSignature: "NULL AS \(key.rawValue)"
        default: key.rawValue
        }
    }.joined(separator: ", ")

    init(_ r: ReferralRecord) {
        id = r.id; caseID = r.caseID; agency = r.agency; priority = r.priority.rawValue; status = r.status.rawValue
        mandatory = r.mandatory; legalBases = r.legalBases.joined(separator: "\n"); rules = r.rules.joined(separator: ",")
        policyHash = r.policyHash; commune = r.commune; createdAt = r.createdAt.timeIntervalSince1970
        sentAt = r.sentAt?.timeIntervalSince1970; dueBy = r.dueBy?.timeIntervalSince1970
        acknowledgedAt = r.acknowledgedAt?.timeIntervalSince1970; acceptedAt = r.acceptedAt?.timeIntervalSince1970
        declinedAt = r.declinedAt?.timeIntervalSince1970; declineReason = r.declineReason?.rawValue
        closedAt = r.closedAt?.timeIntervalSince1970; outcome = r.outcome?.rawValue
        actions = r.actions.map(\.rawValue).joined(separator: ","); packet = r.packet; signature = r.signature; origin = r.origin
        indexSignature = r.indexSignature
    }

    func record() throws -> ReferralRecord {
        func coded<V: CodedValue>(_ key: CodingKeys, _ text: String, _ type: V.Type) throws -> V {
            guard let value = V(rawValue: text) else { throw StoreError.corrupt(detail: "referrals.\(key.rawValue)") }
            return value
        }
        func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
        return ReferralRecord(
            id: id, caseID: caseID, agency: agency, priority: try coded(.priority, priority, Priority.self),
            status: try coded(.status, status, ReferralStatus.self), mandatory: mandatory,
            legalBases: legalBases.isEmpty ? [] : legalBases.components(separatedBy: "\n"),
            rules: rules.split(separator: ",").map(String.init), policyHash: policyHash, commune: commune,
            createdAt: Date(timeIntervalSince1970: createdAt), sentAt: date(sentAt), dueBy: date(dueBy),
            acknowledgedAt: date(acknowledgedAt), acceptedAt: date(acceptedAt), declinedAt: date(declinedAt),
            declineReason: try declineReason.map { try coded(.declineReason, $0, DeclineReason.self) },
            closedAt: date(closedAt), outcome: try outcome.map { try coded(.outcome, $0, CaseOutcome.self) },
            actions: try actions.split(separator: ",").map { try coded(.actions, String($0), ReferralAction.self) },
            packet: packet, signature: signature, origin: origin, indexSignature: indexSignature)
    }
}
