import Foundation
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
        print("attack perturb size=\(size) published=\(outcome.published) targets=\(outcome.targets) exact=\(outcome.exact.count) narrowed=\(outcome.narrowed.count) meanAbs=\(outcome.meanAbsolutePerturbation)")
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
        print("attack suppress size=\(size) published=\(outcome.published) refused=\(outcome.refused) targets=\(outcome.targets) exact=\(outcome.exact.count) narrowed=\(outcome.narrowed.count) hiddenPeople=\(outcome.hiddenPeopleShare)")
    }
}
