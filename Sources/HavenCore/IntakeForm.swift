import Foundation

/// One case as an officer reports it: the intake JSON contract of issue #2, validated.
///
/// Sealed values (names, dates of birth, phone, address, narrative, risk answers) are held
/// here in clear only between parsing and encryption; errors never repeat them.
public struct IntakeForm: Sendable, Equatable {
    public struct Survivor: Sendable, Equatable {
        public var name: String?
        public var sex: Sex
        public var birthDate: LocalDate?
        public var birthYear: Int?
        public var phone: String?
        public var address: String?
        public var idNumber: String?
        public var ethnicity: EthnicityGroup = .unknown
        public var disability = false
        public var pregnant = false
        public var childUnder36Months = false
        /// Cannot defend themself (ill, frail, dependent).
        public var cannotDefend = false
        /// Financial hardship (Law on Legal Aid 2017 Art. 7); nil when not asked.
        public var financialHardship: Bool?
        public init(name: String?, sex: Sex) { self.name = name; self.sex = sex }

        /// The birth year, from the birth date when only that is given.
        public var knownBirthYear: Int? { birthYear ?? birthDate?.year }
    }
    public struct Perpetrator: Sendable, Equatable {
        public var name: String?
        public var sex: Sex = .unknown
        public var birthYear: Int?
        public var relationship: Relationship = .unknown
        /// The couple has separated or is separating; nil when not asked.
        public var separated: Bool?
        public init() {}
    }
    public struct Incident: Sendable, Equatable {
        public var date: LocalDate?
        public var acts: [Act]
        public var injury: Injury = .unknown
        public var childrenPresent = false
        public var narrative: String?
        public init(acts: [Act]) { self.acts = acts }
    }
    public struct Consent: Sendable, Equatable, Codable {
        public var referral = false, police = false, mediation = false, statistics = false
        public init(referral: Bool = false, police: Bool = false, mediation: Bool = false, statistics: Bool = false) {
            self.referral = referral; self.police = police; self.mediation = mediation; self.statistics = statistics
        }
    }
    public struct Wishes: Sendable, Equatable, Codable {
        public var legalAid = false, shelter = false, medical = false
        /// Whether the survivor asks for prosecution (Criminal Procedure Code 2015 Art. 155);
        /// nil when not asked. A mandatory report stands either way; the police packet shows it.
        public var prosecution: Bool?
        public init(legalAid: Bool = false, shelter: Bool = false, medical: Bool = false, prosecution: Bool? = nil) {
            self.legalAid = legalAid; self.shelter = shelter; self.medical = medical; self.prosecution = prosecution
        }
    }
    /// How the survivor may safely be contacted.
    public struct SafeContact: Sendable, Equatable {
        public var channel: ContactChannel?
        /// When contact is safe, in the officer's words (e.g. "weekday mornings").
        public var times: String?
        /// A safe person to contact through (name and phone, in the officer's words).
        public var person: String?
        public init(channel: ContactChannel? = nil, times: String? = nil, person: String? = nil) {
            self.channel = channel; self.times = times; self.person = person
        }
    }
    /// A non-offending carer of a child survivor.
    public struct Carer: Sendable, Equatable {
        public var name: String?
        public var phone: String?
        public var relationship: String?
        /// Whether the carer (a parent or guardian, not the perpetrator) agreed to the
        /// referrals; nil when not asked or not known.
        public var consented: Bool?
        public init(name: String? = nil, phone: String? = nil, relationship: String? = nil, consented: Bool? = nil) {
            self.name = name; self.phone = phone; self.relationship = relationship; self.consented = consented
        }
    }
    /// Who reported the case, when it was not the survivor (a neighbour, a teacher…). Sealed,
    /// and never in a referral packet: a reporter of violence is protected too.
    public struct Reporter: Sendable, Equatable {
        public var name: String?
        public var phone: String?
        public var relationship: String?
        public init(name: String? = nil, phone: String? = nil, relationship: String? = nil) {
            self.name = name; self.phone = phone; self.relationship = relationship
        }
    }

    /// When the report was made; nil means "now" at intake.
    public var reportedAt: Date?
    /// The UTC offset the report time was written in; the province's (`RegionCatalog.utcOffsetSeconds`)
    /// when the form gives none (the service sets it from the policy).
    public var reportedOffsetSeconds = RegionCatalog.vietnamUTCOffsetSeconds
    public var source: ReportingSource
    public var commune: String
    public var survivor: Survivor
    public var perpetrator = Perpetrator()
    public var incident: Incident
    /// LAP answers (11), or nil when no screening was done.
    public var riskAnswers: [Bool?]?
    /// The screen `riskAnswers` are from.
    public var riskScreen: RiskScreen.Kind = .lap
    public var consent = Consent()
    public var wishes = Wishes()
    public var safeContact = SafeContact()
    public var carer = Carer()
    public var reporter = Reporter()
    /// The sender's own key for this line of an import (e.g. its record number), so a file
    /// imported twice, or an import run again after it was killed, makes each case once.
    public var importKey: String?

    public init(source: ReportingSource, commune: String, survivor: Survivor, incident: Incident) {
        self.source = source; self.commune = commune; self.survivor = survivor; self.incident = incident
    }
}

// MARK: - Reading JSON

extension IntakeForm {
    static let limits = (name: 200, phone: 24, address: 500, idNumber: 32, narrative: 20_000)

    /// Parses and validates intake JSON. Commune slugs are checked against `regions`.
    public init(json text: some Collection<UInt8>, regions: RegionCatalog) throws(CoreError) {
        let value = try JSONValue(parsing: text)
        try self.init(json: value, regions: regions)
    }

    /// Validates a parsed intake document.
    public init(json value: JSONValue, regions: RegionCatalog) throws(CoreError) {
        let root = try JSONObject(value, path: "")
        try root.only(["reportedAt", "source", "commune", "survivor", "perpetrator", "incident", "risk", "consent", "wishes",
                       "safeContact", "carer", "reporter", "importKey"])

        var reportedAt: Date?
        var offset = regions.utcOffsetSeconds
        if let text = try root.string("reportedAt") {
            guard let parsed = Timestamp.parse(text) else {
                throw .invalidValue(path: "reportedAt", reason: .notATime)
            }
            reportedAt = parsed.instant
            offset = parsed.offsetSeconds
        }
        let source = try root.coded("source", ReportingSource.self, required: true)!
        guard let communeText = try root.string("commune", required: true) else { throw .missingField(path: "commune") }
        let commune: Commune
        do { commune = try regions.resolve(communeText) } catch {
            if case let .unknownCommune(value, suggestions) = error {
                throw .unknownValue(path: "commune", value: value, kind: "commune", suggestions: suggestions)
            }
            throw error
        }

        // Survivor
        let s = try root.object("survivor", required: true)!
        try s.only(["name", "sex", "birthDate", "birthYear", "phone", "address", "idNumber", "ethnicity",
                    "disability", "pregnant", "childUnder36Months", "cannotDefend", "financialHardship"])
        var survivor = Survivor(name: try s.text("name", max: Self.limits.name),
                                sex: try s.coded("sex", Sex.self, required: true)!)
        survivor.birthDate = try s.date("birthDate")
        survivor.birthYear = try s.year("birthYear")
        if let date = survivor.birthDate {
            if let year = survivor.birthYear, year != date.year {
                throw .invalidValue(path: "survivor.birthYear", reason: .birthYearMismatch)
            }
            survivor.birthYear = date.year
        }
        survivor.phone = try s.text("phone", max: Self.limits.phone).map(Self.asciiDigits)
        if let phone = survivor.phone, !Self.isPhone(phone) {
            throw .invalidValue(path: "survivor.phone", reason: .phoneFormat)
        }
        survivor.address = try s.text("address", max: Self.limits.address)
        survivor.idNumber = try s.text("idNumber", max: Self.limits.idNumber)
        survivor.ethnicity = try s.coded("ethnicity", EthnicityGroup.self) ?? .unknown
        survivor.disability = try s.bool("disability") ?? false
        survivor.pregnant = try s.bool("pregnant") ?? false
        survivor.childUnder36Months = try s.bool("childUnder36Months") ?? false
        survivor.cannotDefend = try s.bool("cannotDefend") ?? false
        survivor.financialHardship = try s.bool("financialHardship")

        // Perpetrator
        var perpetrator = Perpetrator()
        if let p = try root.object("perpetrator") {
            try p.only(["name", "sex", "birthYear", "relationship", "separated"])
            perpetrator.name = try p.text("name", max: Self.limits.name)
            perpetrator.sex = try p.coded("sex", Sex.self) ?? .unknown
            perpetrator.birthYear = try p.year("birthYear")
            perpetrator.relationship = try p.coded("relationship", Relationship.self) ?? .unknown
            perpetrator.separated = try p.bool("separated")
        }

        // Incident
        let i = try root.object("incident", required: true)!
        try i.only(["date", "acts", "injury", "childrenPresent", "narrative"])
        guard let actValues = try i.array("acts", required: true) else { throw .missingField(path: "incident.acts") }
        var acts: [Act] = []
        for (index, item) in actValues.enumerated() {
            let path = "incident.acts[\(index)]"
            guard case .string(let text) = item else { throw .wrongType(path: path, expected: "a string") }
            let act = try Act(parsing: text, at: path)
            if !acts.contains(act) { acts.append(act) }
        }
        guard !acts.isEmpty else { throw .invalidValue(path: "incident.acts", reason: .noActs) }
        var incident = Incident(acts: acts)
        incident.date = try i.date("date")
        incident.injury = try i.coded("injury", Injury.self) ?? .unknown
        incident.childrenPresent = try i.bool("childrenPresent") ?? false
        incident.narrative = try i.text("narrative", max: Self.limits.narrative, multiline: true)

        self.init(source: source, commune: commune.slug, survivor: survivor, incident: incident)
        self.reportedAt = reportedAt
        self.reportedOffsetSeconds = offset
        self.perpetrator = perpetrator

        // Risk
        if let r = try root.object("risk") {
            try r.only(["screen", "answers"])
            let screen = try r.string("screen", required: true)!
            guard let kind = RiskScreen.Kind(rawValue: screen) else {
                throw .unknownValue(path: "risk.screen", value: screen, kind: "risk screen", suggestions: [], known: RiskScreen.Kind.allCases.map(\.rawValue))
            }
            riskScreen = kind
            let answers = try r.array("answers", required: true)!
            guard answers.count == kind.questionCount else {
                throw .invalidValue(path: "risk.answers", reason: .lapAnswers(expected: kind.questionCount, got: answers.count))
            }
            riskAnswers = try answers.enumerated().map { (index, item) throws(CoreError) -> Bool? in
                switch item {
                case .bool(let b): return b
                case .null: return nil
                default: throw .wrongType(path: "risk.answers[\(index)]", expected: "true, false or null")
                }
            }
        }
        // The screen fits the relationship: the LAP for a partner, the danger screen for
        // everyone else (a mismatch would let a partner case skip the lethality questions).
        if riskAnswers != nil {
            let expected: RiskScreen.Kind = perpetrator.relationship.isIntimatePartner ? .lap : .danger
            guard riskScreen == expected else {
                throw .invalidValue(path: "risk.screen", reason: .screenForRelationship(expected.rawValue))
            }
        }
        if let c = try root.object("consent") {
            try c.only(["referral", "police", "mediation", "statistics"])
            consent = Consent(referral: try c.bool("referral") ?? false, police: try c.bool("police") ?? false,
                              mediation: try c.bool("mediation") ?? false, statistics: try c.bool("statistics") ?? false)
        }
        if let w = try root.object("wishes") {
            try w.only(["legalAid", "shelter", "medical", "prosecution"])
            wishes = Wishes(legalAid: try w.bool("legalAid") ?? false, shelter: try w.bool("shelter") ?? false,
                            medical: try w.bool("medical") ?? false, prosecution: try w.bool("prosecution"))
        }
        importKey = try root.text("importKey", max: 200)
        if let c = try root.object("safeContact") {
            try c.only(["channel", "times", "person"])
            safeContact = SafeContact(channel: try c.coded("channel", ContactChannel.self),
                                      times: try c.text("times", max: Self.limits.address),
                                      person: try c.text("person", max: Self.limits.address))
        }
        if let c = try root.object("carer") {
            try c.only(["name", "phone", "relationship", "consent"])
            carer = Carer(name: try c.text("name", max: Self.limits.name), phone: try c.text("phone", max: Self.limits.phone).map(Self.asciiDigits),
                          relationship: try c.text("relationship", max: Self.limits.name), consented: try c.bool("consent"))
            if let phone = carer.phone, !Self.isPhone(phone) {
                throw .invalidValue(path: "carer.phone", reason: .phoneFormat)
            }
        }
        if let r = try root.object("reporter") {
            try r.only(["name", "phone", "relationship"])
            reporter = Reporter(name: try r.text("name", max: Self.limits.name),
                                phone: try r.text("phone", max: Self.limits.phone).map(Self.asciiDigits),
                                relationship: try r.text("relationship", max: Self.limits.name))
            if let phone = reporter.phone, !Self.isPhone(phone) {
                throw .invalidValue(path: "reporter.phone", reason: .phoneFormat)
            }
        }
    }

    /// A phone number: ASCII digits and `+ - ( ) .` and spaces, at least six digits.
    static func isPhone(_ text: String) -> Bool {
        text.allSatisfy({ ($0.isASCII && $0.isNumber) || " +-().".contains($0) }) && text.filter(\.isNumber).count >= 6
    }

    /// Decimal digits of any script (fullwidth, Arabic-Indic, …) as ASCII digits; anything
    /// else is left for ``isPhone(_:)`` to refuse.
    static func asciiDigits(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue, !scalar.isASCII {
                return Character(String(Int(value)))
            }
            return Character(scalar)
        })
    }

    /// Checks the dates against the report day (no date after the report, no birth after
    /// the incident). Called by intake once the report time is known.
    public func checkDates(reportDate: LocalDate) throws(CoreError) {
        if let date = incident.date, date > reportDate {
            throw .invalidValue(path: "incident.date", reason: .afterReportDate)
        }
        if let birth = survivor.birthDate, birth > (incident.date ?? reportDate) {
            throw .invalidValue(path: "survivor.birthDate", reason: .afterIncident)
        }
        if let year = survivor.birthYear, year > reportDate.year {
            throw .invalidValue(path: "survivor.birthYear", reason: .afterReportYear)
        }
        if let year = perpetrator.birthYear, year > reportDate.year {
            throw .invalidValue(path: "perpetrator.birthYear", reason: .afterReportYear)
        }
    }
}

/// A JSON object with the path it was found at, for precise errors.
struct JSONObject {
    let members: [(key: String, value: JSONValue)]
    let path: String

    init(_ value: JSONValue, path: String) throws(CoreError) {
        guard case .object(let members) = value else {
            throw .wrongType(path: path.isEmpty ? "(document)" : path, expected: "an object")
        }
        self.members = members
        self.path = path
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Rejects any member not in `allowed`.
    func only(_ allowed: [String]) throws(CoreError) {
        for (key, _) in members where !allowed.contains(key) {
            throw .unknownField(path: at(key), suggestions: Suggest.closest(to: key, in: allowed, limit: 1))
        }
    }

    /// The member's value; JSON null and the string "unknown" count as absent.
    func value(_ key: String, required: Bool) throws(CoreError) -> JSONValue? {
        let found = members.first(where: { $0.key == key })?.value
        switch found {
        case nil, .null?, .string("unknown")?:
            if required { throw .missingField(path: at(key)) }
            return nil
        case let value?: return value
        }
    }

    func string(_ key: String, required: Bool = false) throws(CoreError) -> String? {
        guard let value = try value(key, required: required) else { return nil }
        guard case .string(let text) = value else { throw .wrongType(path: at(key), expected: "a string") }
        return text
    }

    /// Free text, trimmed and NFC; empty counts as absent. Longer than `max` characters, or
    /// than 4 × `max` bytes (a letter with thousands of combining marks is not one character's
    /// worth of data), is an error; so is a control or bidirectional character (only a
    /// `multiline` text such as a narrative may hold newlines and tabs).
    func text(_ key: String, max: Int, multiline: Bool = false) throws(CoreError) -> String? {
        guard let raw = try string(key) else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= max, trimmed.utf8.count <= 4 * max else { throw .invalidValue(path: at(key), reason: .longerThan(max)) }
        if trimmed.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) && !(multiline && ($0 == "\n" || $0 == "\t")) }) {
            throw .invalidValue(path: at(key), reason: .controlCharacters)
        }
        return trimmed
    }

    func bool(_ key: String) throws(CoreError) -> Bool? {
        guard let value = try value(key, required: false) else { return nil }
        guard case .bool(let flag) = value else { throw .wrongType(path: at(key), expected: "true or false") }
        return flag
    }

    func coded<V: CodedValue>(_ key: String, _ type: V.Type, required: Bool = false) throws(CoreError) -> V? {
        if let raw = members.first(where: { $0.key == key })?.value, case .string(let text) = raw, text == "unknown",
           let unknown = V(rawValue: "unknown") {
            return unknown
        }
        guard let text = try string(key, required: required) else { return nil }
        return try V(parsing: text, at: at(key))
    }

    func date(_ key: String) throws(CoreError) -> LocalDate? {
        guard let text = try string(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw .invalidValue(path: at(key), reason: .notADate)
        }
        return date
    }

    func year(_ key: String) throws(CoreError) -> Int? {
        guard let value = try value(key, required: false) else { return nil }
        guard case .number(let number) = value, number == number.rounded(), (1900...2200).contains(number) else {
            throw .wrongType(path: at(key), expected: "a year such as 1990")
        }
        return Int(number)
    }

    func object(_ key: String, required: Bool = false) throws(CoreError) -> JSONObject? {
        guard let value = try value(key, required: required) else { return nil }
        return try JSONObject(value, path: at(key))
    }

    func array(_ key: String, required: Bool = false) throws(CoreError) -> [JSONValue]? {
        guard let value = try value(key, required: required) else { return nil }
        guard case .array(let items) = value else { throw .wrongType(path: at(key), expected: "a list") }
        return items
    }
}
