/// The dimensions a statistics table may be split by: coded fields only. Free text and
/// sealed fields never feed statistics.
public enum StatDimension: String, CaseIterable, Sendable, Codable {
    case gbvType, context, survivorSex, survivorAgeGroup, ethnicityGroup, disability, perpetratorRelationship
    case perpetratorSex, source, commune, formerDistrict, month, quarter, year, reportingDelay, risk
    case agency, referralStatus, mediationOutcome
    /// Repeat victimisation: the survivor (recognised by the blind index of their identity)
    /// had another case reported in the 365 days before this one.
    case repeatVictimisation
    /// Coarser categories for sparse tables (``CoarseCategories``): age groups into children
    /// and adults, types of violence into sexual, physical and other.
    case ageBand, typeGroup

    /// Dimensions only some measures have.
    public var measures: Set<StatMeasure> {
        switch self {
        case .agency, .referralStatus: [.referrals]
        case .mediationOutcome: [.mediations]
        case .repeatVictimisation, .context: [.cases, .referrals, .mediations]
        default: Set(StatMeasure.allCases)
        }
    }

    /// A case may fall under several contexts, so the context dimension does not add up:
    /// its margins are not sums and are not shown.
    public var isMultiValued: Bool { self == .context }

    /// The catalogue namespace of this dimension's values, for labels.
    public var labelNamespace: String? {
        switch self {
        case .gbvType: GBVType.codeNamespace
        case .context: CaseContext.codeNamespace
        case .survivorSex, .perpetratorSex: Sex.codeNamespace
        case .survivorAgeGroup: AgeGroup.codeNamespace
        case .ethnicityGroup: EthnicityGroup.codeNamespace
        case .perpetratorRelationship: Relationship.codeNamespace
        case .source: ReportingSource.codeNamespace
        case .reportingDelay: ReportingDelay.codeNamespace
        case .risk: RiskLevel.codeNamespace
        case .referralStatus: "referralStatus"
        case .mediationOutcome: "mediationStatus"
        case .ageBand: "ageBand"
        case .typeGroup: "typeGroup"
        default: nil
        }
    }
}

/// The coarser categories `disclosure.yaml` may coarsen to: each fine value lies in one coarse
/// value, so a coarse cell is the sum of its fine cells.
public enum CoarseCategories {
    /// Age group → children (0–17) or adults (18 and over); unknown stays unknown.
    public static let ageBand: [String: String] = [
        AgeGroup.age0to11.rawValue: "0-17", AgeGroup.age12to17.rawValue: "0-17", AgeGroup.age18to25.rawValue: "18+",
        AgeGroup.age26to40.rawValue: "18+", AgeGroup.age41to60.rawValue: "18+", AgeGroup.age61plus.rawValue: "18+",
        AgeGroup.unknown.rawValue: "unknown",
    ]
    public static let ageBands = ["0-17", "18+", "unknown"]
    /// Type of violence → sexual (rape, sexual assault), physical, other (psychological abuse,
    /// denial of resources, forced marriage), or not gender-based.
    public static let typeGroup: [String: String] = [
        GBVType.rape.rawValue: "sexual", GBVType.sexualAssault.rawValue: "sexual", GBVType.physicalAssault.rawValue: "physical",
        GBVType.psychologicalAbuse.rawValue: "other", GBVType.denialOfResources.rawValue: "other", GBVType.forcedMarriage.rawValue: "other",
        GBVType.nonGBV.rawValue: "non_gbv",
    ]
    public static let typeGroups = ["sexual", "physical", "other", "non_gbv"]

    /// The fine dimension a coarse one groups, with the mapping.
    public static func grouping(of coarse: StatDimension) -> (fine: StatDimension, map: [String: String])? {
        switch coarse {
        case .ageBand: (.survivorAgeGroup, ageBand)
        case .typeGroup: (.gbvType, typeGroup)
        default: nil
        }
    }
}

/// What a table counts.
public enum StatMeasure: String, CaseIterable, Sendable, Codable {
    case cases, referrals, mediations
    /// Distinct survivors with a case in the period, recognised by the blind index of their
    /// identity (a case without one is its own survivor), each counted once with the values
    /// of their first case in the period.
    case survivors
}

/// A reporting period: a year, a quarter or a month.
public struct StatPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The years statistics, reports and exports may be asked for.
    public static let years = 2000...2100
    public enum Kind: String, Sendable, Codable { case year, quarter, month }
    public let kind: Kind
    public let year: Int
    /// 1–4 for a quarter, 1–12 for a month.
    public let index: Int

    public init(year: Int) { kind = .year; self.year = year; index = 0 }

    private enum CodingKeys: String, CodingKey { case kind, year, index }

    /// Decoded values are checked as parsed ones are: a year of ``years``, a quarter 1–4, a
    /// month 1–12 (a period from the wire is never trusted).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let year = try container.decode(Int.self, forKey: .year)
        let index = try container.decodeIfPresent(Int.self, forKey: .index) ?? 0
        let valid: Bool = switch kind {
        case .year: index == 0
        case .quarter: (1...4).contains(index)
        case .month: (1...12).contains(index)
        }
        guard Self.years.contains(year), valid else {
            throw DecodingError.dataCorruptedError(forKey: .index, in: container, debugDescription: "not a period")
        }
        self.kind = kind; self.year = year; self.index = index
    }

    /// Parses `2026`, `2026-Q3` or `2026-11`.
    public init?(parsing text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let y = Int(first), Self.years.contains(y) else { return nil }
        year = y
        switch parts.count {
        case 1: kind = .year; index = 0
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            kind = .quarter; index = q
        case 2:
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            kind = .month; index = m
        default: return nil
        }
    }

    /// The months of the period, as `YYYY-MM`.
    public var months: [String] {
        let range: ClosedRange<Int> = switch kind {
        case .year: 1...12
        case .quarter: (index * 3 - 2)...(index * 3)
        case .month: index...index
        }
        return range.map { String(format: "%04d-%02d", year, $0) }
    }

    /// The whole year the period lies in.
    public var wholeYear: StatPeriod { StatPeriod(year: year) }
    public var previousYear: StatPeriod { StatPeriod(year: year - 1) }

    public var description: String {
        switch kind {
        case .year: String(year)
        case .quarter: "\(year)-Q\(index)"
        case .month: String(format: "%04d-%02d", year, index)
        }
    }

    /// The quarter (`Q1`…`Q4`) of a `YYYY-MM` month.
    public static func quarter(ofMonth month: String) -> String {
        let m = Int(month.suffix(2)) ?? 1
        return "Q\((m + 2) / 3)"
    }
}

/// One group of units (cases, referrals or mediations) sharing the same dimension values.
public struct StatRow: Sendable, Equatable {
    /// Values aligned with the table's dimensions.
    public let values: [String]
    public let count: Int
    /// False for units whose survivor did not consent to statistics.
    public let consented: Bool
    /// The sum of the units' record keys (cell-key perturbation), modulo the key space.
    public let key: Int
    public init(values: [String], count: Int, consented: Bool, key: Int = 0) {
        self.values = values; self.count = count; self.consented = consented
        self.key = key % PerturbationTable.keySpace
    }
}

/// Values keyed by dimension encode as a JSON object (`{"commune": …}`).
extension StatDimension: CodingKeyRepresentable {}

/// Grouped units, with the referral measures kept per group.
public struct StatGroups: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public let row: StatRow
        /// Hours from sending to acknowledgement of each acknowledged referral in the group.
        public let hoursToAcknowledge: [Double]
        /// Referrals in the group that are overdue now.
        public let overdue: Int
        /// The sum of the overdue referrals' record keys.
        public let overdueKey: Int
        public init(row: StatRow, hoursToAcknowledge: [Double] = [], overdue: Int = 0, overdueKey: Int = 0) {
            self.row = row; self.hoursToAcknowledge = hoursToAcknowledge; self.overdue = overdue; self.overdueKey = overdueKey
        }
    }
    public let groups: [Group]
    /// Distinct units (a case under several contexts counts once), consented or not.
    public let distinctUnits: Int
    public init(groups: [Group], distinctUnits: Int) { self.groups = groups; self.distinctUnits = distinctUnits }
}
