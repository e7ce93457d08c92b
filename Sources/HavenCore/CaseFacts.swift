import Foundation

/// The coded, clear part of a case: what routing and statistics may read.
///
/// Derived from an ``IntakeForm`` by ``derive(from:commune:now:)``. Holds no name, no exact
/// birth or incident date, no contact detail and no free text.
public struct CaseFacts: Sendable, Equatable, Codable {
    public var commune: String
    public var formerDistrict: String
    public var source: ReportingSource
    public var reportedAt: Date
    public var reportDate: LocalDate
    /// `YYYY-MM` of the incident, or nil when the date is unknown.
    public var incidentMonth: String?
    public var reportingDelay: ReportingDelay
    public var survivorSex: Sex
    /// Whole years at the incident, the youngest the birth data allows (see ``derive``).
    public var survivorAge: Int?
    public var survivorAgeGroup: AgeGroup
    public var ethnicity: EthnicityGroup
    public var disability: Bool
    public var pregnant: Bool
    public var childUnder36Months: Bool
    public var olderPerson: Bool
    public var perpetratorSex: Sex
    public var perpetratorAgeGroup: AgeGroup
    public var relationship: Relationship
    public var acts: [Act]
    public var gbvType: GBVType
    public var contexts: [CaseContext]
    public var injury: Injury
    public var childrenPresent: Bool
    public var risk: RiskLevel
    public var consent: IntakeForm.Consent
    public var wishes: IntakeForm.Wishes
    /// Cannot defend themself (ill, frail, dependent): Penal Code 2015 Art. 134(1)(c).
    public var cannotDefend = false
    /// The couple has separated or is separating; nil when not asked.
    public var separated: Bool?
    /// The survivor is in financial hardship (Law on Legal Aid 2017 Art. 7); nil when not asked.
    public var financialHardship: Bool?

    public init(commune: String,
                formerDistrict: String,
                source: ReportingSource,
                reportedAt: Date,
                reportDate: LocalDate,
                incidentMonth: String?,
                reportingDelay: ReportingDelay,
                survivorSex: Sex,
                survivorAge: Int?,
                survivorAgeGroup: AgeGroup,
                ethnicity: EthnicityGroup,
                disability: Bool,
                pregnant: Bool,
                childUnder36Months: Bool,
                olderPerson: Bool,
                perpetratorSex: Sex,
                perpetratorAgeGroup: AgeGroup,
                relationship: Relationship,
                acts: [Act],
                gbvType: GBVType,
                contexts: [CaseContext],
                injury: Injury,
                childrenPresent: Bool,
                risk: RiskLevel,
                consent: IntakeForm.Consent,
                wishes: IntakeForm.Wishes) {
        self.commune = commune
        self.formerDistrict = formerDistrict
        self.source = source
        self.reportedAt = reportedAt
        self.reportDate = reportDate
        self.incidentMonth = incidentMonth
        self.reportingDelay = reportingDelay
        self.survivorSex = survivorSex
        self.survivorAge = survivorAge
        self.survivorAgeGroup = survivorAgeGroup
        self.ethnicity = ethnicity
        self.disability = disability
        self.pregnant = pregnant
        self.childUnder36Months = childUnder36Months
        self.olderPerson = olderPerson
        self.perpetratorSex = perpetratorSex
        self.perpetratorAgeGroup = perpetratorAgeGroup
        self.relationship = relationship
        self.acts = acts
        self.gbvType = gbvType
        self.contexts = contexts
        self.injury = injury
        self.childrenPresent = childrenPresent
        self.risk = risk
        self.consent = consent
        self.wishes = wishes
    }

    /// Age from which a person is an older person under Vietnamese law.
    public static let olderPersonAge = 60

    /// Derives the coded facts of `form`, reported in `commune`, at `now` if the form has no
    /// report time.
    ///
    /// Age is taken at the incident date (else the report day). With a birth year only, the
    /// age is the lower of the two possible (a 17- or 18-year-old counts as 17): child
    /// protection errs on the side of the child.
    public static func derive(from form: IntakeForm, commune: Commune, now: Date, risk: RiskPolicy = .lap,
                              danger: RiskPolicy = .danger) throws(CoreError) -> CaseFacts {
        let reportedAt = form.reportedAt ?? now
        // A report cannot come from the future (a day's grace for clocks and time zones).
        if reportedAt > now.addingTimeInterval(86_400) {
            throw .invalidValue(path: "reportedAt", reason: .inTheFuture)
        }
        let reportDate = LocalDate(reportedAt, utcOffsetSeconds: form.reportedOffsetSeconds)
        try form.checkDates(reportDate: reportDate)
        let reference = form.incident.date ?? reportDate

        let survivorAge: Int? = if let birth = form.survivor.birthDate {
            birth.age(on: reference)
        } else if let year = form.survivor.knownBirthYear {
            max(0, reference.year - year - 1)
        } else { nil }
        let oldestPossibleAge: Int? = if let birth = form.survivor.birthDate {
            birth.age(on: reference)
        } else if let year = form.survivor.knownBirthYear {
            max(0, reference.year - year)
        } else { nil }
        let perpetratorAge = form.perpetrator.birthYear.map { max(0, reference.year - $0 - 1) }
        let delay = form.incident.date.map { ReportingDelay(days: $0.days(to: reportDate)) } ?? .unknown

        var facts = CaseFacts(
            commune: commune.slug, formerDistrict: commune.formerDistrictSlug, source: form.source,
            reportedAt: reportedAt, reportDate: reportDate, incidentMonth: form.incident.date?.monthString,
            reportingDelay: delay, survivorSex: form.survivor.sex, survivorAge: survivorAge,
            survivorAgeGroup: survivorAge.map(AgeGroup.init(years:)) ?? .unknown,
            ethnicity: form.survivor.ethnicity, disability: form.survivor.disability,
            pregnant: form.survivor.pregnant, childUnder36Months: form.survivor.childUnder36Months,
            // The older-person test takes the higher possible age (a birth year alone leaves
            // 59 or 60 open): protection errs on the side of the older person too.
            olderPerson: (oldestPossibleAge ?? 0) >= olderPersonAge,
            perpetratorSex: form.perpetrator.sex,
            perpetratorAgeGroup: perpetratorAge.map(AgeGroup.init(years:)) ?? .unknown,
            relationship: form.perpetrator.relationship, acts: form.incident.acts,
            gbvType: GBVType.classify(form.incident.acts), contexts: [],
            injury: form.incident.injury, childrenPresent: form.incident.childrenPresent,
            risk: form.riskAnswers.map((form.riskScreen == .lap ? risk : danger).level) ?? .unknown,
            consent: form.consent, wishes: form.wishes)
        facts.contexts = CaseContext.derive(acts: facts.acts, relationship: facts.relationship, survivorAge: survivorAge)
        facts.cannotDefend = form.survivor.cannotDefend
        facts.separated = form.perpetrator.separated
        facts.financialHardship = form.survivor.financialHardship
        return facts
    }

    /// True when the survivor is (or may be) under 18.
    public var survivorIsChild: Bool { (survivorAge ?? 18) < 18 }
}

extension CaseContext {
    /// The contexts of a case, in declaration order.
    ///
    /// Intimate-partner violence: a current or former spouse or partner. Domestic violence:
    /// family or partner. Child sexual abuse: a sexual act against a survivor under 18. Early
    /// marriage: child marriage, or forced marriage of a survivor under 18. Trafficking: the act.
    public static func derive(acts: [Act], relationship: Relationship, survivorAge: Int?) -> [CaseContext] {
        let child = (survivorAge ?? 18) < 18
        var result: [CaseContext] = []
        if relationship.isIntimatePartner { result.append(.intimatePartnerViolence) }
        if relationship.isFamilyOrPartner { result.append(.domesticViolence) }
        if child && acts.contains(where: \.isSexual) { result.append(.childSexualAbuse) }
        if acts.contains(.childMarriage) || (child && acts.contains(.forcedMarriage)) { result.append(.earlyMarriage) }
        if acts.contains(.trafficking) { result.append(.trafficking) }
        return result
    }
}

/// The names of sealed fields; each is encrypted with associated data `case id + name`.
public enum SealedField: String, CaseIterable, Sendable, Codable {
    case survivorName = "survivor.name"
    case survivorBirthDate = "survivor.birthDate"
    case survivorBirthYear = "survivor.birthYear"
    case survivorPhone = "survivor.phone"
    case survivorAddress = "survivor.address"
    case survivorIDNumber = "survivor.idNumber"
    case perpetratorName = "perpetrator.name"
    case perpetratorBirthYear = "perpetrator.birthYear"
    case incidentDate = "incident.date"
    case incidentNarrative = "incident.narrative"
    case riskAnswers = "risk.answers"
    /// How the survivor may safely be contacted: channel, times, and a safe person.
    /// Every referral packet carries these (DESIGN.md: survivor safety first).
    case contactChannel = "contact.channel"
    case contactTimes = "contact.times"
    case contactSafePerson = "contact.safePerson"
    /// A non-offending carer of a child survivor (for child protection).
    case carerName = "carer.name"
    case carerPhone = "carer.phone"
    case carerRelationship = "carer.relationship"
    /// Whether the child's carer agreed to the referrals ("yes"/"no").
    case carerConsent = "carer.consent"
    /// Who reported the case (not the survivor): never in a packet.
    case reporterName = "reporter.name"
    case reporterPhone = "reporter.phone"
    case reporterRelationship = "reporter.relationship"

    /// The field's name in words ("Họ tên người bị bạo lực"), for paper and screens.
    public func label(_ language: Language) -> String { Catalogue.text("sealed.\(rawValue)", language) }

    /// The safe-contact fields, sent in every packet.
    public static let safeContact: [SealedField] = [.contactChannel, .contactTimes, .contactSafePerson]

    /// The clear values of the sealed fields of `form` (absent fields are left out).
    public static func values(of form: IntakeForm) -> [SealedField: String] {
        var values: [SealedField: String] = [:]
        values[.survivorName] = form.survivor.name
        values[.survivorBirthDate] = form.survivor.birthDate?.description
        values[.survivorBirthYear] = form.survivor.knownBirthYear.map(String.init)
        values[.survivorPhone] = form.survivor.phone
        values[.survivorAddress] = form.survivor.address
        values[.survivorIDNumber] = form.survivor.idNumber
        values[.perpetratorName] = form.perpetrator.name
        values[.perpetratorBirthYear] = form.perpetrator.birthYear.map(String.init)
        values[.incidentDate] = form.incident.date?.description
        values[.incidentNarrative] = form.incident.narrative
        values[.riskAnswers] = form.riskAnswers.map { answers in
            answers.map { $0.map { $0 ? "yes" : "no" } ?? "-" }.joined(separator: ",")
        }
        values[.contactChannel] = form.safeContact.channel?.rawValue
        values[.contactTimes] = form.safeContact.times
        values[.contactSafePerson] = form.safeContact.person
        values[.carerName] = form.carer.name
        values[.carerPhone] = form.carer.phone
        values[.carerRelationship] = form.carer.relationship
        values[.carerConsent] = form.carer.consented.map { $0 ? "yes" : "no" }
        values[.reporterName] = form.reporter.name
        values[.reporterPhone] = form.reporter.phone
        values[.reporterRelationship] = form.reporter.relationship
        return values
    }
}

/// Sealed values keyed by field encode as a JSON object (`{"survivor.name": …}`).
extension SealedField: CodingKeyRepresentable {}
