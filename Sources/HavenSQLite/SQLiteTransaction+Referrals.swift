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

    func insertReferral(_ referral: ReferralRecord) throws {
        do { try ReferralRow(referral).insert(db) } catch { throw SQLiteStore.convert(error) }
    }

    /// Replaces a referral's row (inserts it when it is not there yet).
    func updateReferral(_ referral: ReferralRecord) throws {
        do { try ReferralRow(referral).save(db) } catch { throw SQLiteStore.convert(error) }
    }

    func referral(id: String) throws -> ReferralRecord? {
        try ReferralRow.fetchOne(db, sql: "SELECT \(ReferralRow.columnList) FROM referrals WHERE id = ?", arguments: [id])?.record()
    }

    func referrals(_ filter: ReferralFilter) throws -> [ReferralRecord] {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let agency = filter.agency { clauses.append("agency = ?"); arguments += [agency] }
        if let caseID = filter.caseID { clauses.append("case_id = ?"); arguments += [caseID] }
        if let status = filter.status { clauses.append("status = ?"); arguments += [status.rawValue] }
        if let overdueAt = filter.overdueAt {
            clauses.append("status = 'pending' AND due_by IS NOT NULL AND due_by < ?"); arguments += [overdueAt.timeIntervalSince1970]
        }
        let columns = filter.packets ? ReferralRow.columnList : ReferralRow.listingColumns
        var sql = "SELECT \(columns) FROM referrals"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY created_at, id"
        // A few shapes of this query exist (which filters are set): each is prepared once per connection.
        return try ReferralRow.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { try $0.record() }
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
