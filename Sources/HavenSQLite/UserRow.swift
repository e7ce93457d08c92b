import Foundation
import GRDB
import HavenCore
import HavenStore

/// One row of `users` (a GRDB Codable record, like ``CaseRow``): the token only as its hash,
/// communes comma-joined, an unknown role refused as corruption.
struct UserRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "users"

    var id: String
    var name: String
    var role: String
    var agency: String?
    var communes: String
    var tokenHash: String
    var createdAt: Double
    var revokedAt: Double?
    var mediator: String?
    var team: String?

    enum CodingKeys: String, CodingKey, ColumnExpression, CaseIterable {
        case id, name, role, agency, communes, tokenHash = "token_hash", createdAt = "created_at", revokedAt = "revoked_at"
        case mediator, team
    }

    static let columnList = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")

    init(_ u: UserRecord) {
        id = u.id; name = u.name; role = u.role.rawValue; agency = u.agency; communes = u.communes.joined(separator: ",")
        tokenHash = u.tokenHash; createdAt = u.createdAt.timeIntervalSince1970; revokedAt = u.revokedAt?.timeIntervalSince1970
        mediator = u.mediator; team = u.team
    }

    func record() throws -> UserRecord {
        guard let role = Role(rawValue: role) else { throw StoreError.corrupt(detail: "users.role") }
        var user = UserRecord(id: id, name: name, role: role, agency: agency, communes: communes.split(separator: ",").map(String.init),
                              tokenHash: tokenHash, createdAt: Date(timeIntervalSince1970: createdAt),
                              revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:)))
        user.mediator = mediator
        user.team = team
        return user
    }
}
