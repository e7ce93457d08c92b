import Foundation
import HavenCore
import HavenStore

/// A referral as a row of `referrals`: legal bases one per line, rules and actions comma-joined,
/// as the embedded engine keeps them.
enum ReferralRow {
    static func columns(_ r: ReferralRecord) throws -> Columns {
        var c = Columns()
        try c.set("id", r.id)
        try c.set("case_id", r.caseID)
        try c.set("agency", r.agency)
        try c.set("priority", r.priority.rawValue)
        try c.set("status", r.status.rawValue)
        try c.set("mandatory", r.mandatory)
        try c.set("legal_bases", r.legalBases.joined(separator: "\n"))
        try c.set("rules", r.rules.joined(separator: ","))
        try c.set("policy_hash", r.policyHash)
        try c.set("commune", r.commune)
        try c.set("created_at", r.createdAt)
        try c.set("sent_at", r.sentAt)
        try c.set("due_by", r.dueBy)
        try c.set("acknowledged_at", r.acknowledgedAt)
        try c.set("accepted_at", r.acceptedAt)
        try c.set("declined_at", r.declinedAt)
        try c.set("decline_reason", r.declineReason?.rawValue)
        try c.set("closed_at", r.closedAt)
        try c.set("outcome", r.outcome?.rawValue)
        try c.set("actions", r.actions.map(\.rawValue).joined(separator: ","))
        try c.set("packet", r.packet)
        try c.set("signature", r.signature)
        try c.set("origin", r.origin)
        try c.set("index_signature", r.indexSignature)
        return c
    }

    /// Every column but the packet's and its signatures'.
    private static let plainColumns = [
        "id", "case_id", "agency", "priority", "status", "mandatory", "legal_bases", "rules", "policy_hash", "commune",
        "created_at", "sent_at", "due_by", "acknowledged_at", "accepted_at", "declined_at", "decline_reason", "closed_at",
        "outcome", "actions", "origin",
    ]

    /// Every column, for a referral read whole.
    static let columnList = (plainColumns + ["packet", "signature", "index_signature"]).joined(separator: ", ")

    /// The columns of a listing: a packet's presence (empty bytes), not its bytes; no signatures.
    static let listingColumns = (plainColumns + [
        "CASE WHEN packet IS NULL THEN NULL ELSE ''::bytea END AS packet", "NULL::bytea AS signature", "NULL::bytea AS index_signature",
    ]).joined(separator: ", ")

    static func record(_ row: Cells) throws -> ReferralRecord {
        let legalBases = try row("legal_bases", as: String.self)
        return ReferralRecord(
            id: try row("id"), caseID: try row("case_id"), agency: try row("agency"), priority: try row.coded("priority"),
            status: try row.coded("status"), mandatory: try row.bool("mandatory"),
            legalBases: legalBases.isEmpty ? [] : legalBases.components(separatedBy: "\n"), rules: try row.list("rules"),
            policyHash: try row("policy_hash"), commune: try row("commune"), createdAt: try row.date("created_at"),
            sentAt: try row.optionalDate("sent_at"), dueBy: try row.optionalDate("due_by"),
            acknowledgedAt: try row.optionalDate("acknowledged_at"), acceptedAt: try row.optionalDate("accepted_at"),
            declinedAt: try row.optionalDate("declined_at"), declineReason: try row.optionalCoded("decline_reason"),
            closedAt: try row.optionalDate("closed_at"), outcome: try row.optionalCoded("outcome"), actions: try row.codedList("actions"),
            packet: try row("packet"), signature: try row("signature"), origin: try row("origin"), indexSignature: try row("index_signature"))
    }
}

/// A mediation as a row of `mediations`: mediators comma-joined, days as `YYYY-MM-DD`.
enum MediationRow {
    static func columns(_ m: MediationRecord) throws -> Columns {
        var c = Columns()
        try c.set("id", m.id)
        try c.set("case_id", m.caseID.rawValue)
        try c.set("team_id", m.teamID)
        try c.set("commune", m.commune)
        try c.set("mediators", m.mediators.joined(separator: ","))
        try c.set("conflicted", m.conflicted.joined(separator: ","))
        try c.set("status", m.status.rawValue)
        try c.set("opened_at", m.openedAt)
        try c.set("opened_by", m.openedBy)
        try c.set("start_due", m.startDue.description)
        try c.set("first_session", m.firstSession?.description)
        try c.set("agreement_date", m.agreementDate?.description)
        try c.set("ended_at", m.endedAt)
        try c.set("end_reason", m.end?.rawValue)
        return c
    }

    static func record(_ row: Cells) throws -> MediationRecord {
        guard let caseID = CaseID(parsing: try row("case_id", as: String.self)) else { throw StoreError.corrupt(detail: "mediations.case_id") }
        return MediationRecord(
            id: try row("id"), caseID: caseID, teamID: try row("team_id"), commune: try row("commune"), mediators: try row.list("mediators"),
            conflicted: try row.list("conflicted"), status: try row.coded("status"), openedAt: try row.date("opened_at"),
            openedBy: try row("opened_by"), startDue: try row.day("start_due"), firstSession: try row.optionalDay("first_session"),
            agreementDate: try row.optionalDay("agreement_date"), endedAt: try row.optionalDate("ended_at"),
            end: try row.optionalCoded("end_reason"))
    }
}
