import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

extension HavenService {
    /// Creates a user and returns its token, shown once and stored only as a hash.
    public func addUser(_ new: NewUser, by actor: Caller) async throws -> (user: UserSummary, token: String) {
        try await require(actor, .userAdd)
        let name = try Self.displayName(new.name)
        var communes: [String] = []
        for text in new.communes {
            do { communes.append(try context.regions.resolve(text).slug) } catch { throw HavenError.from(error) }
        }
        if new.role == .fieldOfficer && communes.isEmpty { throw HavenError.noCommunes }
        if new.role == .caseworker {
            guard let agency = new.agency, !agency.isEmpty else { throw HavenError.agencyRequired }
            guard context.policy.agency(agency) != nil else { throw HavenError.agencyUnknown(id: agency) }
        }
        if new.role == .dataPartner {
            // A data-sharing grant names its partner organisation (kept in `agency`, audited).
            guard let partner = new.agency, !partner.isEmpty, partner.count <= 40,
                  partner.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw HavenError.partnerRequired }
        }
        if new.role == .mediator {
            // A mediator's unit is their team.
            guard let team = new.team, !team.isEmpty else { throw HavenError.teamRequired }
            guard try await query({ try $0.team(id: team) }) != nil else { throw HavenError.teamNotFound(id: team) }
            if let mediator = new.mediator?.uppercased() {
                guard try await query({ try $0.mediators(teamID: team) }).contains(where: { $0.id == mediator }) else {
                    throw HavenError.invalidInput(.invalidValue(path: "mediator", reason: .notTeamMember(members: mediator, team: team)))
                }
            }
        }
        let token = Token.generate()
        let now = context.clock.now()
        var user = UserRecord(id: Identifier.make(prefix: "U", length: 8, random: context.random), name: name,
                              role: new.role, agency: new.role == .mediator ? nil : new.agency, communes: communes,
                              tokenHash: Token.hash(token), createdAt: now)
        user.mediator = new.role == .mediator ? new.mediator?.uppercased() : nil
        user.team = new.role == .mediator ? new.team : nil
        let made = user
        try await work(actor) { w in
            try w.tx.insertUser(made)
            try StoreSignature.signUser(made.id, tx: w.tx, keyring: w.keyring)
            try w.audit(.userAdd, target: made.id, detail: "role=\(made.role.rawValue)" + (made.role == .dataPartner ? " partner=\(made.agency ?? "")" : ""))
        }
        return (UserSummary(made), token)
    }

    /// Every user of the store.
    public func listUsers(by actor: Caller) async throws -> [UserSummary] {
        try await require(actor, .userList)
        return try await query { try $0.users() }.map(UserSummary.init)
    }

    public func fieldOfficerAccounts(by actor: Caller) async throws -> [AccountCount] {
        try await require(actor, .userCounts)
        try await recordAllowed(actor, .userCounts, target: nil)
        var counts: [String: (created: Int, revoked: Int)] = [:]
        for user in try await query({ try $0.users() }) where user.role == .fieldOfficer {
            let month = String(context.regions.localDate(user.createdAt).description.prefix(7))
            for commune in user.communes {
                let key = "\(commune)|\(month)"
                var entry = counts[key] ?? (0, 0)
                entry.created += 1
                if user.revokedAt != nil { entry.revoked += 1 }
                counts[key] = entry
            }
        }
        return counts.map { key, value in
            let parts = key.split(separator: "|").map(String.init)
            return AccountCount(commune: parts[0], month: parts[1], created: value.created, revoked: value.revoked)
        }.sorted { ($0.month, $0.commune) < ($1.month, $1.commune) }
    }

    /// Revokes a user; their token stops working at once in this process, and in another
    /// process (a second server) once its reuse window (``ServiceContext/reuseWindow``) has passed.
    public func revokeUser(id given: String, by actor: Caller) async throws {
        let id = given.uppercased()
        try await require(actor, .userRevoke, target: id)
        // Before and after: no sign-in read while the revocation commits is remembered.
        context.live.forgetSignIns()
        defer { context.live.forgetSignIns() }
        try await work(actor) { w in
            guard let user = try w.tx.user(id: id) else { throw HavenError.userNotFound(id: id) }
            // Decided inside the writing transaction: two administrators revoking each other
            // at once cannot both succeed and leave nobody.
            if user.role == .admin && user.revokedAt == nil {
                let others = try w.tx.users().filter { $0.role == .admin && $0.revokedAt == nil && $0.id != user.id }
                guard !others.isEmpty else { throw HavenError.lastAdministrator }
            }
            try w.tx.revokeUser(id: id, at: w.now)
            try StoreSignature.signUser(id, tx: w.tx, keyring: w.keyring)
            try w.audit(.userRevoke, target: id)
        }
    }
}

extension HavenService {
    /// A person's or team's display name (`--name`): trimmed, NFC, 1 to 200 characters and at
    /// most 800 bytes (so a letter with a million combining marks is no "one character"), with
    /// no control, format (bidirectional override, zero-width) or NUL characters.
    static func displayName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty, name.count <= 200, name.utf8.count <= 800,
              !name.unicodeScalars.contains(where: TerminalText.isUnsafe) else {
            throw HavenError.invalidInput(.invalidValue(path: "name", reason: .nameLength))
        }
        return name
    }
}
