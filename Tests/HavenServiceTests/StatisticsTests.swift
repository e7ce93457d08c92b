import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// A store with cases in four communes, both sexes, over October–December 2026, with
/// small cells in known places; all consenting to statistics unless said otherwise.
struct StatisticsWorld {
    let store: TestStore
    let supervisor: Caller
    /// commune|sex|month → count.
    let truth: [String: Int]

    static let communes = ["my-thoi", "binh-duc", "long-xuyen", "tri-ton"]

    static func make(seed: UInt64 = 5, unconsented: Int = 0, method: DisclosureMethod = .perturb) async throws -> StatisticsWorld {
        let store = try await TestStore.make(clock: FixedClock(Timestamp.parse("2027-01-10T10:00:00+07:00")!.instant),
                                             disclosure: method == .suppress ? try TestStore.suppressionDisclosure() : nil)
        let officer = try await store.officer(communes)
        let supervisor = try await store.user(.supervisor)
        var rng = SeededGenerator(seed: seed)
        var truth: [String: Int] = [:]
        var lines: [String] = []
        for commune in communes {
            for sex in ["female", "male"] {
                for month in ["10", "11", "12"] {
                    let n = (sex == "male" ? [0, 1, 2, 3, 5] : [1, 2, 6, 9, 14]).randomElement(using: &rng)!
                    truth["\(commune)|\(sex)|2026-\(month)", default: 0] += n
                    for i in 0..<n {
                        lines.append(caseJSON(commune: commune, sex: sex, day: "2026-\(month)-\(String(format: "%02d", 1 + i % 27))",
                                              statistics: true, name: "\(commune) \(sex) \(month) \(i)"))
                    }
                }
            }
        }
        for i in 0..<unconsented {
            lines.append(caseJSON(commune: "my-thoi", sex: "female", day: "2026-11-03", statistics: false, name: "no consent \(i)"))
        }
        _ = try await store.service.importCases(jsonLines: Data(lines.joined(separator: "\n").utf8), atomic: true, by: officer)
        return StatisticsWorld(store: store, supervisor: supervisor, truth: truth)
    }

    static func caseJSON(commune: String, sex: String, day: String, statistics: Bool, name: String) -> String {
        Fixtures.intakeJSON(commune: commune, survivorName: "Người thử \(name)", reportedAt: "\(day)T09:00:00+07:00")
            .replacingOccurrences(of: "\"sex\": \"female\", \"birthDate\"", with: "\"sex\": \"\(sex)\", \"birthDate\"")
            .replacingOccurrences(of: "\"date\": \"2026-11-19\"", with: "\"date\": \"\(day)\"")
            .replacingOccurrences(of: "\"statistics\": true", with: "\"statistics\": \(statistics)")
            .replacingOccurrences(of: "\n", with: " ")
    }

    func query(_ by: [StatDimension], _ period: String = "2026", where filters: [StatDimension: String] = [:]) async throws -> StatResult {
        try await store.service.statistics(StatQuery(by: by, period: StatPeriod(parsing: period)!, filters: filters), by: supervisor)
    }
}

@Suite("Statistics and disclosure control")
struct StatisticsTests {
    static let regions = try! Fixtures.regions()
    /// The finest cells (commune × sex × month) a published number is the sum of.
    func finest(_ result: StatResult, _ cell: StatCell, keys: [String]) -> [Int: Int] {
        var row: [Int: Int] = [:]
        for (i, key) in keys.enumerated() {
            let parts = key.split(separator: "|").map(String.init)
            let district = Self.regions.commune(parts[0])?.formerDistrictSlug ?? ""
            let values: [StatDimension: String] = [.commune: parts[0], .survivorSex: parts[1], .month: parts[2], .formerDistrict: district,
                                                   .quarter: StatPeriod.quarter(ofMonth: parts[2])]
            guard result.query.period.months.contains(parts[2]) else { continue }
            let matches = values.allSatisfy { dim, value in
                if let fixed = result.query.filters[dim] { return fixed == (dim == .month ? String(value.suffix(2)) : value) }
                guard let v = cell.values[dim] else { return true }
                return v == ContingencyTable.all || v == value
            }
            if matches { row[i] = 1 }
        }
        return row
    }

    /// Differencing attacks fail: with every number suppression publishes in hand — the
    /// tables, their slices by a --where, communes beside former districts, months — no hidden
    /// cell can be worked out; a quarter, a month or a table outside the set is refused.
    @Test(arguments: [1, 2, 3, 4, 5, 9, 13, 21, 77, 404] as [UInt64])
    func differencingAttacksFail(seed: UInt64) async throws {
        let world = try await StatisticsWorld.make(seed: seed, method: .suppress)
        let results = [
            try await world.query([.commune, .survivorSex]),
            try await world.query([.commune]),
            try await world.query([.survivorSex]),
            try await world.query([.formerDistrict, .survivorSex]),
            try await world.query([.formerDistrict]),
            try await world.query([.commune], where: [.survivorSex: "female"]),
            try await world.query([.commune], where: [.survivorSex: "male"]),
            try await world.query([.survivorSex], where: [.commune: "my-thoi"]),
            try await world.query([.month]),
            try await world.query([.quarter]),
        ]
        for (by, period, filters) in [([StatDimension.commune, .survivorSex], "2026-Q4", [StatDimension: String]()), ([.commune], "2026-11", [:]),
                                      ([.month], "2026", [.commune: "tri-ton"]), ([.survivorSex, .month], "2026", [:])] {
            do {
                _ = try await world.query(by, period, where: filters)
                Issue.record("published under suppression: by \(by) period \(period) where \(filters)")
            } catch HavenError.invalidInput(.invalidValue(_, .notPublishedUnderSuppression)) {}
        }
        // The hidden share says nothing the table does not: from shown figures only.
        for result in results {
            let shown = result.cells.filter { !$0.values.values.contains(ContingencyTable.all) }.compactMap(\.count).reduce(0, +)
            if let total = result.total {
                #expect(result.hiddenShare == (total == 0 ? 0 : Double(total - shown) / Double(total)))
            } else {
                #expect(result.hiddenShare == 1)
            }
        }
        let keys = world.truth.keys.sorted()
        var system = RationalSystem(unknowns: keys.count)
        var hidden: [(StatResult, StatCell)] = []
        for result in results {
            for cell in result.cells {
                let row = finest(result, cell, keys: keys)
                if cell.suppressed { hidden.append((result, cell)) } else { system.add(row) }
                // Every shown count is the truth, and never a small one.
                if let count = cell.count {
                    #expect(count == row.keys.map { world.truth[keys[$0]]! }.reduce(0, +))
                    #expect(count == 0 || count >= result.k)
                }
            }
        }
        // Over a whole year some seeds leave no small cell at all; those that do must hide them.
        let small = results.flatMap { result in result.cells.filter { cell in
            let truth = finest(result, cell, keys: keys).keys.map { world.truth[keys[$0]]! }.reduce(0, +)
            return truth > 0 && truth < result.k
        } }
        guard !small.isEmpty else { return }
        #expect(hidden.count >= small.count + 1, "the data's small cells are hidden, with complements")
        let solver = system.solver()
        // Small counts are what must stay hidden (a complement of 0 or k and more may be derived).
        let derivable = hidden.filter { hidden in
            let row = finest(hidden.0, hidden.1, keys: keys)
            let truth = row.keys.map { world.truth[keys[$0]]! }.reduce(0, +)
            return truth > 0 && truth < hidden.0.k && solver.determines(row)
        }
            .map { "\($0.1.values.map { "\($0.key.rawValue)=\($0.value)" }.sorted()) in by \($0.0.query.by.map(\.rawValue)) where \($0.0.query.filters.map { "\($0.key.rawValue)=\($0.value)" }) period \($0.0.query.period)" }
        #expect(derivable.isEmpty, "derivable: \(derivable)")

        // The attack is real: publishing the same queries with primary suppression only
        // (no complements) would give hidden cells away.
        var naive = RationalSystem(unknowns: keys.count)
        var naiveHidden: [[Int: Int]] = []
        for result in results {
            for cell in result.cells {
                let row = finest(result, cell, keys: keys)
                let truth = row.keys.map { world.truth[keys[$0]]! }.reduce(0, +)
                if truth > 0 && truth < result.k { naiveHidden.append(row) } else { naive.add(row) }
            }
        }
        let naiveSolver = naive.solver()
        let caught = naiveHidden.contains { naiveSolver.determines($0) }
        #expect(caught, "the checker must catch a naive publication")
    }

    /// Issue #10 item 6: a sparse table says how much it loses and offers the coarser
    /// categories; `--coarsen` applies them (communes become former districts), under both
    /// methods, and the coarse table is one the method publishes.
    @Test(arguments: [DisclosureMethod.suppress, .perturb])
    func sparseTablesCoarsen(method: DisclosureMethod) async throws {
        let world = try await StatisticsWorld.make(seed: 3, method: method)
        // Suppression publishes commune × sex; perturbation any table, here commune × month.
        let (by, coarseBy): ([StatDimension], [StatDimension]) = method == .suppress
            ? ([.commune, .survivorSex], [.formerDistrict, .survivorSex]) : ([.commune, .month], [.formerDistrict, .quarter])
        // Men are few in this store (0–5 a commune and month).
        let filters: [StatDimension: String] = method == .suppress ? [:] : [.survivorSex: "male"]
        let fine = try await world.query(by, where: filters)
        #expect(fine.sparseShare > 0.25, "four communes of few cases each: \(fine.sparseShare)")
        #expect(fine.coarserOffered == Dictionary(uniqueKeysWithValues: zip(by, coarseBy).filter { $0 != $1 }.map { ($0, $1) }))
        let rendering = StatRendering(language: .en, regions: world.store.service.context.regions)
        #expect(rendering.note(fine).contains("--coarsen"))
        let coarse = try await world.store.service.statistics(
            StatQuery(by: by, period: StatPeriod(year: 2026), filters: filters, coarsen: true), by: world.supervisor)
        #expect(coarse.query.by == coarseBy && coarse.coarsened == fine.coarserOffered)
        #expect(coarse.coarserOffered.isEmpty && rendering.note(coarse).contains("Coarsened"))
        #expect(coarse.sparseShare < fine.sparseShare, "coarser categories lose less: \(coarse.sparseShare) vs \(fine.sparseShare)")
        // A table without a coarser dimension offers nothing.
        let bySex = try await world.query([.survivorSex])
        #expect(bySex.coarserOffered.isEmpty)
    }

    /// Issue #10 item 6: the coarser categories `disclosure.yaml` defines beside communes into
    /// former districts — age bands (children, adults) and groups of types (sexual, physical,
    /// other) — are offered for a sparse table and replace the fine ones under `--coarsen`; each
    /// coarse cell counts exactly the people of its fine cells (within the perturbation). Under
    /// suppression they are not published (their cells are sums of cells published anyway), so
    /// neither offered nor applied.
    @Test(arguments: [DisclosureMethod.perturb, .suppress])
    func ageBandsAndTypeGroups(method: DisclosureMethod) async throws {
        let world = try await AttackWorld.make(size: 400, seed: 31, method: method)
        let service = world.store.service
        let table = service.context.policy.disclosure.perturbation
        let year = StatPeriod(year: 2026)
        guard method == .perturb else {
            let fine = try await service.statistics(StatQuery(by: [.gbvType, .survivorAgeGroup, .survivorSex], period: year), by: world.supervisor)
            #expect(fine.sparseShare > 0.25 && fine.coarserOffered.isEmpty, "\(fine.sparseShare)")
            let coarse = try await service.statistics(StatQuery(by: [.gbvType, .survivorSex], period: year, coarsen: true), by: world.supervisor)
            #expect(coarse.query.by == [.gbvType, .survivorSex] && coarse.coarsened.isEmpty)
            await #expect(throws: HavenError.self) {
                try await service.statistics(StatQuery(by: [.typeGroup, .survivorSex], period: year), by: world.supervisor)
            }
            return
        }
        // Men's cases by type and age group: sparse.
        let men: [StatDimension: String] = [.survivorSex: "male"]
        let fine = try await service.statistics(StatQuery(by: [.gbvType, .survivorAgeGroup], period: year, filters: men), by: world.supervisor)
        #expect(fine.sparseShare > 0.25, "\(fine.sparseShare)")
        #expect(fine.coarserOffered == [.gbvType: .typeGroup, .survivorAgeGroup: .ageBand])
        let coarse = try await service.statistics(StatQuery(by: [.gbvType, .survivorAgeGroup], period: year, filters: men, coarsen: true),
                                                  by: world.supervisor)
        #expect(coarse.query.by == [.typeGroup, .ageBand] && coarse.coarsened == fine.coarserOffered)
        #expect(coarse.sparseShare < fine.sparseShare, "\(coarse.sparseShare) vs \(fine.sparseShare)")
        #expect(Set(coarse.cells.map { $0.values[.typeGroup]! }) == Set(CoarseCategories.typeGroups + [ContingencyTable.all]))
        #expect(Set(coarse.cells.map { $0.values[.ageBand]! }) == Set(CoarseCategories.ageBands + [ContingencyTable.all]))
        // Cases columns: type 0, sex 1, age group 2, …, month 6.
        for cell in coarse.cells {
            let group = cell.values[.typeGroup]!, band = cell.values[.ageBand]!
            let truth = world.cases.filter {
                $0[6].hasPrefix("2026") && $0[1] == "male" && (group == ContingencyTable.all || CoarseCategories.typeGroup[$0[0]] == group)
                    && (band == ContingencyTable.all || CoarseCategories.ageBand[$0[2]] == band)
            }.count
            let count = try #require(cell.count)
            #expect(table.preimage(of: count).contains(truth), "\(group) \(band): \(count) shown for \(truth)")
        }
        // The same people give the same figure whichever way they are asked for.
        let sexual = try await service.statistics(StatQuery(by: [.ageBand], period: year, filters: [.survivorSex: "male", .typeGroup: "sexual"]),
                                                  by: world.supervisor)
        #expect(sexual.cell([.ageBand: "0-17"])?.count == coarse.cell([.typeGroup: "sexual", .ageBand: "0-17"])?.count)
    }

    /// Repeat victimisation (issue #10 item 8): a case whose survivor had another case in the
    /// 365 days before counts as a repeat; the first case does not, nor one over a year later.
    @Test func repeatVictimisation() async throws {
        let store = try await TestStore.make(clock: FixedClock(Timestamp.parse("2027-01-10T10:00:00+07:00")!.instant),
                                             disclosure: try TestStore.suppressionDisclosure())
        let officer = try await store.officer(["my-thoi"])
        let supervisor = try await store.user(.supervisor)
        var lines: [String] = []
        // Five survivors with a second case within the year: five repeats.
        for i in 1...5 {
            for day in ["2026-03-0\(i)", "2026-08-0\(i)"] {
                lines.append(StatisticsWorld.caseJSON(commune: "my-thoi", sex: "female", day: day, statistics: true, name: "twice \(i)"))
            }
        }
        // One whose earlier case was more than a year before: no repeat.
        for day in ["2025-03-01", "2026-05-10"] {
            lines.append(StatisticsWorld.caseJSON(commune: "my-thoi", sex: "female", day: day, statistics: true, name: "long ago"))
        }
        for i in 1...5 {
            lines.append(StatisticsWorld.caseJSON(commune: "my-thoi", sex: "female", day: "2026-06-0\(i)", statistics: true, name: "once \(i)"))
        }
        _ = try await store.service.importCases(jsonLines: Data(lines.joined(separator: "\n").utf8), atomic: true, by: officer)
        let result = try await store.service.statistics(StatQuery(by: [.repeatVictimisation], period: StatPeriod(year: 2026)), by: supervisor)
        #expect(result.cell([.repeatVictimisation: "yes"])?.count == 5)
        #expect(result.cell([.repeatVictimisation: "no"])?.count == 11)
        let bySex = try await store.service.statistics(StatQuery(by: [.repeatVictimisation, .survivorSex], period: StatPeriod(year: 2026)),
                                                       by: supervisor)
        #expect(bySex.cell([.repeatVictimisation: "yes", .survivorSex: "female"])?.count == 5)
        // Survivors (published under perturbation only): each person once — 16 cases of 2026 are
        // 11 people; perturbation moves a count of 11 by at most 2.
        let perturbed = try await TestStore.make(clock: FixedClock(Timestamp.parse("2027-01-10T10:00:00+07:00")!.instant))
        let officer2 = try await perturbed.officer(["my-thoi"])
        let supervisor2 = try await perturbed.user(.supervisor)
        _ = try await perturbed.service.importCases(jsonLines: Data(lines.joined(separator: "\n").utf8), atomic: true, by: officer2)
        let survivors = try await perturbed.service.statistics(StatQuery(measure: .survivors, by: [.survivorSex], period: StatPeriod(year: 2026)),
                                                               by: supervisor2)
        let shown = try #require(survivors.total)
        #expect(PerturbationTable.standard.preimage(of: shown).contains(11) && !PerturbationTable.standard.preimage(of: shown).contains(16))
        let report = try await perturbed.service.annualReport(year: 2026, language: .en, by: supervisor2)
        #expect(report.sections.contains { $0.result.query.measure == .survivors && $0.result.total == shown })
    }

    /// Primary suppression through the service: k−1 hidden; k and k+1 shown when nothing else
    /// needs hiding; cases without statistics consent only in the total.
    @Test func primaryAndConsent() async throws {
        let store = try await TestStore.make(clock: FixedClock(Timestamp.parse("2027-01-10T10:00:00+07:00")!.instant),
                                             disclosure: try TestStore.suppressionDisclosure())
        let officer = try await store.officer(["my-thoi", "binh-duc", "long-xuyen", "tri-ton", "chau-doc"])
        let supervisor = try await store.user(.supervisor)
        var lines: [String] = []
        for (commune, n) in [("my-thoi", 4), ("binh-duc", 3), ("long-xuyen", 5), ("tri-ton", 6)] {
            for i in 0..<n { lines.append(StatisticsWorld.caseJSON(commune: commune, sex: "female", day: "2026-05-10", statistics: true, name: "\(commune) \(i)")) }
        }
        for i in 0..<2 { lines.append(StatisticsWorld.caseJSON(commune: "chau-doc", sex: "female", day: "2026-05-10", statistics: false, name: "x \(i)")) }
        _ = try await store.service.importCases(jsonLines: Data(lines.joined(separator: "\n").utf8), atomic: true, by: officer)
        let result = try await store.service.statistics(StatQuery(by: [.commune], period: StatPeriod(year: 2026)), by: supervisor)
        // One store, one method: asking for the other is refused.
        await #expect(throws: HavenError.self) {
            try await store.service.statistics(StatQuery(by: [.commune], period: StatPeriod(year: 2026), method: .perturb), by: supervisor)
        }
        #expect(result.cell([.commune: "my-thoi"])?.suppressed == true)      // k−1
        #expect(result.cell([.commune: "binh-duc"])?.suppressed == true)     // small
        #expect(result.cell([.commune: "long-xuyen"])?.count == 5)          // k
        #expect(result.cell([.commune: "tri-ton"])?.count == 6)             // k+1
        #expect(result.cell([.commune: "chau-doc"])?.count == 0, "unconsented cases are in no cell")
        #expect(result.cell([:])?.count == 18)
        #expect(result.total == 18)
        // No population line under suppression: beside the exact consented total, a perturbed
        // population would give the refusers' count to within the perturbation.
        #expect(result.populationTotal == nil)
        // Survivors are not published under suppression (they are tied to cases cell by cell).
        do {
            _ = try await store.service.statistics(StatQuery(measure: .survivors, by: [.survivorSex], period: StatPeriod(year: 2026)), by: supervisor)
            Issue.record("survivors published under suppression")
        } catch HavenError.invalidInput(.invalidValue(_, .notPublishedUnderSuppression)) {}
        // Mediations are perturbed under both methods, like the mediation statistics.
        let mediations = try await store.service.statistics(StatQuery(measure: .mediations, by: [.mediationOutcome], period: StatPeriod(year: 2026)),
                                                            by: supervisor)
        #expect(mediations.method == .perturb)
        // The annual report leaves survivors out and shows no overdue share or median.
        let report = try await store.service.annualReport(year: 2026, language: .en, by: supervisor)
        #expect(!report.sections.contains { $0.result.query.measure == .survivors })
        #expect(report.sections.allSatisfy { $0.result.cells.allSatisfy { $0.shareOverdue == nil && $0.medianHoursToAcknowledge == nil } })
    }

    /// Perturbation, the default: every shown count is 0 or at least k and within the
    /// table's reach of the truth; the same people show the same figure in every table,
    /// filter, period and repeated query; rows cover the whole code list.
    @Test func perturbationIsConsistent() async throws {
        let world = try await StatisticsWorld.make(seed: 9)
        let table = PerturbationTable.standard
        let byCommuneSex = try await world.query([.commune, .survivorSex])
        #expect(byCommuneSex.method == .perturb && byCommuneSex.cells.allSatisfy { !$0.suppressed && $0.count != nil })
        let again = try await world.query([.commune, .survivorSex])
        #expect(again.cells == byCommuneSex.cells, "the same query gives the same answer")
        let femaleOnly = try await world.query([.commune], where: [.survivorSex: "female"])
        let byCommune = try await world.query([.commune])
        for commune in StatisticsWorld.communes {
            let truth = ["10", "11", "12"].map { world.truth["\(commune)|female|2026-\($0)"] ?? 0 }.reduce(0, +)
            let shown = try #require(byCommuneSex.cell([.commune: commune, .survivorSex: "female"])?.count)
            #expect(table.preimage(of: shown).contains(truth))
            #expect(shown == 0 || shown >= 5)
            #expect(femaleOnly.cell([.commune: commune])?.count == shown, "a filter shows the same cell the same way")
            #expect(byCommune.cell([.commune: commune])?.count == byCommuneSex.cell([.commune: commune, .survivorSex: ContingencyTable.all])?.count)
        }
        // Every commune of the province has a row, with or without cases.
        #expect(byCommune.cells.count == world.store.service.context.regions.communes.count + 1)
        // A month's cells and the year's are different people: each perturbed on its own,
        // but a month cell is the same in a month query and in a year query by month.
        let november = try await world.query([.commune], "2026-11")
        let byMonth = try await world.query([.commune, .month])
        for commune in StatisticsWorld.communes {
            #expect(november.cell([.commune: commune])?.count == byMonth.cell([.commune: commune, .month: "2026-11"])?.count)
        }
    }

    /// Record keys edited outside Haven (text, a fraction, a huge or negative number) neither
    /// crash a query nor overflow a sum; figures keep the table's promise.
    @Test func recordKeysEditedOutsideHaven() async throws {
        let world = try await StatisticsWorld.make(seed: 4)
        try world.store.tamper("UPDATE cases SET record_key = 'x' WHERE rowid % 4 = 0")
        try world.store.tamper("UPDATE cases SET record_key = 1.5 WHERE rowid % 4 = 1")
        try world.store.tamper("UPDATE cases SET record_key = 9223372036854775807 WHERE rowid % 4 = 2")
        try world.store.tamper("UPDATE cases SET record_key = -7 WHERE rowid % 4 = 3")
        for by in [[StatDimension.commune, .survivorSex], [.month], [.survivorSex]] {
            let result = try await world.query(by)
            #expect(result.cells.allSatisfy { ($0.count ?? 0) == 0 || ($0.count ?? 0) >= result.k })
        }
        let referrals = try await world.store.service.statistics(StatQuery(measure: .referrals, by: [.agency], period: StatPeriod(year: 2027)),
                                                                 by: world.supervisor)
        #expect(referrals.cells.allSatisfy { ($0.count ?? 0) == 0 || ($0.count ?? 0) >= referrals.k })
        _ = try await world.store.service.mediationStats(year: 2026, by: .commune, actor: world.supervisor)
    }

    /// Survivor identities and dates edited outside Haven (sqlite3): one blind index for every
    /// case, a huge one, a malformed report date. Survivor and repeat figures still come out
    /// (perturbed, never 1–4) and nothing crashes: the columns only feed aggregates.
    @Test func survivorColumnsEditedOutsideHaven() async throws {
        let world = try await StatisticsWorld.make(seed: 6)
        try world.store.tamper("UPDATE cases SET blind_index = 'same' WHERE rowid % 3 = 0")
        try world.store.tamper("UPDATE cases SET blind_index = printf('%.10000c', 'z') WHERE rowid % 3 = 1")
        try world.store.tamper("UPDATE cases SET report_date = '2026-13-99' WHERE rowid % 7 = 0")
        let service = world.store.service
        for query in [StatQuery(measure: .survivors, by: [.survivorSex], period: StatPeriod(year: 2026)),
                      StatQuery(by: [.repeatVictimisation, .survivorSex], period: StatPeriod(year: 2026))] {
            let result = try await service.statistics(query, by: world.supervisor)
            #expect(result.cells.allSatisfy { ($0.count ?? 0) == 0 || ($0.count ?? 0) >= result.k })
        }
        _ = try await service.annualReport(year: 2026, language: .vi, by: world.supervisor)
    }

    /// The annual report renders in HTML and Markdown, in both languages; its SVG charts are
    /// well-formed XML; its total equals the raw count in the store.
    @Test func annualReport() async throws {
        let world = try await StatisticsWorld.make(seed: 13, unconsented: 3)
        let service = world.store.service
        for language in Language.allCases {
            let report = try await service.annualReport(year: 2026, language: language, by: world.supervisor)
            let html = report.html(), markdown = report.markdown()
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>") && html.contains("@media print"))
            #expect(markdown.hasPrefix("# "))
            #expect(!html.contains("Người thử") && !markdown.contains("Người thử"), "no name in the report")
            #expect(report.charts.count >= 4)
            for svg in report.charts { #expect(XMLCheck.isWellFormed(svg), "SVG not well-formed") }
            #expect(XMLCheck.isWellFormed(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")), "HTML is not well-formed XML")
            let raw = try RawDatabase.string(path: world.store.location.databasePath,
                                             sql: "SELECT count(*) FROM cases WHERE report_date LIKE '2026-%'")
            let total = try #require(report.totalCases), truth = try #require(raw.flatMap { Int($0) })
            #expect(abs(total - truth) <= PerturbationTable.standard.maximum, "the total is perturbed, by at most the table's maximum")
            #expect(html.contains(String(total)))
        }
        let en = try await service.annualReport(year: 2026, language: .en, by: world.supervisor)
        #expect(en.html().contains("Cases by type of violence"))
        let vi = try await service.annualReport(year: 2026, language: .vi, by: world.supervisor)
        #expect(vi.markdown().contains("Vụ việc theo loại bạo lực"))
    }

    /// Only supervisors and administrators see statistics; a supervisor sees no case.
    @Test func permissions() async throws {
        let world = try await StatisticsWorld.make(seed: 2)
        let officer = try await world.store.officer(["my-thoi"])
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .statsQuery)) {
            try await world.store.service.statistics(StatQuery(by: [.commune], period: StatPeriod(year: 2026)), by: officer)
        }
        await #expect(throws: HavenError.self) { try await world.store.service.listCases(by: world.supervisor) }
        await #expect(throws: HavenError.forbidden(role: .supervisor, action: .exportData)) {
            try await world.store.service.incidentRecorder(year: 2026, by: world.supervisor)
        }
        await #expect(throws: HavenError.forbidden(role: .admin, action: .exportData)) {
            try await world.store.service.incidentRecorder(year: 2026, by: world.store.admin)
        }
        let partner = try await world.store.user(.dataPartner, agency: "unfpa", name: "UNFPA analyst")
        let (csv, _) = try await world.store.service.incidentRecorder(year: 2026, by: partner)
        #expect(csv.hasPrefix("incident_number,report_month") && !csv.contains("Người") && !csv.contains("C-"))
        await #expect(throws: HavenError.forbidden(role: .dataPartner, action: .statsQuery)) {
            try await world.store.service.statistics(StatQuery(by: [.commune], period: StatPeriod(year: 2026)), by: partner)
        }
    }
}

@Suite("Statistics labels")
struct StatisticsLabelTests {
    /// Two former districts named "Huyện Châu Thành" (of An Giang and of Kiên Giang) are told
    /// apart by their former province; a unique name stays as it is.
    @Test func sharedDistrictNamesCarryTheirProvince() throws {
        let regions = try Fixtures.regions()
        let rendering = StatRendering(language: .vi, regions: regions)
        let chauThanh = Set(regions.communes.filter { $0.formerDistrict == "Huyện Châu Thành" }.map(\.formerDistrictSlug))
        #expect(chauThanh.count == 2)
        let labels = chauThanh.map { rendering.label(.formerDistrict, $0) }
        #expect(Set(labels).count == 2 && labels.allSatisfy { $0.hasPrefix("Huyện Châu Thành (") }, "\(labels)")
        #expect(rendering.label(.formerDistrict, "long-xuyen") == "Thành phố Long Xuyên")
    }

    /// Issue #10 item 5 (honest marks): every hidden cell shows one mark, "x", in tables, charts
    /// and the report; none says "<k", which would claim a hidden cell is small when it may
    /// be k or more.
    @Test func hiddenCellsCarryOneMark() async throws {
        let world = try await StatisticsWorld.make(method: .suppress)
        let result = try await world.query([.commune, .survivorSex])
        #expect(result.cells.contains { $0.suppressed }, "the fixture has hidden cells")
        for language in [Language.en, .vi] {
            let rendering = StatRendering(language: language, regions: try Fixtures.regions())
            let table = rendering.table(result)
            #expect(table.contains(" x") && !table.contains("<\(result.k)"), "\(table)")
            let svg = rendering.svg(result, title: "t")
            #expect(!svg.contains("&lt;\(result.k)"))
        }
        let report = try await world.store.service.annualReport(year: 2026, language: .en, by: world.supervisor)
        #expect(!report.markdown().contains("<\(result.k)") && !report.html().contains("&lt;\(result.k)<"))
    }
}
