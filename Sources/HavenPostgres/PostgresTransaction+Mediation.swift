import Foundation
import HavenCore
import HavenStore
import PostgresNIO

extension PostgresTransaction {
    func updateCaseMediationState(_ id: CaseID, escalation: Escalation, mediationBlocked: String?, at: Date) throws {
        try session.execute("""
            UPDATE cases SET escalation = \(escalation.rawValue), mediation_blocked = \(mediationBlocked),
            updated_at = \(at.timeIntervalSince1970) WHERE id = \(id.rawValue)
            """)
    }

    // MARK: - Teams

    func insertTeam(_ team: MediationTeam) throws {
        try session.execute("""
            INSERT INTO mediation_teams (id, commune, name, created_at)
            VALUES (\(team.id), \(team.commune), \(team.name), \(team.createdAt.timeIntervalSince1970))
            """)
    }

    func insertMediator(_ m: MediatorRecord) throws {
        try session.execute("""
            INSERT INTO mediators (id, team_id, name, sex, ethnicity, created_at)
            VALUES (\(m.id), \(m.teamID), \(m.name), \(m.sex.rawValue), \(m.ethnicity.rawValue), \(m.createdAt.timeIntervalSince1970))
            """)
    }

    func team(id: String) throws -> MediationTeam? {
        try session.row("SELECT * FROM mediation_teams WHERE id = \(id)", table: "mediation_teams").map(Self.team)
    }

    func teams() throws -> [MediationTeam] {
        try session.rows("SELECT * FROM mediation_teams ORDER BY commune, name, id", table: "mediation_teams").map(Self.team)
    }

    static func team(_ row: Cells) throws -> MediationTeam {
        MediationTeam(id: try row("id"), commune: try row("commune"), name: try row("name"), createdAt: try row.date("created_at"))
    }

    func mediators(teamID: String) throws -> [MediatorRecord] {
        try session.rows("SELECT * FROM mediators WHERE team_id = \(teamID) ORDER BY created_at, id", table: "mediators").map { row in
            MediatorRecord(id: try row("id"), teamID: try row("team_id"), name: try row("name"), sex: try row.coded("sex"),
                           ethnicity: try row.coded("ethnicity"), createdAt: try row.date("created_at"))
        }
    }

    // MARK: - Mediations

    func insertMediation(_ m: MediationRecord) throws {
        try session.execute(try MediationRow.columns(m).insert(into: "mediations"))
    }

    /// Updates in place (never delete and insert: the cascade would take the sessions and
    /// follow-ups with it).
    func updateMediation(_ m: MediationRecord) throws {
        guard try session.execute(try MediationRow.columns(m).update("mediations", key: "id")) > 0 else {
            throw StoreError.corrupt(detail: "mediations: no row to update")
        }
    }

    func mediation(id: String) throws -> MediationRecord? {
        try session.row("SELECT * FROM mediations WHERE id = \(id)", table: "mediations").map(MediationRow.record)
    }

    func mediations(caseID: CaseID?) throws -> [MediationRecord] {
        if let caseID {
            return try session.rows("SELECT * FROM mediations WHERE case_id = \(caseID.rawValue) ORDER BY opened_at, id", table: "mediations")
                .map(MediationRow.record)
        }
        return try session.rows("SELECT * FROM mediations ORDER BY opened_at, id", table: "mediations").map(MediationRow.record)
    }

    // MARK: - Sessions and follow-ups

    func insertSession(_ s: MediationSession) throws {
        try session.execute("""
            INSERT INTO mediation_sessions (id, mediation_id, date, outcome, escalation, note, agreement, recorded_at, recorded_by)
            VALUES (\(s.id), \(s.mediationID), \(s.date.description), \(s.outcome.rawValue), \(s.escalation.rawValue), \(s.note),
                    \(s.agreement), \(s.recordedAt.timeIntervalSince1970), \(s.recordedBy))
            """)
    }

    func sessions(mediationID: String) throws -> [MediationSession] {
        try session.rows("SELECT * FROM mediation_sessions WHERE mediation_id = \(mediationID) ORDER BY date, recorded_at, id",
                         table: "mediation_sessions").map { row in
            MediationSession(id: try row("id"), mediationID: try row("mediation_id"), date: try row.day("date"), outcome: try row.coded("outcome"),
                             escalation: try row.coded("escalation"), note: try row("note"), agreement: try row("agreement"),
                             recordedAt: try row.date("recorded_at"), recordedBy: try row("recorded_by"))
        }
    }

    func upsertFollowUp(_ f: MediationFollowUp) throws {
        try session.execute("""
            INSERT INTO mediation_followups (id, mediation_id, due_date, done_date, recurred, escalation, note)
            VALUES (\(f.id), \(f.mediationID), \(f.dueDate.description), \(f.doneDate?.description), \(f.recurred?.stored),
                    \(f.escalation.rawValue), \(f.note))
            ON CONFLICT (id) DO UPDATE SET mediation_id = EXCLUDED.mediation_id, due_date = EXCLUDED.due_date,
                done_date = EXCLUDED.done_date, recurred = EXCLUDED.recurred, escalation = EXCLUDED.escalation, note = EXCLUDED.note
            """)
    }

    func followUps(mediationID: String?) throws -> [MediationFollowUp] {
        let rows = if let mediationID {
            try session.rows("SELECT * FROM mediation_followups WHERE mediation_id = \(mediationID) ORDER BY due_date, id",
                             table: "mediation_followups")
        } else {
            try session.rows("SELECT * FROM mediation_followups ORDER BY due_date, id", table: "mediation_followups")
        }
        return try rows.map { row in
            MediationFollowUp(id: try row("id"), mediationID: try row("mediation_id"), dueDate: try row.day("due_date"),
                              doneDate: try row.optionalDay("done_date"), recurred: try row.optionalBool("recurred"),
                              escalation: try row.coded("escalation"), note: try row("note"))
        }
    }

    func insertMediationRefusal(_ r: MediationRefusal) throws {
        try session.execute("""
            INSERT INTO mediation_refusals (id, case_id, commune, former_district, at, reasons)
            VALUES (\(r.id), \(r.caseID.rawValue), \(r.commune), \(r.formerDistrict), \(r.at.timeIntervalSince1970),
                    \(r.reasons.joined(separator: ",")))
            """)
    }

    func mediationRefusals() throws -> [MediationRefusal] {
        try session.rows("SELECT * FROM mediation_refusals ORDER BY at, id", table: "mediation_refusals").compactMap { row in
            guard let caseID = CaseID(parsing: try row("case_id", as: String.self)) else { return nil }
            return MediationRefusal(id: try row("id"), caseID: caseID, commune: try row("commune"), formerDistrict: try row("former_district"),
                                    at: try row.date("at"), reasons: try row.list("reasons"))
        }
    }
}
