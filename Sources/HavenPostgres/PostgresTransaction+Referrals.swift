import Foundation
import HavenCore
import HavenStore
import PostgresNIO

extension PostgresTransaction {
    // MARK: - Consent

    func updateCaseConsent(_ id: CaseID, consent: IntakeForm.Consent, at: Date) throws {
        try session.execute("""
            UPDATE cases SET consent_referral = \(consent.referral.stored), consent_police = \(consent.police.stored),
            consent_mediation = \(consent.mediation.stored), consent_statistics = \(consent.statistics.stored),
            updated_at = \(at.timeIntervalSince1970) WHERE id = \(id.rawValue)
            """)
    }

    // MARK: - Referrals

    func insertReferral(_ referral: ReferralRecord) throws {
        try session.execute(try ReferralRow.columns(referral).insert(into: "referrals"))
    }

    /// Replaces a referral's row (inserts it when it is not there yet), as GRDB's `save`.
    func updateReferral(_ referral: ReferralRecord) throws {
        try session.execute(try ReferralRow.columns(referral).upsert(into: "referrals", key: ["id"]))
    }

    func referral(id: String) throws -> ReferralRecord? {
        try session.row(PostgresQuery(unsafeSQL: "SELECT \(ReferralRow.columnList) FROM referrals WHERE id = $1", binds: binds(id)),
                        table: "referrals").map(ReferralRow.record)
    }

    func referrals(_ filter: ReferralFilter) throws -> [ReferralRecord] {
        var statement = Statement("SELECT \(filter.packets ? ReferralRow.columnList : ReferralRow.listingColumns) FROM referrals")
        var clauses: [String] = []
        if let agency = filter.agency { clauses.append("agency = \(try statement.bind(agency))") }
        if let caseID = filter.caseID { clauses.append("case_id = \(try statement.bind(caseID))") }
        if let status = filter.status { clauses.append("status = \(try statement.bind(status.rawValue))") }
        if let overdueAt = filter.overdueAt {
            clauses.append("status = 'pending' AND due_by IS NOT NULL AND due_by < \(try statement.bind(overdueAt.timeIntervalSince1970))")
        }
        if !clauses.isEmpty { statement.append(" WHERE " + clauses.joined(separator: " AND ")) }
        statement.append(" ORDER BY created_at, id")
        return try session.rows(statement.query, table: "referrals").map(ReferralRow.record)
    }

    // MARK: - Agency keys, policies, origins

    func setAgencyKey(_ agency: String, publicKey: Data, at: Date) throws {
        try session.execute("""
            INSERT INTO agency_keys (agency, public_key, created_at) VALUES (\(agency), \(publicKey), \(at.timeIntervalSince1970))
            ON CONFLICT (agency) DO UPDATE SET public_key = EXCLUDED.public_key, created_at = EXCLUDED.created_at
            """)
    }

    func agencyKey(_ agency: String) throws -> Data? {
        try session.row("SELECT public_key FROM agency_keys WHERE agency = \(agency)", table: "agency_keys").map { try $0("public_key") }
    }

    func agencyKeys() throws -> [(agency: String, publicKey: Data, createdAt: Date)] {
        try session.rows("SELECT * FROM agency_keys ORDER BY agency", table: "agency_keys").map { row in
            (try row("agency"), try row("public_key"), try row.date("created_at"))
        }
    }

    /// Stored once per hash; the files as the same JSON text the embedded engine keeps.
    func insertPolicyVersion(_ version: PolicyVersion) throws {
        let files = String(decoding: try JSONEncoder().encode(version.files), as: UTF8.self)
        try session.execute("""
            INSERT INTO policies (hash, files, activated_at, activated_by)
            VALUES (\(version.hash), \(files), \(version.activatedAt.timeIntervalSince1970), \(version.activatedBy))
            ON CONFLICT (hash) DO NOTHING
            """)
    }

    func policyVersion(hash: String) throws -> PolicyVersion? {
        try session.row("SELECT * FROM policies WHERE hash = \(hash)", table: "policies").map(Self.policy)
    }

    func policyVersions() throws -> [PolicyVersion] {
        try session.rows("SELECT * FROM policies ORDER BY activated_at, hash", table: "policies").map(Self.policy)
    }

    static func policy(_ row: Cells) throws -> PolicyVersion {
        let text = try row("files", as: String.self)
        guard let files = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
            throw StoreError.corrupt(detail: "policies.files")
        }
        return PolicyVersion(hash: try row("hash"), files: files, activatedAt: try row.date("activated_at"), activatedBy: try row("activated_by"))
    }

    func originKey(_ storeID: String) throws -> Data? {
        try session.row("SELECT public_key FROM trusted_origins WHERE store_id = \(storeID)", table: "trusted_origins")
            .map { try $0("public_key") }
    }

    func setOriginKey(_ storeID: String, publicKey: Data) throws {
        try session.execute("""
            INSERT INTO trusted_origins (store_id, public_key) VALUES (\(storeID), \(publicKey))
            ON CONFLICT (store_id) DO UPDATE SET public_key = EXCLUDED.public_key
            """)
    }

    /// One text parameter.
    func binds(_ value: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(value)
        return binds
    }
}
