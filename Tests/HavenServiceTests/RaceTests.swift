import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #11, item 3: a use case decides on what it reads inside the transaction that
/// writes. The same command run at once on the same record never loses an update.
@Suite("Races: the same command at once")
struct RaceTests {
    /// Three follow-ups recorded at once: each that reports success filled its own slot.
    @Test func followUpsAtOnce() async throws {
        let world = try await MediationWorld.make()
        let service = world.store.service
        let caseID = try await world.intake()
        let opened = try await service.openMediation(caseID.rawValue, team: world.team.id, by: world.officer)
        let day = try #require(LocalDate(iso: "2026-11-25"))
        _ = try await service.recordSession(opened.id, date: day, outcome: .agreement, note: nil, agreement: "Cam kết", by: world.officer)
        let later = world.service(after: 40)
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    (try? await later.recordFollowUp(opened.id, date: day.adding(days: 35), recurred: false, by: world.officer)) != nil
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let done = try await service.showMediation(opened.id, by: world.officer).followUps.filter { $0.done != nil }.count
        #expect(successes >= 1 && done == successes, "\(successes) reported, \(done) recorded")
    }

    /// Consent given and withdrawn at once by two officers: what the case holds afterwards is
    /// one of the two orders, never a mix that neither asked for, and each flag given is kept.
    @Test func consentAtOnce() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let intake = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["beating"])), by: world.officer)
        async let a: [ReferralSummary] = service.recordConsent(intake.id.rawValue, referral: nil, police: true, mediation: nil,
                                                               statistics: nil, by: world.officer)
        async let b: [ReferralSummary] = service.recordConsent(intake.id.rawValue, referral: nil, police: nil, mediation: nil,
                                                               statistics: false, by: world.officer)
        _ = try await (a, b)
        let facts = try await service.showCase(intake.id.rawValue, by: world.officer).facts
        #expect(facts.consent.police && !facts.consent.statistics, "both flags kept")
        let police = try #require(try await service.showCase(intake.id.rawValue, by: world.officer).referrals.first { $0.agency == "police" })
        #expect(police.status == .pending, "sent once police consent is given")
        #expect(try await service.verifyAudit(by: world.store.admin).entries > 0)
    }

    /// An agency's key made while cases are logged: afterwards no referral sent to it is left
    /// without a packet (one sent between the key's making and its storing is sealed too).
    @Test func agencyKeyWhileCasesAreLogged() async throws {
        let world = try await ReferralWorld.make(keys: false)
        let service = world.store.service
        let path = world.store.directory.path + "/health.key"
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    _ = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: "Người Thử \(index)")
                        .replacingOccurrences(of: "\"referral\": false", with: "\"referral\": true")), by: world.officer)
                }
            }
            group.addTask { _ = try await AgencyKeyMaker.make(service: service, "health", outPath: path, by: world.store.admin) }
            try await group.waitForAll()
        }
        let unsealed = try await service.listReferrals(agency: "health", by: world.caseworkers["health"]!).filter { !$0.sealed }
        #expect(unsealed.isEmpty, "\(unsealed.map(\.id))")
        #expect(try await service.listReferrals(agency: "health", by: world.caseworkers["health"]!).count == 12)
    }
}
