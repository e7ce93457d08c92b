import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// A synthetic province and everything a supervisor can obtain from it, played against an
/// attacker who keeps integer bounds on every count and tightens them over every additive
/// relation between published figures (see ``BoundsAttacker``).
public struct AttackWorld: Sendable {
    public let store: TestStore
    public let supervisor: Caller
    public let regions: RegionCatalog
    public let k: Int
    /// One consenting case: type, sex, age group, commune, source, delay, month (YYYY-MM),
    /// repeat victimisation (yes/no).
    public let cases: [[String]]
    public let refusers: [String: Int]
    /// One referral of a consenting case: agency, status, month.
    public let referrals: [[String]]
    /// One survivor per year, by their first case of the year (consenting): the case columns,
    /// with the year in place of the month.
    public let survivors: [[String]]

    /// The case dimensions the attack covers, with the column of each in `cases`.
    static let caseDims: [(StatDimension, String, Int)] = [
        (.gbvType, "type", 0), (.survivorSex, "sex", 1), (.survivorAgeGroup, "age", 2), (.commune, "com", 3),
        (.source, "src", 4), (.reportingDelay, "delay", 5), (.repeatVictimisation, "repeat", 7),
    ]

    public static func make(size: Int, seed: UInt64, method: DisclosureMethod = .perturb) async throws -> AttackWorld {
        // Seeded: the same record keys, so the same figures, on every run. The clock walks
        // through the months: each month's cases are entered (and their referrals sent) at its
        // end, so referrals are dated through the years like cases.
        let clock = SteppingClock(Timestamp.parse("2025-06-01T08:00:00+07:00")!.instant)
        let store = try await TestStore.make(clock: clock, random: SeededRandom(seed: seed),
                                             disclosure: method == .suppress ? try TestStore.suppressionDisclosure() : nil)
        let regions = store.service.context.regions
        let officer = try await store.officer(regions.communes.map(\.slug))
        let supervisor = try await store.user(.supervisor)
        var generator = SyntheticCases(seed: seed, regions: regions, reportedUpTo: LocalDate(iso: "2026-12-31")!)
        var byMonth: [String: [String]] = [:]
        for _ in 0..<size {
            let form = generator.next()
            let reported = LocalDate(form.reportedAt!, utcOffsetSeconds: form.reportedOffsetSeconds)
            byMonth[reported.monthString, default: []].append(form.json.text)
        }
        for month in byMonth.keys.sorted() {
            // The first morning of the next month.
            let next = LocalDate(iso: month + "-01")!.adding(days: 32).monthString
            clock.set(Timestamp.parse(next + "-01T07:00:00+07:00")!.instant)
            let lines = byMonth[month]!
            for start in stride(from: 0, to: lines.count, by: 2_000) {
                let batch = lines[start..<min(lines.count, start + 2_000)].joined(separator: "\n")
                _ = try await store.service.importCases(jsonLines: Data(batch.utf8), atomic: false, by: officer)
            }
        }
        clock.set(Timestamp.parse("2027-01-10T10:00:00+07:00")!.instant)
        let path = store.location.databasePath
        let caseText = try RawDatabase.string(path: path, sql: """
            SELECT group_concat(gbv_type || '|' || survivor_sex || '|' || survivor_age_group || '|' || commune || '|' || source || '|'
                || reporting_delay || '|' || substr(report_date, 1, 7) || '|' || (CASE WHEN c.blind_index IS NOT NULL AND EXISTS (
                SELECT 1 FROM cases e WHERE e.blind_index = c.blind_index AND e.id <> c.id AND e.report_date <= c.report_date
                AND e.report_date >= date(c.report_date, '-365 days') AND (e.report_date < c.report_date OR e.id < c.id)) THEN 'yes' ELSE 'no' END),
                ';') FROM cases c WHERE consent_statistics = 1
            """) ?? ""
        let refuserText = try RawDatabase.string(path: path, sql: """
            SELECT group_concat(y || ':' || n, ';') FROM (SELECT substr(report_date, 1, 4) AS y, count(*) AS n FROM cases
            WHERE consent_statistics = 0 GROUP BY y)
            """) ?? ""
        let referralText = try RawDatabase.string(path: path, sql: """
            SELECT group_concat(r.agency || '|' || r.status || '|' || substr(date(COALESCE(r.sent_at, r.created_at) + \(regions.utcOffsetSeconds), 'unixepoch'), 1, 7), ';')
            FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.consent_statistics = 1
            """) ?? ""
        let survivorText = try RawDatabase.string(path: path, sql: """
            SELECT group_concat(gbv_type || '|' || survivor_sex || '|' || survivor_age_group || '|' || commune || '|' || source || '|'
                || reporting_delay || '|' || substr(report_date, 1, 4) || '|-', ';') FROM cases c0
            WHERE consent_statistics = 1 AND (blind_index IS NULL OR NOT EXISTS (SELECT 1 FROM cases e WHERE e.blind_index = c0.blind_index
                AND substr(e.report_date, 1, 4) = substr(c0.report_date, 1, 4)
                AND (e.report_date < c0.report_date OR (e.report_date = c0.report_date AND e.id < c0.id))))
            """) ?? ""
        func split(_ text: String) -> [[String]] { text.split(separator: ";").map { $0.split(separator: "|").map(String.init) } }
        var refusers: [String: Int] = [:]
        for part in refuserText.split(separator: ";") {
            let pair = part.split(separator: ":")
            refusers[String(pair[0])] = Int(pair[1])
        }
        return AttackWorld(store: store, supervisor: supervisor, regions: regions, k: store.service.context.policy.disclosure.k,
                           cases: split(caseText), refusers: refusers, referrals: split(referralText), survivors: split(survivorText))
    }

    /// The months of a period.
    static func months(_ period: String) -> [String] { StatPeriod(parsing: period)!.months }
}

/// The attack: what was published, what the attacker concluded, what it recovered.
public struct AttackOutcome {
    public var published = 0
    /// Queries refused (under suppression, those outside its fixed set of tables).
    public var refused = 0
    public var targets = 0
    /// Counts from 1 to k−1 pinned exactly.
    public var exact: [String] = []
    /// Counts from 1 to k−1 narrowed below what the method promises.
    public var narrowed: [String] = []
    public var contradictions: [String] = []
    /// Mean absolute perturbation over published non-empty cells (perturbation) and the share
    /// of people in hidden interior cells (suppression).
    public var meanAbsolutePerturbation = 0.0
    public var hiddenPeopleShare = 0.0
    /// Share of the report tables' people in cells whose true count is 1 to k−1.
    public var smallPeopleShare = 0.0
    /// Bounds that exclude the truth: a bug in the attacker, never a finding.
    public var unsound: [String] = []
    /// The narrowest range the attacker kept for a count from 1 to k−1.
    public var narrowestRange = Int.max
    /// Information loss of each table of the annual report (current year), in report order.
    public var tables: [TableLoss] = []
    /// What the report printed of its own attack and losses (checked against `tables`).
    public var reportAudit: ReportAudit?
    public init() {}
}

/// How much of one published table is lost to disclosure control.
public struct TableLoss: Sendable {
    public let title: String
    public let nonZeroCells: Int
    public let hiddenNonZeroCells: Int
    public let people: Int
    public let hiddenPeople: Int
    /// People in cells whose true count is 1 to k−1 (shown as 0 or k under perturbation).
    public let smallPeople: Int
    public let meanAbsolutePerturbation: Double
}

public enum Attack {
    /// A canonical name for a set of units: measure, the fixed dimension values, the period.
    static func name(_ measure: String, _ fixed: [String: String], period: String, regions: RegionCatalog) -> String {
        var fixed = fixed.filter { $0.value != ContingencyTable.all }
        // A commune fixes its former district, an age group its band, a type its group: the
        // same people either way.
        if let commune = fixed["com"], let district = regions.commune(commune)?.formerDistrictSlug { fixed["dist"] = district }
        if let age = fixed["age"], let band = CoarseCategories.ageBand[age] { fixed["aband"] = band }
        if let type = fixed["type"], let group = CoarseCategories.typeGroup[type] { fixed["tgroup"] = group }
        return measure + "|" + fixed.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "|" + period
    }

    static func parse(_ name: String) -> (measure: String, fixed: [String: String], period: String) {
        let parts = name.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var fixed: [String: String] = [:]
        for pair in parts[1].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            fixed[kv[0]] = kv[1]
        }
        return (parts[0], fixed, parts[2])
    }

    static let shortName: [StatDimension: String] = [
        .gbvType: "type", .survivorSex: "sex", .survivorAgeGroup: "age", .commune: "com", .formerDistrict: "dist",
        .source: "src", .reportingDelay: "delay", .agency: "agency", .referralStatus: "status", .mediationOutcome: "outcome",
        .repeatVictimisation: "repeat", .ageBand: "aband", .typeGroup: "tgroup",
    ]

    /// Runs the supervisor's whole harvest with `method` and the attack on it.
    public static func run(_ world: AttackWorld, method: DisclosureMethod) async throws -> AttackOutcome {
        let service = world.store.service
        let table = service.context.policy.disclosure.perturbation
        let k = world.k
        var attacker = BoundsAttacker()
        var outcome = AttackOutcome()
        var shownValues: [String: Int] = [:]
        var absolute = 0.0, absoluteCount = 0, hiddenPeople = 0, people = 0, smallPeople = 0

        func publish(_ result: StatResult, measure: String) {
            for cell in result.cells {
                var fixed: [String: String] = [:]
                for (dim, value) in result.query.filters { fixed[shortName[dim]!] = value }
                for (dim, value) in cell.values { fixed[shortName[dim]!] = value }
                let name = Attack.name(measure, fixed, period: result.query.period.description, regions: world.regions)
                outcome.published += 1
                if let shown = cell.count {
                    if let earlier = shownValues[name], earlier != shown { outcome.contradictions.append(name) }
                    shownValues[name] = shown
                    switch result.method {
                    case .perturb: attacker.constrain(name, to: table.preimage(of: shown))
                    case .suppress: attacker.constrain(name, to: shown...shown)
                    }
                } else {
                    // A hidden cell under suppression: zeros may be hidden too.
                    attacker.constrain(name, to: 0...BoundsAttacker.unbounded)
                }
            }
            if let population = result.populationTotal {
                let period = result.query.period.description
                attacker.constrain("population-\(measure)|" + period, to: table.preimage(of: population))
                attacker.sum("population-\(measure)|" + period, [Attack.name(measure, [:], period: period, regions: world.regions),
                                                                 "refusers-\(measure)|" + period])
            }
        }

        // 1. The annual report of 2026 (with 2025 beside it) and its CSV export: the same figures.
        let report = try await service.annualReport(year: 2026, language: .en, by: world.supervisor)
        outcome.reportAudit = report.audit
        func measureName(_ result: StatResult) -> String {
            switch result.query.measure { case .cases: "cases"; case .referrals: "referrals"; case .mediations: "mediations"; case .survivors: "survivors" }
        }
        for section in report.sections {
            publish(section.result, measure: measureName(section.result))
            publish(section.previous, measure: measureName(section.previous))
        }
        // 2. Statistics: every one- and two-way table of the case dimensions, by year and
        //    quarter; one-way and ×sex tables also by month; filters; referrals.
        let dims: [StatDimension] = [.gbvType, .survivorSex, .survivorAgeGroup, .formerDistrict, .commune, .source, .reportingDelay]
        var tables: [[StatDimension]] = dims.map { [$0] }
        for (i, a) in dims.enumerated() {
            for b in dims[(i + 1)...] where !(a == .formerDistrict && b == .commune) { tables.append([a, b]) }
        }
        tables.append([.gbvType, .survivorSex, .survivorAgeGroup])
        // The coarser categories `--coarsen` gives.
        tables += [[.ageBand], [.typeGroup], [.ageBand, .survivorSex], [.typeGroup, .survivorSex], [.typeGroup, .survivorSex, .ageBand]]
        var queries: [StatQuery] = []
        for year in [2025, 2026] {
            let quarters = (1...4).map { "\(year)-Q\($0)" }, months = (1...12).map { String(format: "%d-%02d", year, $0) }
            for by in tables {
                for period in ["\(year)"] + quarters { queries.append(StatQuery(by: by, period: StatPeriod(parsing: period)!, method: method)) }
                if by.count == 1 || (by.count == 2 && by.contains(.survivorSex)) && year == 2026 {
                    for period in months { queries.append(StatQuery(by: by, period: StatPeriod(parsing: period)!, method: method)) }
                }
            }
            for sex in Sex.rawValues {
                queries.append(StatQuery(by: [.commune], period: StatPeriod(year: year), filters: [.survivorSex: sex], method: method))
                queries.append(StatQuery(by: [.gbvType], period: StatPeriod(year: year), filters: [.survivorSex: sex], method: method))
            }
        }
        // Referrals are dated when sent: through the months, like the cases.
        for year in [2025, 2026] {
            for period in ["\(year)"] + (1...4).map({ "\(year)-Q\($0)" }) + (year == 2026 ? (1...12).map { String(format: "2026-%02d", $0) } : []) {
                queries.append(StatQuery(measure: .referrals, by: [.agency, .referralStatus], period: StatPeriod(parsing: period)!, method: method))
                queries.append(StatQuery(measure: .referrals, by: [.agency], period: StatPeriod(parsing: period)!, method: method))
                queries.append(StatQuery(measure: .referrals, by: [.referralStatus], period: StatPeriod(parsing: period)!,
                                         filters: [.agency: "justice-legal-aid"], method: method))
            }
        }
        for query in queries {
            let result: StatResult
            do {
                result = try await service.statistics(query, by: world.supervisor)
            } catch HavenError.invalidInput(.invalidValue(_, .notPublishedUnderSuppression)) where method == .suppress {
                // Suppression publishes a fixed set of whole-year tables: the rest is refused.
                outcome.refused += 1
                continue
            }
            publish(result, measure: query.measure == .cases ? "cases" : "referrals")
        }

        // 3. Mediation statistics, province, former districts and communes.
        for year in [2025, 2026] {
            for grouping in MediationStatsGrouping.allCases {
                for row in try await service.mediationStats(year: year, by: grouping, actor: world.supervisor) {
                    let group = grouping == .total ? [:] : [grouping == .commune ? "com" : "dist": row.group]
                    for (field, cell) in [("opened", row.opened), ("agreements", row.agreements), ("recurred6", row.recurrenceWithin6Months),
                                          ("recurred12", row.recurrenceWithin12Months)] {
                        if let shown = cell.count {
                            attacker.constrain(Attack.name("mediation-\(field)", group, period: "\(year)", regions: world.regions),
                                               to: table.preimage(of: shown))
                        }
                    }
                    attacker.atMost(Attack.name("mediation-agreements", group, period: "\(year)", regions: world.regions),
                                    Attack.name("mediation-opened", group, period: "\(year)", regions: world.regions))
                    attacker.atMost(Attack.name("mediation-recurred12", group, period: "\(year)", regions: world.regions),
                                    Attack.name("mediation-agreements", group, period: "\(year)", regions: world.regions))
                    attacker.atMost(Attack.name("mediation-recurred6", group, period: "\(year)", regions: world.regions),
                                    Attack.name("mediation-recurred12", group, period: "\(year)", regions: world.regions))
                }
            }
        }

        // 4. Every additive relation between the quantities: along each dimension, communes
        //    into former districts into the province, months into quarters into the year.
        let domains: [String: [String]] = [
            "type": GBVType.rawValues, "sex": Sex.rawValues, "age": AgeGroup.rawValues, "src": ReportingSource.rawValues,
            "delay": ReportingDelay.rawValues, "repeat": ["no", "yes"], "aband": CoarseCategories.ageBands, "tgroup": CoarseCategories.typeGroups, "agency": service.context.policy.agencies.map(\.id), "status": ReferralStatus.rawValues,
        ]
        let districts = Array(Set(world.regions.communes.map(\.formerDistrictSlug))).sorted()
        let names = attacker.names
        for name in names where !name.hasPrefix("population-") && !name.hasPrefix("refusers-") {
            let (measure, fixed, period) = parse(name)
            // A relation is added where some of its parts were published (the others join as
            // unknowns); parts none of which was published add nothing an attacker could use.
            func relate(_ children: [String]) {
                if children.contains(where: { attacker.find($0) != nil }) { attacker.sum(name, children) }
            }
            for (dim, values) in domains where fixed[dim] == nil {
                let applies = switch measure {
                case "cases", "survivors": !["agency", "status"].contains(dim)
                case "referrals": ["agency", "status"].contains(dim)
                default: false
                }
                guard applies else { continue }
                // Within a fixed band or group, only its own age groups or types.
                var values = values
                if dim == "age", let band = fixed["aband"] { values = values.filter { CoarseCategories.ageBand[$0] == band } }
                if dim == "type", let group = fixed["tgroup"] { values = values.filter { CoarseCategories.typeGroup[$0] == group } }
                relate(values.map { var f = fixed; f[dim] = $0; return Attack.name(measure, f, period: period, regions: world.regions) })
            }
            if measure == "cases" || measure == "survivors" || measure.hasPrefix("mediation") {
                if fixed["dist"] == nil {
                    relate(districts.map { var f = fixed; f["dist"] = $0; return Attack.name(measure, f, period: period, regions: world.regions) })
                } else if fixed["com"] == nil {
                    let communes = world.regions.communes.filter { $0.formerDistrictSlug == fixed["dist"] }.map(\.slug)
                    relate(communes.map { var f = fixed; f["com"] = $0; return Attack.name(measure, f, period: period, regions: world.regions) })
                }
            }
            // A survivor with cases in two quarters is one survivor of the year: no period sums.
            if !measure.hasPrefix("mediation") && measure != "survivors", let parsed = StatPeriod(parsing: period) {
                switch parsed.kind {
                case .year: relate((1...4).map { Attack.name(measure, fixed, period: "\(parsed.year)-Q\($0)", regions: world.regions) })
                case .quarter: relate(parsed.months.map { Attack.name(measure, fixed, period: $0, regions: world.regions) })
                case .month: break
                }
            }
        }
        attacker.run()
        outcome.contradictions += attacker.contradictions + attacker.infeasible.sorted()

        // 5. The truth of every quantity, from the database itself (counted once per set of
        //    fixed dimensions, by month), and what was recovered.
        let districtOf = Dictionary(uniqueKeysWithValues: world.regions.communes.map { ($0.slug, $0.formerDistrictSlug) })
        let caseColumn = Dictionary(uniqueKeysWithValues: AttackWorld.caseDims.map { ($0.1, $0.2) })
        var caseCounts: [[String]: [String: Int]] = [:]
        var survivorCounts: [[String]: [String: Int]] = [:]
        var referralCounts: [[String]: [String: Int]] = [:]
        /// Rows counted by the fixed dimensions `mask` and their period column (month for cases,
        /// year for survivors).
        func tally(_ rows: [[String]], _ mask: [String]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in rows {
                let key = mask.map { dim -> String in
                    switch dim {
                    case "dist": districtOf[row[3]] ?? ""
                    case "aband": CoarseCategories.ageBand[row[2]] ?? ""
                    case "tgroup": CoarseCategories.typeGroup[row[0]] ?? ""
                    default: row[caseColumn[dim]!]
                    }
                }.joined(separator: "|")
                counts[key + "#" + row[6], default: 0] += 1
            }
            return counts
        }
        func truth(_ name: String) -> Int? {
            if name.hasPrefix("refusers-cases|") { return world.refusers[String(name.dropFirst("refusers-cases|".count))] ?? 0 }
            if name.hasPrefix("population-") || name.hasPrefix("refusers-") { return nil }
            let (measure, fixed, period) = parse(name)
            let mask = fixed.keys.sorted()
            let wanted = mask.map { fixed[$0]! }.joined(separator: "|")
            let months = AttackWorld.months(period)
            switch measure {
            case "cases":
                if caseCounts[mask] == nil { caseCounts[mask] = tally(world.cases, mask) }
                return months.map { caseCounts[mask]![wanted + "#" + $0] ?? 0 }.reduce(0, +)
            case "survivors":
                guard let parsed = StatPeriod(parsing: period), parsed.kind == .year else { return nil }
                if survivorCounts[mask] == nil { survivorCounts[mask] = tally(world.survivors, mask) }
                return survivorCounts[mask]![wanted + "#" + String(parsed.year)] ?? 0
            case "referrals":
                if referralCounts[mask] == nil {
                    var counts: [String: Int] = [:]
                    for row in world.referrals {
                        let key = mask.map { $0 == "agency" ? row[0] : row[1] }.joined(separator: "|")
                        counts[key + "#" + row[2], default: 0] += 1
                    }
                    referralCounts[mask] = counts
                }
                return months.map { referralCounts[mask]![wanted + "#" + $0] ?? 0 }.reduce(0, +)
            default: return 0 // no mediation in the synthetic province
            }
        }
        for name in attacker.names {
            guard let bounds = attacker.bounds(name), let value = truth(name), value >= 1, value < k else { continue }
            outcome.targets += 1
            if !bounds.contains(value) { outcome.unsound.append(name) }
            outcome.narrowestRange = min(outcome.narrowestRange, bounds.count)
            if bounds.lowerBound == bounds.upperBound { outcome.exact.append(name) }
            // The promise: perturbation never pins a small count (its range keeps at least two
            // values); suppression keeps every hidden count's range wide enough to hold 0…k−1.
            // Under suppression the refusers (population line) and mediation figures are still
            // perturbed, and keep perturbation's promise.
            let perturbed = method == .perturb || name.hasPrefix("refusers-") || name.hasPrefix("mediation-")
            if perturbed ? bounds.count < 2 : (bounds.lowerBound > 0 || bounds.upperBound < k - 1) { outcome.narrowed.append(name) }
        }
        for (name, shown) in shownValues where name.hasPrefix("cases|") {
            guard let value = truth(name), value > 0 else { continue }
            absolute += Double(abs(shown - value)); absoluteCount += 1
        }
        outcome.meanAbsolutePerturbation = absoluteCount == 0 ? 0 : absolute / Double(absoluteCount)
        // Information loss of each report table: its interior cells (every dimension given).
        for section in report.sections {
            let result = section.result
            var nonZero = 0, hiddenNonZero = 0, tablePeople = 0, tableHidden = 0, tableSmall = 0, moved = 0.0
            for cell in result.cells where !cell.values.values.contains(ContingencyTable.all) {
                var fixed: [String: String] = [:]
                for (dim, value) in result.query.filters { fixed[shortName[dim]!] = value }
                for (dim, value) in cell.values { fixed[shortName[dim]!] = value }
                guard let value = truth(Attack.name(measureName(result), fixed, period: result.query.period.description, regions: world.regions)),
                      value > 0 else { continue }
                nonZero += 1; tablePeople += value
                if value < k { tableSmall += value }
                if let shown = cell.count { moved += Double(abs(shown - value)) } else { hiddenNonZero += 1; tableHidden += value }
            }
            hiddenPeople += tableHidden; people += tablePeople; smallPeople += tableSmall
            outcome.tables.append(TableLoss(title: section.title, nonZeroCells: nonZero, hiddenNonZeroCells: hiddenNonZero, people: tablePeople,
                                            hiddenPeople: tableHidden, smallPeople: tableSmall, meanAbsolutePerturbation: nonZero - hiddenNonZero == 0 ? 0 : moved / Double(nonZero - hiddenNonZero)))
        }
        outcome.hiddenPeopleShare = people == 0 ? 0 : Double(hiddenPeople) / Double(people)
        outcome.smallPeopleShare = people == 0 ? 0 : Double(smallPeople) / Double(people)
        return outcome
    }
}

