import Foundation
import HavenCore

/// A user as shown to administrators (never the token or its hash).
public struct UserSummary: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let role: Role
    public let agency: String?
    public let communes: [String]
    public let createdAt: Date
    public let revoked: Bool
    /// A mediator's team (T-…).
    public let team: String?

    public init(id: String, name: String, role: Role, agency: String?, communes: [String], createdAt: Date, revoked: Bool,
                team: String? = nil) {
        self.id = id; self.name = name; self.role = role; self.agency = agency; self.communes = communes
        self.createdAt = createdAt; self.revoked = revoked; self.team = team
    }
}

/// A user to create.
public struct NewUser: Sendable, Equatable, Codable {
    public var name: String
    public var role: Role
    public var agency: String?
    public var communes: [String]
    /// For a mediator: their mediator record (H-…) in the team.
    public var mediator: String?
    /// For a mediator: their team (T-…).
    public var team: String?

    public init(name: String, role: Role, agency: String? = nil, communes: [String] = [], mediator: String? = nil,
                team: String? = nil) {
        self.name = name; self.role = role; self.agency = agency; self.communes = communes; self.mediator = mediator
        self.team = team
    }
}

/// Field-officer accounts created per commune and month (and how many of them are
/// revoked), for supervisors: an administrator who creates an officer account can read
/// that commune's cases, so new accounts are visible outside the administrator's hands.
public struct AccountCount: Sendable, Equatable, Codable {
    public let commune: String
    public let month: String
    public let created: Int
    public let revoked: Int

    public init(commune: String, month: String, created: Int, revoked: Int) {
        self.commune = commune; self.month = month; self.created = created; self.revoked = revoked
    }
}
