import Foundation
import GRDB
import HavenCore
import HavenStore

extension SQLiteTransaction {
    // MARK: - Consent

    func updateCaseConsent(_ id: CaseID, consent: IntakeForm.Consent, at: Date) throws {
        try run("""
            UPDATE cases SET consent_referral = ?, consent_police = ?, consent_mediation = ?, consent_statistics = ?,
            updated_at = ? WHERE id = ?
            """, [consent.referral, consent.police, consent.mediation, consent.statistics, at.timeIntervalSince1970, id.rawValue])
    }

    // MARK: - Referrals

    static let referralColumns = """
        id, case_id, agency, priority, status, mandatory, legal_bases, rules, policy_hash, commune, created_at, sent_at,
        due_by, acknowledged_at, accepted_at, declined_at, decline_reason, closed_at, outcome, actions, packet, signature, origin
        """

    static func arguments(_ r: ReferralRecord) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            r.id, r.caseID, r.agency, r.priority.rawValue, r.status.rawValue, r.mandatory,
            r.legalBases.joined(separator: "\n"), r.rules.joined(separator: ","), r.policyHash, r.commune,
            r.createdAt.timeIntervalSince1970, r.sentAt?.timeIntervalSince1970, r.dueBy?.timeIntervalSince1970,
            r.acknowledgedAt?.timeIntervalSince1970, r.acceptedAt?.timeIntervalSince1970, r.declinedAt?.timeIntervalSince1970,
            r.declineReason?.rawValue, r.closedAt?.timeIntervalSince1970, r.outcome?.rawValue,
            r.actions.map(\.rawValue).joined(separator: ","), r.packet, r.signature, r.origin,
        ]
        return StatementArguments(values)
    }

    func insertReferral(_ referral: ReferralRecord) throws {
        try run("INSERT INTO referrals (\(Self.referralColumns)) VALUES (\(Array(repeating: "?", count: 23).joined(separator: ",")))",
                Self.arguments(referral))
    }

    func updateReferral(_ referral: ReferralRecord) throws {
        try run("INSERT OR REPLACE INTO referrals (\(Self.referralColumns)) VALUES (\(Array(repeating: "?", count: 23).joined(separator: ",")))",
                Self.arguments(referral))
    }

    func referral(id: String) throws -> ReferralRecord? {
        try Row.fetchOne(db, sql: "SELECT \(Self.referralColumns) FROM referrals WHERE id = ?", arguments: [id]).map(Self.referral)
    }

    func referrals(_ filter: ReferralFilter) throws -> [ReferralRecord] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let agency = filter.agency { clauses.append("agency = ?"); arguments += [agency] }
        if let caseID = filter.caseID { clauses.append("case_id = ?"); arguments += [caseID] }
        if let status = filter.status { clauses.append("status = ?"); arguments += [status.rawValue] }
        var sql = "SELECT \(Self.referralColumns) FROM referrals"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY created_at, id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.referral)
    }

    static func referral(_ row: Row) throws -> ReferralRecord {
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        guard let priority = Priority(rawValue: row["priority"]), let status = ReferralStatus(rawValue: row["status"]) else {
            throw StoreError.corrupt(detail: "referrals.priority or status")
        }
        let bases: String = row["legal_bases"]
        let rules: String = row["rules"]
        let actions: String = row["actions"]
        return ReferralRecord(
            id: row["id"], caseID: row["case_id"], agency: row["agency"], priority: priority, status: status,
            mandatory: row["mandatory"], legalBases: bases.isEmpty ? [] : bases.components(separatedBy: "\n"),
            rules: rules.split(separator: ",").map(String.init), policyHash: row["policy_hash"], commune: row["commune"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), sentAt: date("sent_at"), dueBy: date("due_by"),
            acknowledgedAt: date("acknowledged_at"), acceptedAt: date("accepted_at"), declinedAt: date("declined_at"),
            declineReason: (row["decline_reason"] as String?).flatMap(DeclineReason.init(rawValue:)),
            closedAt: date("closed_at"), outcome: (row["outcome"] as String?).flatMap(CaseOutcome.init(rawValue:)),
            actions: actions.split(separator: ",").compactMap { ReferralAction(rawValue: String($0)) },
            packet: row["packet"], signature: row["signature"], origin: row["origin"])
    }

    // MARK: - Agency keys, policies, origins

    func setAgencyKey(_ agency: String, publicKey: Data, at: Date) throws {
        try run("INSERT OR REPLACE INTO agency_keys (agency, public_key, created_at) VALUES (?, ?, ?)",
                [agency, publicKey, at.timeIntervalSince1970])
    }

    func agencyKey(_ agency: String) throws -> Data? {
        try Data.fetchOne(db.cachedStatement(sql: "SELECT public_key FROM agency_keys WHERE agency = ?"), arguments: [agency])
    }

    func agencyKeys() throws -> [(agency: String, publicKey: Data, createdAt: Date)] {
        try Row.fetchAll(db, sql: "SELECT * FROM agency_keys ORDER BY agency").map {
            ($0["agency"], $0["public_key"], Date(timeIntervalSince1970: $0["created_at"]))
        }
    }

    func insertPolicyVersion(_ version: PolicyVersion) throws {
        let files = try JSONEncoder().encode(version.files)
        try run("INSERT OR IGNORE INTO policies (hash, files, activated_at, activated_by) VALUES (?, ?, ?, ?)",
                [version.hash, String(decoding: files, as: UTF8.self), version.activatedAt.timeIntervalSince1970, version.activatedBy])
    }

    func policyVersion(hash: String) throws -> PolicyVersion? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM policies WHERE hash = ?"), arguments: [hash]).map(Self.policy)
    }

    func policyVersions() throws -> [PolicyVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM policies ORDER BY activated_at").map(Self.policy)
    }

    static func policy(_ row: Row) throws -> PolicyVersion {
        let text: String = row["files"]
        guard let files = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
            throw StoreError.corrupt(detail: "policies.files")
        }
        return PolicyVersion(hash: row["hash"], files: files, activatedAt: Date(timeIntervalSince1970: row["activated_at"]),
                             activatedBy: row["activated_by"])
    }

    func originKey(_ storeID: String) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT public_key FROM trusted_origins WHERE store_id = ?", arguments: [storeID])
    }

    func setOriginKey(_ storeID: String, publicKey: Data) throws {
        try run("INSERT OR REPLACE INTO trusted_origins (store_id, public_key) VALUES (?, ?)", [storeID, publicKey])
    }
}
