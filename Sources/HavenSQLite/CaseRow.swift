import Foundation
import GRDB
import HavenCore
import HavenStore

/// One row of `cases`, column by column: a GRDB Codable record, so the columns are named once
/// (``CodingKeys``) and inserts, updates and reads use the same names (issue #11, item 10).
/// Times are stored as seconds since 1970 (REAL), lists of codes as comma-joined text, booleans
/// as 0/1; a code the build does not know is refused as corruption, never dropped.
struct CaseRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cases"

    var id: String
    var commune: String
    var formerDistrict: String
    var source: String
    var reportedAt: Double
    var reportDate: String
    var incidentMonth: String?
    var reportingDelay: String
    var survivorSex: String
    var survivorAge: Int?
    var survivorAgeGroup: String
    var ethnicity: String
    var disability: Bool
    var pregnant: Bool
    var childUnder36Months: Bool
    var olderPerson: Bool
    var perpetratorSex: String
    var perpetratorAgeGroup: String
    var relationship: String
    var acts: String
    var gbvType: String
    var contexts: String
    var injury: String
    var childrenPresent: Bool
    var risk: String
    var consentReferral: Bool
    var consentPolice: Bool
    var consentMediation: Bool
    var consentStatistics: Bool
    var wishLegalAid: Bool
    var wishShelter: Bool
    var wishMedical: Bool
    var status: String
    var outcome: String?
    var createdBy: String
    var createdAt: Double
    var updatedAt: Double
    var keyVersion: Int
    var wrappedKey: Data
    var blindIndex: String?
    var escalation: String
    var mediationBlocked: String?
    var cannotDefend: Bool
    var separated: Bool?
    var financialHardship: Bool?
    var wishProsecution: Bool?
    var pairIndex: String?
    var seal: Data?
    var recordKey: Int

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, commune, formerDistrict = "former_district", source, reportedAt = "reported_at", reportDate = "report_date"
        case incidentMonth = "incident_month", reportingDelay = "reporting_delay", survivorSex = "survivor_sex"
        case survivorAge = "survivor_age", survivorAgeGroup = "survivor_age_group", ethnicity, disability, pregnant
        case childUnder36Months = "child_under_36m", olderPerson = "older_person", perpetratorSex = "perpetrator_sex"
        case perpetratorAgeGroup = "perpetrator_age_group", relationship, acts, gbvType = "gbv_type", contexts, injury
        case childrenPresent = "children_present", risk, consentReferral = "consent_referral", consentPolice = "consent_police"
        case consentMediation = "consent_mediation", consentStatistics = "consent_statistics", wishLegalAid = "wish_legal_aid"
        case wishShelter = "wish_shelter", wishMedical = "wish_medical", status, outcome, createdBy = "created_by"
        case createdAt = "created_at", updatedAt = "updated_at", keyVersion = "key_version", wrappedKey = "wrapped_key"
        case blindIndex = "blind_index", escalation, mediationBlocked = "mediation_blocked", cannotDefend = "cannot_defend"
        case separated, financialHardship = "financial_hardship", wishProsecution = "wish_prosecution", pairIndex = "pair_index"
        case seal, recordKey = "record_key"
    }

    /// Every column, for a `SELECT` that leaves the sealed fields (another table) out.
    static let columnList = CodingKeys.allColumns.map(\.rawValue).joined(separator: ", ")

    init(_ record: CaseRecord) {
        let f = record.facts
        id = record.id.rawValue; commune = f.commune; formerDistrict = f.formerDistrict; source = f.source.rawValue
        reportedAt = f.reportedAt.timeIntervalSince1970; reportDate = f.reportDate.description; incidentMonth = f.incidentMonth
        reportingDelay = f.reportingDelay.rawValue; survivorSex = f.survivorSex.rawValue; survivorAge = f.survivorAge
        survivorAgeGroup = f.survivorAgeGroup.rawValue; ethnicity = f.ethnicity.rawValue; disability = f.disability
        pregnant = f.pregnant; childUnder36Months = f.childUnder36Months; olderPerson = f.olderPerson
        perpetratorSex = f.perpetratorSex.rawValue; perpetratorAgeGroup = f.perpetratorAgeGroup.rawValue
        relationship = f.relationship.rawValue; acts = f.acts.map(\.rawValue).joined(separator: ","); gbvType = f.gbvType.rawValue
        contexts = f.contexts.map(\.rawValue).joined(separator: ","); injury = f.injury.rawValue; childrenPresent = f.childrenPresent
        risk = f.risk.rawValue; consentReferral = f.consent.referral; consentPolice = f.consent.police
        consentMediation = f.consent.mediation; consentStatistics = f.consent.statistics; wishLegalAid = f.wishes.legalAid
        wishShelter = f.wishes.shelter; wishMedical = f.wishes.medical; status = record.status.rawValue
        outcome = record.outcome?.rawValue; createdBy = record.createdBy; createdAt = record.createdAt.timeIntervalSince1970
        updatedAt = record.updatedAt.timeIntervalSince1970; keyVersion = record.keyVersion; wrappedKey = record.wrappedDataKey
        blindIndex = record.blindIndex; escalation = record.escalation.rawValue; mediationBlocked = record.mediationBlocked
        cannotDefend = f.cannotDefend; separated = f.separated; financialHardship = f.financialHardship
        wishProsecution = f.wishes.prosecution; pairIndex = record.pairIndex; seal = record.seal; recordKey = record.recordKey
    }

    /// The stored case (without its sealed fields); a code this build does not know is corruption.
    func record() throws -> CaseRecord {
        func coded<V: CodedValue>(_ key: CodingKeys, _ text: String, _ type: V.Type) throws -> V {
            guard let value = V(rawValue: text) else { throw StoreError.corrupt(detail: "cases.\(key.rawValue)") }
            return value
        }
        func list<V: CodedValue>(_ key: CodingKeys, _ text: String, _ type: V.Type) throws -> [V] {
            try text.split(separator: ",").map { try coded(key, String($0), V.self) }
        }
        guard let caseID = CaseID(parsing: id), let day = LocalDate(iso: reportDate) else {
            throw StoreError.corrupt(detail: "cases.id or report_date")
        }
        var facts = CaseFacts(
            commune: commune, formerDistrict: formerDistrict, source: try coded(.source, source, ReportingSource.self),
            reportedAt: Date(timeIntervalSince1970: reportedAt), reportDate: day, incidentMonth: incidentMonth,
            reportingDelay: try coded(.reportingDelay, reportingDelay, ReportingDelay.self),
            survivorSex: try coded(.survivorSex, survivorSex, Sex.self), survivorAge: survivorAge,
            survivorAgeGroup: try coded(.survivorAgeGroup, survivorAgeGroup, AgeGroup.self),
            ethnicity: try coded(.ethnicity, ethnicity, EthnicityGroup.self), disability: disability, pregnant: pregnant,
            childUnder36Months: childUnder36Months, olderPerson: olderPerson,
            perpetratorSex: try coded(.perpetratorSex, perpetratorSex, Sex.self),
            perpetratorAgeGroup: try coded(.perpetratorAgeGroup, perpetratorAgeGroup, AgeGroup.self),
            relationship: try coded(.relationship, relationship, Relationship.self), acts: try list(.acts, acts, Act.self),
            gbvType: try coded(.gbvType, gbvType, GBVType.self), contexts: try list(.contexts, contexts, CaseContext.self),
            injury: try coded(.injury, injury, Injury.self), childrenPresent: childrenPresent,
            risk: try coded(.risk, risk, RiskLevel.self),
            consent: .init(referral: consentReferral, police: consentPolice, mediation: consentMediation, statistics: consentStatistics),
            wishes: .init(legalAid: wishLegalAid, shelter: wishShelter, medical: wishMedical, prosecution: wishProsecution))
        facts.cannotDefend = cannotDefend
        facts.separated = separated
        facts.financialHardship = financialHardship
        var record = CaseRecord(
            id: caseID, facts: facts, status: try coded(.status, status, CaseStatus.self),
            outcome: try outcome.map { try coded(.outcome, $0, CaseOutcome.self) }, createdBy: createdBy,
            createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt),
            keyVersion: keyVersion, wrappedDataKey: wrappedKey, blindIndex: blindIndex, sealed: [:])
        record.escalation = try coded(.escalation, escalation, Escalation.self)
        record.mediationBlocked = mediationBlocked
        record.pairIndex = pairIndex
        record.seal = seal
        // Masked like the statistics queries, so a key edited outside Haven cannot crash a read.
        record.recordKey = recordKey & 0xFFFF
        return record
    }
}

extension CaseRow.CodingKeys: CaseIterable {
    static var allColumns: [CaseRow.CodingKeys] { allCases }
}
