import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenTestSupport
import Testing

@Suite("Disclosure attack on a synthetic province", .serialized)
struct DisclosureAttackTests {
    /// Everything a supervisor can obtain — the annual report, every one- and two-way table by
    /// year, quarter and month, filters, referral tables, mediation statistics, the population
    /// line, the same queries again — and an attacker with integer bounds over every relation
    /// between them: no count from 1 to k−1 is recovered, and the same people always show the
    /// same figure.
    @Test(arguments: [200, 2_000, 20_000])
    func perturbationWithstandsTheAttack(size: Int) async throws {
        let world = try await AttackWorld.make(size: size, seed: UInt64(size))
        let outcome = try await Attack.run(world, method: .perturb)
        #expect(outcome.targets > 0, "the data must hold small counts to attack")
        #expect(outcome.contradictions.isEmpty, "the same people showed different figures: \(outcome.contradictions.prefix(5))")
        #expect(outcome.exact.isEmpty, "recovered exactly: \(outcome.exact.prefix(10))")
        #expect(outcome.narrowed.isEmpty, "narrowed: \(outcome.narrowed.prefix(10))")
        #expect(outcome.unsound.isEmpty, "the attacker's bounds exclude the truth (a bug in the attacker): \(outcome.unsound.prefix(5))")
        try checkReportAudit(outcome)
        // Issue #10 item 8: at least 90 % of the report tables' people in shown cells (all of
        // them, under perturbation: no cell is hidden).
        #expect(outcome.hiddenPeopleShare <= 0.10, "\(outcome.hiddenPeopleShare)")
        print("attack perturb size=\(size) published=\(outcome.published) targets=\(outcome.targets) exact=\(outcome.exact.count) narrowed=\(outcome.narrowed.count) meanAbs=\(outcome.meanAbsolutePerturbation) inCellsOf1to4=\(outcome.smallPeopleShare)")
    }

    /// The report's methods note, worked out inside Haven, agrees with the attack harness's
    /// own count from the database: people hidden and mean move per table; and the referral
    /// tables, dated through the year, are not empty.
    func checkReportAudit(_ outcome: AttackOutcome) throws {
        let audit = try #require(outcome.reportAudit)
        #expect(audit.tables.map(\.title) == outcome.tables.map(\.title))
        for (printed, measured) in zip(audit.tables, outcome.tables) {
            let share = measured.people == 0 ? 0 : Double(measured.hiddenPeople) / Double(measured.people)
            #expect(abs(printed.hiddenPeopleShare - share) < 1e-9 || measured.people == 0 || printed.hiddenPeopleShare == 1, "\(printed.title): \(printed.hiddenPeopleShare) vs \(share)")
            if let mean = printed.meanAbsolutePerturbation {
                #expect(abs(mean - measured.meanAbsolutePerturbation) < 1e-9, "\(printed.title): \(mean) vs \(measured.meanAbsolutePerturbation)")
            }
        }
        let referrals = outcome.tables.filter { $0.title.hasPrefix("Referrals") }
        #expect(!referrals.isEmpty && referrals.allSatisfy { $0.people > 0 }, "referral tables of the year hold referrals")
        #expect(audit.narrowestRange != nil)
    }

    /// The same harvest on a store that publishes with suppression: everything outside its
    /// fixed set of whole-year tables is refused, and no hidden count from 1 to k−1 is narrowed
    /// below 0…k−1 — not even from the hierarchy of communes in former districts, or from the
    /// sums across tables.
    @Test(arguments: [200, 2_000, 20_000])
    func suppressionWithstandsTheAttack(size: Int) async throws {
        let world = try await AttackWorld.make(size: size, seed: UInt64(size), method: .suppress)
        let outcome = try await Attack.run(world, method: .suppress)
        #expect(outcome.targets > 0, "the data must hold small counts to attack")
        #expect(outcome.refused > 0, "sub-year periods, filters and other tables are refused under suppression")
        #expect(outcome.contradictions.isEmpty, "the same people showed different figures: \(outcome.contradictions.prefix(5))")
        #expect(outcome.exact.isEmpty, "recovered exactly: \(outcome.exact.prefix(10))")
        #expect(outcome.narrowed.isEmpty, "narrowed: \(outcome.narrowed.prefix(10))")
        #expect(outcome.unsound.isEmpty, "the attacker's bounds exclude the truth (a bug in the attacker): \(outcome.unsound.prefix(5))")
        try checkReportAudit(outcome)
        print("attack suppress size=\(size) published=\(outcome.published) refused=\(outcome.refused) targets=\(outcome.targets) exact=\(outcome.exact.count) narrowed=\(outcome.narrowed.count) hiddenPeople=\(outcome.hiddenPeopleShare) inCellsOf1to4=\(outcome.smallPeopleShare)")
    }
}
