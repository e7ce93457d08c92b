import Foundation
import HavenCore

/// A case in a list: coded fields only.
public struct CaseSummary: Sendable, Equatable, Codable {
    public let id: CaseID
    public let commune: String
    /// The commune's name from the regions data (its slug when unknown).
    public let communeName: String
    public let reportDate: LocalDate
    /// `YYYY-MM` of the incident (the exact date is sealed), or nil when unknown.
    public let incidentMonth: String?
    public let gbvType: GBVType
    public let contexts: [CaseContext]
    public let survivorSex: Sex
    public let survivorAgeGroup: AgeGroup
    public let risk: RiskLevel
    public let status: CaseStatus

    public init(id: CaseID, commune: String, communeName: String, reportDate: LocalDate, incidentMonth: String?,
                gbvType: GBVType, contexts: [CaseContext], survivorSex: Sex, survivorAgeGroup: AgeGroup, risk: RiskLevel,
                status: CaseStatus) {
        self.id = id; self.commune = commune; self.communeName = communeName; self.reportDate = reportDate
        self.incidentMonth = incidentMonth; self.gbvType = gbvType; self.contexts = contexts; self.survivorSex = survivorSex
        self.survivorAgeGroup = survivorAgeGroup; self.risk = risk; self.status = status
    }
}

/// One timeline entry as shown; `note` is the decrypted note, if any.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public let at: Date
    public let kind: String
    public let actor: String
    /// The actor's name from the user list (nil for Haven itself or an unknown id).
    public let actorName: String?
    public let detail: String
    public let note: String?

    public init(at: Date, kind: String, actor: String, actorName: String?, detail: String, note: String?) {
        self.at = at; self.kind = kind; self.actor = actor; self.actorName = actorName; self.detail = detail; self.note = note
    }
}

/// One intake draft as its owner sees it in the list (nothing sealed).
public struct DraftSummary: Sendable, Equatable, Codable {
    public let id: String
    public let createdAt: Date
    public let updatedAt: Date
    public let answered: Int
    /// When it is deleted unless saved or resumed before.
    public let expiresAt: Date

    public init(id: String, createdAt: Date, updatedAt: Date, answered: Int, expiresAt: Date) {
        self.id = id; self.createdAt = createdAt; self.updatedAt = updatedAt; self.answered = answered; self.expiresAt = expiresAt
    }
}

/// Finding a case again by what the survivor tells the officer: a name, a phone number, a
/// year of birth.
///
/// Nothing is decrypted to search: each case carries keyed hashes (HavenCrypto's `BlindIndex.searchToken`)
/// of its survivor's folded name, phone digits and birth year, and the search hashes what
/// the officer typed with the same key. A field officer sees only matches in their own
/// communes; the audit entry records which kinds were searched and how many cases matched,
/// never the values typed.
public struct CaseSearch: Sendable, Equatable, Codable {
    public var name: String?
    public var phone: String?
    public var birthYear: String?

    public init(name: String? = nil, phone: String? = nil, birthYear: String? = nil) {
        self.name = name; self.phone = phone; self.birthYear = birthYear
    }

    /// One typed answer read as what it looks like: a year (4 digits), a phone (6 or more
    /// digits), otherwise a name.
    public static func guess(_ typed: String) -> CaseSearch {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.filter(\.isNumber)
        let phoneLike = trimmed.allSatisfy { $0.isNumber || " .-+()".contains($0) }
        if phoneLike, digits.count == 4 { return CaseSearch(birthYear: digits) }
        if phoneLike, digits.count >= 6 { return CaseSearch(phone: trimmed) }
        return CaseSearch(name: trimmed)
    }
}
