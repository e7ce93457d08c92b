import Foundation

/// Synthetic intake forms for demos, tests and benchmarks.
///
/// Names are random combinations of common Vietnamese (and, in Khmer-majority communes,
/// Khmer-style) name parts, addresses are invented hamlets, phone numbers are random: no
/// real person is described. The same seed gives the same cases.
public struct SyntheticCases {
    private var rng: SeededGenerator
    /// A second stream for the answers added by the law review (issue #8), so the first
    /// stream, and every seeded store made before, stays the same.
    private var lawRNG: SeededGenerator
    private let communes: [Commune]
    private let reportWindowEnd: LocalDate

    public init(seed: UInt64, regions: RegionCatalog, reportedUpTo end: LocalDate) {
        rng = SeededGenerator(seed: seed)
        lawRNG = SeededGenerator(seed: seed ^ 0x6c61_775f_7265_7669)
        communes = regions.communes
        reportWindowEnd = end
    }

    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương"]
    static let femaleGiven = ["Lan", "Hoa", "Mai", "Thảo", "Hương", "Ngọc", "Trang", "Linh", "Nhung", "Yến", "Thu", "Hạnh", "Diễm", "Kiều", "Phượng", "Tuyết", "Bích", "Loan"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Kim", "Mỹ", "Thanh"]
    static let maleGiven = ["Bình", "Hùng", "Dũng", "Tuấn", "Minh", "Phúc", "Tài", "Lộc", "Sơn", "Hải", "Quang", "Thành", "Nghĩa", "Tâm"]
    static let maleMiddle = ["Văn", "Văn", "Hữu", "Minh", "Quốc", "Thanh"]
    static let khmerFemale = ["Néang Sóc", "Néang Sa", "Néang Thy", "Néang Ka"]
    static let khmerMale = ["Chau Sóc", "Chau Kha", "Chau Ry", "Chau Ty"]
    static let hamlets = ["Đông Thạnh", "Tây Hưng", "Bình Hòa", "Phú Lợi", "Mỹ Phước", "An Thạnh", "Hòa Long", "Tân Lập"]
    static let narratives = [
        "Người bị bạo lực kể lại sự việc xảy ra tại nhà vào buổi tối.",
        "Sự việc xảy ra sau một cuộc cãi vã về tiền bạc.",
        "Hàng xóm nghe tiếng la hét và báo cho trưởng ấp.",
        "The survivor described repeated incidents over several months.",
    ]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func name(sex: Sex, khmer: Bool) -> String {
        if khmer {
            return "\(pick(sex == .male ? Self.khmerMale : Self.khmerFemale)) \(pick(Self.femaleGiven))"
        }
        let given = sex == .male ? pick(Self.maleGiven) : pick(Self.femaleGiven)
        let middle = sex == .male ? pick(Self.maleMiddle) : pick(Self.femaleMiddle)
        return "\(pick(Self.surnames)) \(middle) \(given)"
    }

    /// The next synthetic case.
    public mutating func next() -> IntakeForm {
        let commune = pick(communes)
        let reportDate = reportWindowEnd.adding(days: -Int.random(in: 0..<540, using: &rng))
        let survivorSex: Sex = chance(0.88) ? .female : (chance(0.9) ? .male : .unknown)
        let khmer = commune.largeEthnicMinorityPopulation && chance(0.5)
        let ethnicity: EthnicityGroup = khmer ? .khmer : pick([.kinh, .kinh, .kinh, .kinh, .hoa, .cham, .unknown])
        let age = pick([8, 14, 16, 17, 19, 23, 28, 33, 37, 44, 52, 63, 70])
        var survivor = IntakeForm.Survivor(name: name(sex: survivorSex, khmer: khmer), sex: survivorSex)
        if chance(0.6) {
            survivor.birthDate = LocalDate(year: reportDate.year - age - 1, month: Int.random(in: 1...12, using: &rng),
                                           day: Int.random(in: 1...28, using: &rng))
            survivor.birthYear = survivor.birthDate?.year
        } else {
            survivor.birthYear = reportDate.year - age
        }
        survivor.phone = chance(0.8) ? "09" + (0..<8).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined() : nil
        survivor.address = "Tổ \(Int.random(in: 1...30, using: &rng)), ấp \(pick(Self.hamlets))"
        survivor.ethnicity = ethnicity
        survivor.disability = chance(0.06)
        survivor.pregnant = survivorSex == .female && (18...40).contains(age) && chance(0.1)
        survivor.childUnder36Months = survivorSex == .female && (18...40).contains(age) && chance(0.2)

        let relationship: Relationship = age < 18
            ? pick([.parent, .sibling, .otherFamily, .acquaintance, .stranger, .parent])
            : pick([.spouse, .spouse, .spouse, .formerSpouse, .intimatePartner, .inLaw, .acquaintance, .stranger, .employer])
        var perpetrator = IntakeForm.Perpetrator()
        perpetrator.sex = survivorSex == .female ? (chance(0.93) ? .male : .female) : pick([.female, .male])
        perpetrator.name = chance(0.85) ? name(sex: perpetrator.sex, khmer: khmer) : nil
        perpetrator.birthYear = chance(0.7) ? reportDate.year - max(16, age + Int.random(in: -3...12, using: &rng)) : nil
        perpetrator.relationship = relationship

        let pattern: [Act] = pick([
            [.beating], [.beating, .threats], [.insults, .threats], [.withholdingMoney, .insults],
            [.beating, .strangulation], [.sexualTouching], [.rape], [.isolation, .stalking],
            [.threatsToKill, .beating], [.preventingWork], [.forcedToWitness, .insults], [.weapon],
            age < 18 ? [.childMarriage] : [.beating, .burning],
        ])
        var incident = IntakeForm.Incident(acts: pattern)
        incident.date = chance(0.9) ? reportDate.adding(days: -pick([0, 1, 2, 4, 5, 9, 12, 20, 45])) : nil
        incident.injury = pattern.contains(where: { [.beating, .strangulation, .weapon, .burning].contains($0) })
            ? pick([.minor, .minor, .serious, .none]) : pick([.none, .unknown])
        incident.childrenPresent = chance(0.3)
        incident.narrative = chance(0.7) ? pick(Self.narratives) : nil

        var form = IntakeForm(source: pick(ReportingSource.allCases), commune: commune.slug,
                              survivor: survivor, incident: incident)
        form.reportedAt = Date(timeIntervalSince1970: Double(reportDate.daysSinceEpoch * 86_400 + Int.random(in: 1...10, using: &rng) * 3600))
        form.perpetrator = perpetrator
        if chance(0.7) {
            // The same draws either way (the stream of a seed stays as it was); the screen fits
            // the relationship, as intake requires.
            let drawn = (0..<RiskScreen.lapQuestionCount).map { index in chance(index < 3 ? 0.05 : 0.25) }
            if perpetrator.relationship.isIntimatePartner {
                form.riskAnswers = drawn
            } else {
                form.riskScreen = .danger
                form.riskAnswers = Array(drawn.prefix(3)) + [drawn[3] && drawn[4]]
            }
        }
        form.consent = IntakeForm.Consent(referral: chance(0.85), police: chance(0.5), mediation: chance(0.3), statistics: chance(0.9))
        form.wishes = IntakeForm.Wishes(legalAid: chance(0.3), shelter: chance(0.1), medical: chance(0.2))

        func law(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &lawRNG) < p }
        func lawMaybe(_ p: Double) -> Bool? { law(0.8) ? law(p) : nil }
        form.survivor.cannotDefend = age >= 60 ? law(0.3) : law(0.02)
        form.survivor.financialHardship = lawMaybe(0.4)
        if [.spouse, .cohabiting, .intimatePartner].contains(relationship) { form.perpetrator.separated = lawMaybe(0.25) }
        if pattern.contains(where: { [.rape, .attemptedRape, .forcedSexualAct, .strangulation, .weapon, .burning, .threatsToKill].contains($0) }) {
            form.wishes.prosecution = lawMaybe(0.6)
        }
        if law(0.7) {
            let channels = ContactChannel.allCases
            form.safeContact = IntakeForm.SafeContact(
                channel: channels[Int.random(in: 0..<channels.count, using: &lawRNG)],
                times: law(0.5) ? "Sáng các ngày trong tuần" : nil,
                person: law(0.3) ? "Chị gái, 09" + (0..<8).map { _ in String(Int.random(in: 0...9, using: &lawRNG)) }.joined() : nil)
        }
        if age < 18 && law(0.6) {
            form.carer = IntakeForm.Carer(name: "Bà ngoại (tên thử)", phone: "09" + (0..<8).map { _ in String(Int.random(in: 0...9, using: &lawRNG)) }.joined(),
                                          relationship: "bà ngoại")
        }
        return form
    }
}
