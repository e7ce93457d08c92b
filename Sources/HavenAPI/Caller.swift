import Foundation
import HavenCore

/// The acting user, established from a token.
public struct Caller: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let role: Role
    public let agency: String?
    public let communes: [String]
    /// A mediator account's mediator record (H-…), when linked.
    public var mediator: String?
    /// A mediator account's team (T-…): the unit a mediator works in.
    public var team: String?

    public init(id: String, name: String, role: Role, agency: String?, communes: [String]) {
        self.id = id; self.name = name; self.role = role; self.agency = agency; self.communes = communes
    }

    public init(id: String, name: String, role: Role, agency: String?, communes: [String], mediator: String?, team: String?) {
        self.init(id: id, name: name, role: role, agency: agency, communes: communes)
        self.mediator = mediator; self.team = team
    }
}
