import Foundation
import GRDB
import HavenCore
import HavenStore

/// One row of `mediations` (a GRDB Codable record, like ``CaseRow``): columns named once;
/// mediators comma-joined; days as `YYYY-MM-DD`; an unknown status or end is corruption.
struct MediationRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mediations"

    var id: String
    var caseID: String
    var teamID: String
    var commune: String
    var mediators: String
    var conflicted: String
    var status: String
    var openedAt: Double
    var openedBy: String
    var startDue: String
    var firstSession: String?
    var agreementDate: String?
    var endedAt: Double?
    var endReason: String?

    enum CodingKeys: String, CodingKey, ColumnExpression, CaseIterable {
        case id, caseID = "case_id", teamID = "team_id", commune, mediators, conflicted, status, openedAt = "opened_at"
        case openedBy = "opened_by", startDue = "start_due", firstSession = "first_session", agreementDate = "agreement_date"
        case endedAt = "ended_at", endReason = "end_reason"
    }

    static let columnList = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

    init(_ m: MediationRecord) {
        id = m.id; caseID = m.caseID.rawValue; teamID = m.teamID; commune = m.commune
        mediators = m.mediators.joined(separator: ","); conflicted = m.conflicted.joined(separator: ",")
        status = m.status.rawValue; openedAt = m.openedAt.timeIntervalSince1970; openedBy = m.openedBy
        startDue = m.startDue.description; firstSession = m.firstSession?.description; agreementDate = m.agreementDate?.description
        endedAt = m.endedAt?.timeIntervalSince1970; endReason = m.end?.rawValue
    }

    func record() throws -> MediationRecord {
        func day(_ key: CodingKeys, _ text: String) throws -> LocalDate {
            guard let date = LocalDate(iso: text) else { throw StoreError.corrupt(detail: "mediations.\(key.rawValue)") }
            return date
        }
        guard let id = CaseID(parsing: caseID) else { throw StoreError.corrupt(detail: "mediations.case_id") }
        guard let status = MediationStatus(rawValue: status) else { throw StoreError.corrupt(detail: "mediations.status") }
        return MediationRecord(
            id: self.id, caseID: id, teamID: teamID, commune: commune, mediators: mediators.split(separator: ",").map(String.init),
            conflicted: conflicted.split(separator: ",").map(String.init), status: status,
            openedAt: Date(timeIntervalSince1970: openedAt), openedBy: openedBy, startDue: try day(.startDue, startDue),
            firstSession: try firstSession.map { try day(.firstSession, $0) },
            agreementDate: try agreementDate.map { try day(.agreementDate, $0) },
            endedAt: endedAt.map(Date.init(timeIntervalSince1970:)),
            end: try endReason.map { text in
                guard let end = MediationEnd(rawValue: text) else { throw StoreError.corrupt(detail: "mediations.end_reason") }
                return end
            })
    }
}
