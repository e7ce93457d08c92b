import Foundation
import GRDB
import HavenCore
import HavenStore

extension SQLiteTransaction {
    func updateCaseMediationState(_ id: CaseID, escalation: Escalation, mediationBlocked: String?, at: Date) throws {
        try run("UPDATE cases SET escalation = ?, mediation_blocked = ?, updated_at = ? WHERE id = ?",
                [escalation.rawValue, mediationBlocked, at.timeIntervalSince1970, id.rawValue])
    }

    // MARK: - Teams

    func insertTeam(_ team: MediationTeam) throws {
        try run("INSERT INTO mediation_teams (id, commune, name, created_at) VALUES (?, ?, ?, ?)",
                [team.id, team.commune, team.name, team.createdAt.timeIntervalSince1970])
    }

    func insertMediator(_ m: MediatorRecord) throws {
        try run("INSERT INTO mediators (id, team_id, name, sex, ethnicity, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [m.id, m.teamID, m.name, m.sex.rawValue, m.ethnicity.rawValue, m.createdAt.timeIntervalSince1970])
    }

    func team(id: String) throws -> MediationTeam? {
        try Row.fetchOne(db, sql: "SELECT * FROM mediation_teams WHERE id = ?", arguments: [id]).map(Self.team)
    }

    func teams() throws -> [MediationTeam] {
        try Row.fetchAll(db, sql: "SELECT * FROM mediation_teams ORDER BY commune, name").map(Self.team)
    }

    static func team(_ row: Row) -> MediationTeam {
        MediationTeam(id: row["id"], commune: row["commune"], name: row["name"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func mediators(teamID: String) throws -> [MediatorRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM mediators WHERE team_id = ? ORDER BY created_at, id", arguments: [teamID]).map { row in
            guard let sex = Sex(rawValue: row["sex"]), let ethnicity = EthnicityGroup(rawValue: row["ethnicity"]) else {
                throw StoreError.corrupt(detail: "mediators.sex or ethnicity")
            }
            return MediatorRecord(id: row["id"], teamID: row["team_id"], name: row["name"], sex: sex, ethnicity: ethnicity,
                                  createdAt: Date(timeIntervalSince1970: row["created_at"]))
        }
    }

    // MARK: - Mediations

    func insertMediation(_ m: MediationRecord) throws {
        do { try MediationRow(m).insert(db) } catch { throw SQLiteStore.convert(error) }
    }

    /// Updates in place (an `UPDATE`: a replace would delete the row, and the cascade would take
    /// the mediation's sessions and follow-ups with it).
    func updateMediation(_ m: MediationRecord) throws {
        do {
            try MediationRow(m).update(db)
        } catch is RecordError {
            throw StoreError.corrupt(detail: "mediations: no row to update")
        } catch {
            throw SQLiteStore.convert(error)
        }
    }

    func mediation(id: String) throws -> MediationRecord? {
        try MediationRow.fetchOne(db, sql: "SELECT \(MediationRow.columnList) FROM mediations WHERE id = ?", arguments: [id])?.record()
    }

    func mediations(caseID: CaseID?) throws -> [MediationRecord] {
        if let caseID {
            return try MediationRow.fetchAll(db, sql: "SELECT \(MediationRow.columnList) FROM mediations WHERE case_id = ? ORDER BY opened_at",
                                             arguments: [caseID.rawValue]).map { try $0.record() }
        }
        return try MediationRow.fetchAll(db, sql: "SELECT \(MediationRow.columnList) FROM mediations ORDER BY opened_at").map { try $0.record() }
    }

    // MARK: - Sessions and follow-ups

    func insertSession(_ s: MediationSession) throws {
        try run("""
            INSERT INTO mediation_sessions (id, mediation_id, date, outcome, escalation, note, agreement, recorded_at, recorded_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [s.id, s.mediationID, s.date.description, s.outcome.rawValue, s.escalation.rawValue, s.note, s.agreement,
                  s.recordedAt.timeIntervalSince1970, s.recordedBy])
    }

    func sessions(mediationID: String) throws -> [MediationSession] {
        try Row.fetchAll(db, sql: "SELECT * FROM mediation_sessions WHERE mediation_id = ? ORDER BY date, recorded_at",
                         arguments: [mediationID]).map { row in
            guard let date = LocalDate(iso: row["date"]), let outcome = SessionOutcome(rawValue: row["outcome"]),
                  let escalation = Escalation(rawValue: row["escalation"]) else { throw StoreError.corrupt(detail: "mediation_sessions row") }
            return MediationSession(id: row["id"], mediationID: row["mediation_id"], date: date, outcome: outcome, escalation: escalation,
                                    note: row["note"], agreement: row["agreement"], recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
                                    recordedBy: row["recorded_by"])
        }
    }

    func upsertFollowUp(_ f: MediationFollowUp) throws {
        try run("""
            INSERT OR REPLACE INTO mediation_followups (id, mediation_id, due_date, done_date, recurred, escalation, note)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [f.id, f.mediationID, f.dueDate.description, f.doneDate?.description, f.recurred, f.escalation.rawValue, f.note])
    }

    func followUps(mediationID: String?) throws -> [MediationFollowUp] {
        let rows: [Row]
        if let mediationID {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM mediation_followups WHERE mediation_id = ? ORDER BY due_date", arguments: [mediationID])
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM mediation_followups ORDER BY due_date")
        }
        return try rows.map { row in
            guard let due = LocalDate(iso: row["due_date"]), let escalation = Escalation(rawValue: row["escalation"]) else {
                throw StoreError.corrupt(detail: "mediation_followups row")
            }
            return MediationFollowUp(id: row["id"], mediationID: row["mediation_id"], dueDate: due,
                                     doneDate: (row["done_date"] as String?).flatMap(LocalDate.init(iso:)), recurred: row["recurred"],
                                     escalation: escalation, note: row["note"])
        }
    }

    func insertMediationRefusal(_ r: MediationRefusal) throws {
        try run("INSERT INTO mediation_refusals (id, case_id, commune, former_district, at, reasons) VALUES (?, ?, ?, ?, ?, ?)",
                [r.id, r.caseID.rawValue, r.commune, r.formerDistrict, r.at.timeIntervalSince1970, r.reasons.joined(separator: ",")])
    }

    func mediationRefusals() throws -> [MediationRefusal] {
        try Row.fetchAll(db, sql: "SELECT * FROM mediation_refusals ORDER BY at").compactMap { row in
            guard let caseID = CaseID(parsing: row["case_id"]) else { return nil }
            return MediationRefusal(id: row["id"], caseID: caseID, commune: row["commune"], formerDistrict: row["former_district"],
                                    at: Date(timeIntervalSince1970: row["at"]), reasons: (row["reasons"] as String).split(separator: ",").map(String.init))
        }
    }
}
