import Foundation
import HavenCore
import HavenStore
import HavenTestSupport
import Testing

/// The statistics query of the `Store` contract, specified in Swift independently of any SQL
/// (issue #11): what a unit is and when it is dated for each measure, what each dimension's
/// value is, how units without consent and record keys are summed, and what the referral
/// measures add. Every engine must give these groups on the same records; the PostgreSQL
/// engine (issue #13) runs the same test through `ContractEngine.all`.
@Suite("Store contract: statistics semantics")
struct StatisticsContractTests {
    static let vietnam = RegionCatalog.vietnamUTCOffsetSeconds
    /// Random records written through the protocol: cases (some survivors seen more than once,
    /// some without a blind index, some without consent to statistics), their referrals in
    /// every status, and mediations.
    struct World {
        var cases: [CaseRecord] = []
        var referrals: [ReferralRecord] = []
        var mediations: [MediationRecord] = []
        let now = Timestamp.parse("2027-01-15T09:00:00+07:00")!.instant

        static func make(seed: UInt64) throws -> World {
            var world = World()
            var rng = SeededGenerator(seed: seed)
            let regions = try Fixtures.regions()
            var synthetic = SyntheticCases(seed: seed, regions: regions, reportedUpTo: LocalDate(iso: "2026-12-31")!)
            let agencies = ["police", "justice-legal-aid", "health", "culture-dv", "womens-union"]
            for n in 0..<220 {
                let form = synthetic.next()
                let commune = try #require(regions.commune(form.commune))
                var facts = try CaseFacts.derive(from: form, commune: commune, now: form.reportedAt ?? Fixtures.now)
                facts.consent.statistics = Double.random(in: 0..<1, using: &rng) < 0.85
                let id = CaseID(random: SeededRandom(seed: seed &+ UInt64(n) &* 7919))
                let blind: String? = Double.random(in: 0..<1, using: &rng) < 0.1 ? nil : "bi-\(Int.random(in: 0..<60, using: &rng))"
                var record = CaseRecord(id: id, facts: facts, status: .open, outcome: nil, createdBy: "U-1", createdAt: facts.reportedAt,
                                        updatedAt: facts.reportedAt, keyVersion: 1, wrappedDataKey: Data([1]), blindIndex: blind, sealed: [:])
                record.recordKey = Int.random(in: 0..<65_536, using: &rng)
                world.cases.append(record)
                for r in 0..<Int.random(in: 0...2, using: &rng) {
                    let created = facts.reportedAt.addingTimeInterval(Double(Int.random(in: 0..<30, using: &rng)) * 3600)
                    let status = [ReferralStatus.held, .pending, .pending, .acknowledged, .accepted, .declined, .closed]
                        .randomElement(using: &rng)!
                    let sent: Date? = status == .held ? nil : created.addingTimeInterval(Double(Int.random(in: 0..<5, using: &rng)) * 3600)
                    var referral = ReferralRecord(id: "R-\(id.rawValue.dropFirst(2))\(r)", caseID: id.rawValue,
                                                  agency: agencies.randomElement(using: &rng)!, priority: .normal, status: status,
                                                  mandatory: false, legalBases: [], rules: ["r"], policyHash: "p", commune: facts.commune,
                                                  createdAt: created)
                    referral.sentAt = sent
                    referral.dueBy = sent?.addingTimeInterval(Double(Int.random(in: 1..<400, using: &rng)) * 3600)
                    if let sent, ![.held, .pending].contains(status) {
                        referral.acknowledgedAt = sent.addingTimeInterval(Double(Int.random(in: 1..<4000, using: &rng)) * 60)
                    }
                    world.referrals.append(referral)
                }
                if n % 9 == 0 {
                    let opened = facts.reportedAt.addingTimeInterval(Double(Int.random(in: 0..<72, using: &rng)) * 3600)
                    world.mediations.append(MediationRecord(
                        id: "M-\(n)", caseID: id, teamID: "T-1", commune: facts.commune, mediators: ["H-1"], conflicted: [],
                        status: [MediationStatus.open, .agreement, .completed, .failed, .closed].randomElement(using: &rng)!,
                        openedAt: opened, openedBy: "U-1", startDue: LocalDate(opened, utcOffsetSeconds: RegionCatalog.vietnamUTCOffsetSeconds)))
                }
            }
            return world
        }

        func write(to store: any Store) async throws {
            let world = self
            try await store.write { tx in
                try tx.insertTeam(MediationTeam(id: "T-1", commune: "my-thoi", name: "Tổ", createdAt: world.now))
                for record in world.cases { try tx.insertCase(record) }
                for referral in world.referrals { try tx.insertReferral(referral) }
                for mediation in world.mediations { try tx.insertMediation(mediation) }
            }
        }

        // MARK: The specification

        /// A unit: the case it is about, and its referral or mediation.
        struct Unit { let id: String; let c: CaseRecord; let r: ReferralRecord?; let m: MediationRecord? }

        /// The day a unit is dated: a case by its report day, a referral by the day it was sent
        /// (or made, while held), a mediation by the day it was opened — all in the province's time.
        static func date(_ u: Unit, _ source: StatSource) -> LocalDate {
            switch source.measure {
            case .cases, .survivors: u.c.facts.reportDate
            case .referrals: LocalDate(u.r!.sentAt ?? u.r!.createdAt, utcOffsetSeconds: source.utcOffsetSeconds)
            case .mediations: LocalDate(u.m!.openedAt, utcOffsetSeconds: source.utcOffsetSeconds)
            }
        }

        /// The units of a measure dated in `months`.
        func units(_ source: StatSource) -> [Unit] {
            let months = Set(source.months)
            func inPeriod(_ c: CaseRecord) -> Bool { months.contains(String(c.facts.reportDate.description.prefix(7))) }
            let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id.rawValue, $0) })
            let all: [Unit] = switch source.measure {
            case .cases: cases.map { Unit(id: $0.id.rawValue, c: $0, r: nil, m: nil) }
            case .survivors:
                // Each survivor's first case in the period; a case without a blind index is its own survivor.
                cases.filter(inPeriod).filter { c in
                    guard let blind = c.blindIndex else { return true }
                    return !cases.contains { e in
                        e.blindIndex == blind && inPeriod(e)
                            && (e.facts.reportDate < c.facts.reportDate || (e.facts.reportDate == c.facts.reportDate && e.id.rawValue < c.id.rawValue))
                    }
                }.map { Unit(id: $0.id.rawValue, c: $0, r: nil, m: nil) }
            case .referrals: referrals.map { Unit(id: $0.id, c: byID[$0.caseID]!, r: $0, m: nil) }
            case .mediations: mediations.map { Unit(id: $0.id, c: byID[$0.caseID.rawValue]!, r: nil, m: $0) }
            }
            return all.filter { months.contains(String(Self.date($0, source).description.prefix(7))) }
        }

        /// A unit's values of a dimension (several only for `context`).
        func values(_ dim: StatDimension, _ u: Unit, _ source: StatSource) -> [String] {
            let measure = source.measure
            let f = u.c.facts
            let date = Self.date(u, source).description
            switch dim {
            case .gbvType: return [f.gbvType.rawValue]
            case .context: return f.contexts.isEmpty ? ["none"] : f.contexts.map(\.rawValue)
            case .survivorSex: return [f.survivorSex.rawValue]
            case .survivorAgeGroup: return [f.survivorAgeGroup.rawValue]
            case .ethnicityGroup: return [f.ethnicity.rawValue]
            case .disability: return [f.disability ? "yes" : "no"]
            case .perpetratorRelationship: return [f.relationship.rawValue]
            case .perpetratorSex: return [f.perpetratorSex.rawValue]
            case .source: return [f.source.rawValue]
            case .commune: return [f.commune]
            case .formerDistrict: return [f.formerDistrict]
            case .month: return [String(date.dropFirst(5).prefix(2))]
            case .quarter: return ["Q\((Int(date.dropFirst(5).prefix(2))! + 2) / 3)"]
            case .year: return [String(date.prefix(4))]
            case .reportingDelay: return [f.reportingDelay.rawValue]
            case .risk: return [f.risk.rawValue]
            case .agency: return [u.r!.agency]
            case .referralStatus: return [u.r!.status.rawValue]
            case .mediationOutcome: return [u.m!.status.rawValue]
            case .ageBand, .typeGroup:
                let (fine, map) = CoarseCategories.grouping(of: dim)!
                return [map[values(fine, u, source)[0]] ?? "unknown"]
            case .repeatVictimisation:
                // Another case of the same survivor reported in the 365 days before (on the same
                // day: the one with the smaller id is the earlier), in or out of the period.
                guard let blind = u.c.blindIndex else { return ["no"] }
                let day = u.c.facts.reportDate
                let earliest = LocalDate(daysSinceEpoch: day.daysSinceEpoch - 365)
                let repeated = cases.contains { e in
                    e.blindIndex == blind && e.id != u.c.id && e.facts.reportDate <= day && e.facts.reportDate >= earliest
                        && (e.facts.reportDate < day || e.id.rawValue < u.c.id.rawValue)
                }
                return [repeated ? "yes" : "no"]
            }
        }

        struct Cell: Equatable, CustomStringConvertible {
            var count = 0, key = 0, overdue = 0, overdueKey = 0
            var hours: [Double] = []
            var description: String { "n=\(count) key=\(key) overdue=\(overdue)/\(overdueKey) ack=\(hours.count)" }
        }

        /// Groups by the dimensions' values and by consent: counts, record keys summed (mod the key
        /// space), and for referrals the hours to acknowledgement and the overdue ones now.
        func expected(_ source: StatSource) -> (cells: [String: Cell], distinct: Int) {
            var cells: [String: Cell] = [:]
            let units = units(source)
            for u in units {
                var combinations: [[String]] = [[]]
                for dim in source.dimensions {
                    combinations = combinations.flatMap { prefix in values(dim, u, source).map { prefix + [$0] } }
                }
                for values in combinations {
                    let name = (values + [u.c.facts.consent.statistics ? "consented" : "not"]).joined(separator: "|")
                    var cell = cells[name, default: Cell()]
                    cell.count += 1
                    cell.key += u.c.recordKey
                    if let r = u.r {
                        if let sent = r.sentAt, let ack = r.acknowledgedAt { cell.hours.append(ack.timeIntervalSince(sent) / 3600) }
                        if r.status == .pending, let due = r.dueBy, due < source.now { cell.overdue += 1; cell.overdueKey += u.c.recordKey }
                    }
                    cells[name] = cell
                }
            }
            return (cells, units.count)
        }
    }

    static func actual(_ groups: StatGroups) -> [String: World.Cell] {
        var cells: [String: World.Cell] = [:]
        for g in groups.groups {
            let name = (g.row.values + [g.row.consented ? "consented" : "not"]).joined(separator: "|")
            #expect(cells[name] == nil, "one group per combination: \(name)")
            cells[name] = World.Cell(count: g.row.count, key: g.row.key, overdue: g.overdue, overdueKey: g.overdueKey, hours: g.hoursToAcknowledge)
        }
        return cells
    }

    static let year2026 = (1...12).map { String(format: "2026-%02d", $0) }

    /// Every measure by every dimension it has, and the pairs the statistics commands and the
    /// annual report ask for most, over a whole year, two separate months, and no month.
    @Test(arguments: ContractEngine.all)
    func groupsMatchTheSpecification(engine: ContractEngine) async throws {
        let dir = TemporaryDirectory()
        let store = try engine.make(dir.path)
        let world = try World.make(seed: 2026_12_02)
        try await world.write(to: store)
        var sources: [StatSource] = []
        for measure in StatMeasure.allCases {
            let dims = StatDimension.allCases.filter { $0.measures.contains(measure) }
            for months in [Self.year2026, ["2026-03", "2026-08"], []] {
                sources += dims.map { StatSource(measure: measure, dimensions: [$0], months: months, now: world.now, utcOffsetSeconds: Self.vietnam) }
            }
            // Instants are dated in the province's time zone, whichever it is: a zone far from
            // Viet Nam's moves referrals and mediations between days and months.
            sources += dims.map { StatSource(measure: measure, dimensions: [$0], months: ["2026-03", "2026-08"], now: world.now,
                                             utcOffsetSeconds: -5 * 3600) }
            sources.append(StatSource(measure: measure, dimensions: [], months: Self.year2026, now: world.now, utcOffsetSeconds: Self.vietnam))
            for pair: [StatDimension] in [[.gbvType, .survivorSex], [.commune, .survivorSex], [.survivorAgeGroup, .survivorSex],
                                          [.formerDistrict, .survivorSex], [.source, .survivorSex], [.context, .month],
                                          [.survivorSex, .gbvType, .survivorAgeGroup]] where pair.allSatisfy({ dims.contains($0) }) {
                sources.append(StatSource(measure: measure, dimensions: pair, months: Self.year2026, now: world.now, utcOffsetSeconds: Self.vietnam))
            }
        }
        var checked = 0
        for source in sources {
            let groups = try await store.read { try $0.statistics(source) }
            let (expected, distinct) = world.expected(source)
            let actual = Self.actual(groups)
            let label = "\(source.measure) by \(source.dimensions.map(\.rawValue)) over \(source.months.count) months"
            #expect(Set(actual.keys) == Set(expected.keys), "\(label): groups differ")
            for (name, want) in expected {
                guard let got = actual[name] else { continue }
                #expect(got.count == want.count && got.key == want.key % PerturbationTable.keySpace, "\(label) \(name): \(got) ≠ \(want)")
                #expect(got.overdue == want.overdue && got.overdueKey == want.overdueKey, "\(label) \(name): overdue \(got) ≠ \(want)")
                let (a, b) = (got.hours.sorted(), want.hours.sorted())
                #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 }, "\(label) \(name): hours to acknowledge")
            }
            #expect(groups.distinctUnits == distinct, "\(label): distinct units \(groups.distinctUnits) ≠ \(distinct)")
            checked += 1
        }
        #expect(checked > 80)
        // The world is not trivial: repeats, units without consent, overdue referrals, every measure.
        let all = world.expected(StatSource(measure: .referrals, dimensions: [], months: Self.year2026, now: world.now, utcOffsetSeconds: Self.vietnam)).cells
        #expect(all.values.reduce(0) { $0 + $1.overdue } > 0)
        #expect(all.keys.contains { $0.hasSuffix("not") })
        #expect(world.units(StatSource(measure: .survivors, dimensions: [], months: Self.year2026, now: world.now, utcOffsetSeconds: Self.vietnam)).count
                    < world.units(StatSource(measure: .cases, dimensions: [], months: Self.year2026, now: world.now, utcOffsetSeconds: Self.vietnam)).count)
    }
}
