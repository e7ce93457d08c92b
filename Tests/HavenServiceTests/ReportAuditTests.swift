import Foundation
import HavenAPI
import HavenCore
@testable import HavenService
import HavenTestSupport
import Testing

/// Issue #10, Done when: the report's methods note prints each table's information loss beside
/// the attacker's result on the same data — and a report the attack takes apart is not issued.
@Suite("The annual report's own attack")
struct ReportAuditTests {
    /// Under perturbation: the note names the figures attacked and the promise kept; every
    /// table has a row with nothing hidden; a mean move is printed only over enough cells.
    @Test func methodsNoteCarriesTheAttackOnThisStore() async throws {
        let world = try await StatisticsWorld.make(seed: 21, unconsented: 3)
        let report = try await world.store.service.annualReport(year: 2026, language: .en, by: world.supervisor)
        let audit = report.audit
        #expect(audit.figures > 100, "both years of every table, the population line, the mediation figures")
        #expect(audit.tables.map(\.title) == report.sections.map(\.title), "one row per table of the report")
        #expect(audit.tables.allSatisfy { $0.hiddenCells == 0 && $0.hiddenPeopleShare == 0 }, "perturbation hides nothing")
        let narrowest = try #require(audit.narrowestRange, "the fixture holds counts from 1 to 4")
        #expect(narrowest >= 2, "perturbation keeps two values at least")
        let markdown = report.markdown(), html = report.html()
        for text in [markdown, html] {
            #expect(text.contains("When this report was made, Haven attacked it on this store's data"))
            #expect(text.contains("its \(audit.figures) figures") && text.contains("holds \(narrowest) values"))
            #expect(text.contains("narrowed none below two possible values"))
        }
        for table in audit.tables {
            let section = try #require(report.sections.first { $0.title == table.title })
            let shownNonZero = section.result.cells.filter { !$0.values.values.contains(ContingencyTable.all) && ($0.count ?? 0) > 0 }.count
            #expect((table.meanAbsolutePerturbation != nil) == (shownNonZero >= ReportAudit.minimumCells),
                    "\(table.title): a mean move over \(shownNonZero) cells")
        }
        let vi = try await world.store.service.annualReport(year: 2026, language: .vi, by: world.supervisor)
        #expect(vi.markdown().contains("Khi lập báo cáo này, Haven đã tấn công chính nó"))
    }

    /// Under suppression: cells hidden are counted with the zeros, the mean move is 0 (shown
    /// counts are exact) and the promise is the whole 0…k−1.
    @Test func suppressionNote() async throws {
        let world = try await StatisticsWorld.make(method: .suppress)
        let report = try await world.store.service.annualReport(year: 2026, language: .en, by: world.supervisor)
        #expect(report.audit.tables.contains { $0.hiddenCells > 0 }, "the fixture hides cells")
        let markdown = report.markdown()
        #expect(markdown.contains("narrowed none below the whole range 0–4"))
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| \(report.audit.tables[0].title) |") && $0.contains(" / ") })
        #expect(row.hasSuffix("| 0 |"), "\(row)")
    }

    /// A hidden count its table's other figures give away, or one quantity shown with two
    /// values, and the report is refused (exit 70 from the command line); the same table with
    /// the count's partner hidden too passes.
    @Test func aReportTheAttackTakesApartIsNotIssued() async throws {
        let store = try await TestStore.make(disclosure: try TestStore.suppressionDisclosure())
        let service = store.service
        let query = StatQuery(by: [.survivorSex], period: StatPeriod(year: 2026))
        func result(_ counts: [String: Int?]) -> StatResult {
            let cells = counts.sorted { $0.key < $1.key }.map { value, count in
                StatCell(values: [.survivorSex: value], count: count, suppressed: count == nil, medianHoursToAcknowledge: nil, shareOverdue: nil)
            }
            return StatResult(query: query, k: 5, method: .suppress, maximumPerturbation: 0, cells: cells, populationTotal: nil, hiddenShare: 0)
        }
        func audit(_ counts: [String: Int?], truth: [String: Int]) throws -> ReportAudit {
            let r = result(counts)
            let truths = r.cells.map { truth[$0.values[.survivorSex]!]! }
            return try service.auditReport([AuditedSection(title: "t", result: r, truth: StatTruth(cells: truths, unconsented: 0), current: true)],
                                           mediation: [], populationTotal: nil, year: 2026)
        }
        let truth = ["*": 9, "female": 7, "male": 2, "unknown": 0]
        // The male count is the total minus the female and unknown counts.
        #expect(throws: HavenError.disclosureAuditFailed(count: 1)) {
            try audit(["*": 9, "female": 7, "male": nil, "unknown": 0], truth: truth)
        }
        // With the unknown column hidden too, the 2 may be anything from 0 to 2 … and the
        // attacker keeps 0…2, below the promised 0…4: still refused.
        #expect(throws: HavenError.self) { try audit(["*": 9, "female": 7, "male": nil, "unknown": nil], truth: truth) }
        // With the female count hidden as well, the 2 keeps 0…9.
        let safe = try audit(["*": 9, "female": nil, "male": nil, "unknown": nil], truth: truth)
        #expect(safe.narrowestRange == 10 && safe.tables[0].hiddenCells == 3)
        // One quantity shown with two values (two tables of the same people).
        let first = result(["*": 9, "female": 7, "male": nil, "unknown": nil]), second = result(["*": 10, "female": nil, "male": nil, "unknown": nil])
        let truths = first.cells.map { truth[$0.values[.survivorSex]!]! }
        #expect(throws: HavenError.self) {
            try service.auditReport([AuditedSection(title: "a", result: first, truth: StatTruth(cells: truths, unconsented: 0), current: true),
                                     AuditedSection(title: "b", result: second, truth: StatTruth(cells: truths, unconsented: 0), current: true)],
                                    mediation: [], populationTotal: nil, year: 2026)
        }
        #expect(HavenError.disclosureAuditFailed(count: 2).message(.en).contains("not made"))
    }
}
