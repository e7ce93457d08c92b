import Foundation
import HavenCore
import HavenStore

/// A case as a row of `cases`, column by column, named where each value is given. The same
/// storage as the embedded engine's `CaseRow`: instants as seconds, booleans as 0/1, lists of
/// codes comma-joined; a code this build does not know is refused as corruption, never dropped.
enum CaseRow {
    static func columns(_ record: CaseRecord) throws -> Columns {
        let f = record.facts
        var c = Columns()
        try c.set("id", record.id.rawValue)
        try c.set("commune", f.commune)
        try c.set("former_district", f.formerDistrict)
        try c.set("source", f.source.rawValue)
        try c.set("reported_at", f.reportedAt)
        try c.set("report_date", f.reportDate.description)
        try c.set("incident_month", f.incidentMonth)
        try c.set("reporting_delay", f.reportingDelay.rawValue)
        try c.set("survivor_sex", f.survivorSex.rawValue)
        try c.set("survivor_age", f.survivorAge)
        try c.set("survivor_age_group", f.survivorAgeGroup.rawValue)
        try c.set("ethnicity", f.ethnicity.rawValue)
        try c.set("disability", f.disability)
        try c.set("pregnant", f.pregnant)
        try c.set("child_under_36m", f.childUnder36Months)
        try c.set("older_person", f.olderPerson)
        try c.set("perpetrator_sex", f.perpetratorSex.rawValue)
        try c.set("perpetrator_age_group", f.perpetratorAgeGroup.rawValue)
        try c.set("relationship", f.relationship.rawValue)
        try c.set("acts", f.acts.map(\.rawValue).joined(separator: ","))
        try c.set("gbv_type", f.gbvType.rawValue)
        try c.set("contexts", f.contexts.map(\.rawValue).joined(separator: ","))
        try c.set("injury", f.injury.rawValue)
        try c.set("children_present", f.childrenPresent)
        try c.set("risk", f.risk.rawValue)
        try c.set("consent_referral", f.consent.referral)
        try c.set("consent_police", f.consent.police)
        try c.set("consent_mediation", f.consent.mediation)
        try c.set("consent_statistics", f.consent.statistics)
        try c.set("wish_legal_aid", f.wishes.legalAid)
        try c.set("wish_shelter", f.wishes.shelter)
        try c.set("wish_medical", f.wishes.medical)
        try c.set("status", record.status.rawValue)
        try c.set("outcome", record.outcome?.rawValue)
        try c.set("created_by", record.createdBy)
        try c.set("created_at", record.createdAt)
        try c.set("updated_at", record.updatedAt)
        try c.set("key_version", record.keyVersion)
        try c.set("wrapped_key", record.wrappedDataKey)
        try c.set("blind_index", record.blindIndex)
        try c.set("escalation", record.escalation.rawValue)
        try c.set("mediation_blocked", record.mediationBlocked)
        try c.set("cannot_defend", f.cannotDefend)
        try c.set("separated", f.separated)
        try c.set("financial_hardship", f.financialHardship)
        try c.set("wish_prosecution", f.wishes.prosecution)
        try c.set("pair_index", record.pairIndex)
        try c.set("seal", record.seal)
        try c.set("record_key", record.recordKey)
        return c
    }

    /// The stored case, without its sealed fields (another table).
    static func record(_ row: Cells) throws -> CaseRecord {
        guard let id = CaseID(parsing: try row("id", as: String.self)) else { throw StoreError.corrupt(detail: "cases.id") }
        var facts = CaseFacts(
            commune: try row("commune"), formerDistrict: try row("former_district"), source: try row.coded("source"),
            reportedAt: try row.date("reported_at"), reportDate: try row.day("report_date"), incidentMonth: try row("incident_month"),
            reportingDelay: try row.coded("reporting_delay"), survivorSex: try row.coded("survivor_sex"),
            survivorAge: try row("survivor_age"), survivorAgeGroup: try row.coded("survivor_age_group"),
            ethnicity: try row.coded("ethnicity"), disability: try row.bool("disability"), pregnant: try row.bool("pregnant"),
            childUnder36Months: try row.bool("child_under_36m"), olderPerson: try row.bool("older_person"),
            perpetratorSex: try row.coded("perpetrator_sex"), perpetratorAgeGroup: try row.coded("perpetrator_age_group"),
            relationship: try row.coded("relationship"), acts: try row.codedList("acts"), gbvType: try row.coded("gbv_type"),
            contexts: try row.codedList("contexts"), injury: try row.coded("injury"), childrenPresent: try row.bool("children_present"),
            risk: try row.coded("risk"),
            consent: .init(referral: try row.bool("consent_referral"), police: try row.bool("consent_police"),
                           mediation: try row.bool("consent_mediation"), statistics: try row.bool("consent_statistics")),
            wishes: .init(legalAid: try row.bool("wish_legal_aid"), shelter: try row.bool("wish_shelter"),
                          medical: try row.bool("wish_medical"), prosecution: try row.optionalBool("wish_prosecution")))
        facts.cannotDefend = try row.bool("cannot_defend")
        facts.separated = try row.optionalBool("separated")
        facts.financialHardship = try row.optionalBool("financial_hardship")
        var record = CaseRecord(
            id: id, facts: facts, status: try row.coded("status"), outcome: try row.optionalCoded("outcome"),
            createdBy: try row("created_by"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            keyVersion: try row("key_version"), wrappedDataKey: try row("wrapped_key"), blindIndex: try row("blind_index"), sealed: [:])
        record.escalation = try row.coded("escalation")
        record.mediationBlocked = try row("mediation_blocked")
        record.pairIndex = try row("pair_index")
        record.seal = try row("seal")
        // Masked like the statistics queries, so a key edited outside Haven cannot crash a read.
        record.recordKey = try row("record_key", as: Int.self) & 0xFFFF
        return record
    }
}

/// A user as a row of `users`: the token only as its hash, communes comma-joined.
enum UserRow {
    static func columns(_ user: UserRecord) throws -> Columns {
        var c = Columns()
        try c.set("id", user.id)
        try c.set("name", user.name)
        try c.set("role", user.role.rawValue)
        try c.set("agency", user.agency)
        try c.set("communes", user.communes.joined(separator: ","))
        try c.set("token_hash", user.tokenHash)
        try c.set("created_at", user.createdAt)
        try c.set("revoked_at", user.revokedAt)
        try c.set("mediator", user.mediator)
        try c.set("team", user.team)
        return c
    }

    static func record(_ row: Cells) throws -> UserRecord {
        var user = UserRecord(id: try row("id"), name: try row("name"), role: try row.coded("role"), agency: try row("agency"),
                              communes: try row.list("communes"), tokenHash: try row("token_hash"), createdAt: try row.date("created_at"),
                              revokedAt: try row.optionalDate("revoked_at"))
        user.mediator = try row("mediator")
        user.team = try row("team")
        return user
    }
}
