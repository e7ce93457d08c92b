import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #14, item 5: a case corrected after intake — through the same answers, audited field
/// by field (names, never values), re-routed when a coded fact changed.
@Suite("Correcting a case after intake")
struct CaseEditTests {
    /// A family conflict in mediation turns out, on correction, to be a rape: the correction
    /// is audited by field, the police referral is added, the mediation stopped, mediation
    /// refused from then on, and the search follows the new phone number.
    @Test func correctionAuditedReroutedAndMediationStopped() async throws {
        let world = try await MediationWorld.make()
        let service = world.store.service
        let caseID = try await world.intake()
        let mediation = try await service.openMediation(caseID.rawValue, team: world.team.id, by: world.officer)
        let answers = try await service.caseAnswers(caseID.rawValue, by: world.officer).answers
        #expect(answers["survivor.name"] == "Nguyễn Thị Lan" && answers["incident.acts"] == "insults,threats")
        #expect(answers["survivor.phone"] == "0912345678" && answers["survivor.birth"] == "1994-03-02")

        let corrected = MediationWorld.familyCase([("\"acts\": [\"insults\", \"threats\"]", "\"acts\": [\"insults\", \"threats\", \"rape\"]"),
                                                   ("\"0912345678\"", "\"0987654321\"")])
        let edit = try await service.editCase(caseID.rawValue, form: try Fixtures.form(corrected), expected: answers, by: world.officer)
        #expect(edit.changed == ["survivor.phone", "incident.acts"])
        let route = try #require(edit.route)
        #expect(route.added.contains { $0.agency == "police" && $0.mandatory })
        #expect(edit.mediationsStopped == [mediation.id])
        let stopped = try await service.showMediation(mediation.id, by: world.officer)
        #expect(stopped.mediation.status == .closed && stopped.mediation.end == .notEligible)
        #expect(try await service.mediationEligibility(caseID.rawValue, by: world.officer).eligible == false)

        // The audit names each field changed, never a value; the timeline says so too.
        let path = world.store.location.databasePath
        let details = try RawDatabase.string(path: path, sql: "SELECT group_concat(detail, '|') FROM audit WHERE action = 'case.edit' AND detail LIKE 'field=%'") ?? ""
        #expect(details == "field=survivor.phone|field=incident.acts")
        let detail = try await service.showCase(caseID.rawValue, by: world.officer)
        #expect(detail.sealed[.survivorPhone] == "0987654321" && detail.facts.acts.contains(.rape) && detail.facts.gbvType == .rape)
        #expect(detail.timeline.contains { $0.kind == "edited" && $0.detail == "fields=survivor.phone,incident.acts" })
        #expect(try await service.findCases(CaseSearch(phone: "0987654321"), by: world.officer).map(\.id) == [caseID])
        #expect(try await service.findCases(CaseSearch(phone: "0912345678"), by: world.officer).isEmpty)
        #expect(try await service.verifyAudit(by: world.store.admin).entries > 0)

        // The same answers again: nothing changes, nothing is audited.
        let again = try await service.editCase(caseID.rawValue, form: try Fixtures.form(corrected), by: world.officer)
        #expect(again.changed.isEmpty && again.route == nil)
        // Started from answers that are no longer the case's: refused, nothing saved.
        await #expect(throws: HavenError.caseChangedMeanwhile(id: caseID.rawValue)) {
            try await service.editCase(caseID.rawValue, form: try Fixtures.form(MediationWorld.familyCase()), expected: answers, by: world.officer)
        }
        #expect(try await service.showCase(caseID.rawValue, by: world.officer).facts.acts.contains(.rape))
    }

    /// Consent given in a correction sends the held referral; moving the case to a commune
    /// that is not the officer's, another commune's officer, a caseworker and a closed case
    /// are refused.
    @Test func consentCommunesAndRoles() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let json = Fixtures.intakeJSON(acts: ["beating"])
        let intake = try await service.createCase(try Fixtures.form(json), by: world.officer)
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        #expect(police.status == .held)
        let consented = json.replacingOccurrences(of: "\"police\": false", with: "\"police\": true")
        #expect(consented != json)
        let edit = try await service.editCase(intake.id.rawValue, form: try Fixtures.form(consented), by: world.officer)
        #expect(edit.changed == ["consent.police"])
        #expect(edit.released.map(\.id) == [police.id] && edit.released.first?.status == .pending)

        let narrow = try await world.store.officer(["my-thoi"])
        let narrowCase = try await service.createCase(try Fixtures.form(json), by: narrow)
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .caseEdit)) {
            try await service.editCase(narrowCase.id.rawValue, form: try Fixtures.form(Fixtures.intakeJSON(commune: "binh-duc", acts: ["beating"])),
                                       by: narrow)
        }
        let elsewhere = try await world.store.officer(["long-xuyen"])
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .caseEdit)) {
            try await service.caseAnswers(intake.id.rawValue, by: elsewhere)
        }
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .caseEdit)) {
            try await service.caseAnswers(intake.id.rawValue, by: world.caseworkers["police"]!)
        }
        try await service.closeCase(narrowCase.id.rawValue, outcome: .servicesProvided, by: narrow)
        await #expect(throws: HavenError.caseClosed(id: narrowCase.id.rawValue)) {
            try await service.editCase(narrowCase.id.rawValue, form: try Fixtures.form(json), by: narrow)
        }
        #expect(try await service.showCase(narrowCase.id.rawValue, by: narrow).facts.commune == "my-thoi")
    }

    /// After an outside review: consent to mediation withdrawn — by `case consent` or in a
    /// correction — stops an open mediation, recorded in the audit log; consent given in a
    /// correction is recorded with its value; a case moved to another commune takes its
    /// referrals along; agencies already holding the earlier details are named.
    @Test func reviewFindings() async throws {
        let world = try await MediationWorld.make()
        let service = world.store.service
        // Withdrawn with case consent.
        let first = try await world.intake()
        let m1 = try await service.openMediation(first.rawValue, team: world.team.id, by: world.officer)
        try await service.recordConsent(first.rawValue, referral: nil, police: nil, mediation: false, statistics: nil, by: world.officer)
        #expect(try await service.showMediation(m1.id, by: world.officer).mediation.end == .notEligible)
        // Withdrawn in a correction.
        let second = try await world.intake(MediationWorld.familyCase([("Nguyễn Thị Lan", "Lê Thị Hoa")]))
        let m2 = try await service.openMediation(second.rawValue, team: world.team.id, by: world.officer)
        let withdrawn = MediationWorld.familyCase([("Nguyễn Thị Lan", "Lê Thị Hoa"), ("\"mediation\": true", "\"mediation\": false")])
        let edit = try await service.editCase(second.rawValue, form: try Fixtures.form(withdrawn), by: world.officer)
        #expect(edit.changed == ["consent.mediation"] && edit.mediationsStopped == [m2.id])
        let timeline = try await service.showCase(second.rawValue, by: world.officer).timeline
        #expect(timeline.contains { $0.kind == "consent_changed" && $0.detail == "mediation=no" })
        let path = world.store.location.databasePath
        #expect(try RawDatabase.string(path: path, sql: "SELECT detail FROM audit WHERE action = 'case.consent' AND target = '\(second.rawValue)'")
                == "mediation=no")
        #expect(try RawDatabase.string(path: path, sql: "SELECT count(*) FROM audit WHERE target = '\(m2.id)' AND detail LIKE 'mediation stopped:%'") == "1")
        #expect(edit.agenciesHoldingEarlierDetails.isEmpty, "consent is in no packet: no agency is told")

        // Moved to the officer's other commune: the referrals follow.
        let moved = MediationWorld.familyCase([("Nguyễn Thị Lan", "Lê Thị Hoa"), ("\"mediation\": true", "\"mediation\": false"),
                                               ("\"commune\": \"my-thoi\"", "\"commune\": \"tri-ton\"")])
        #expect(moved.contains("tri-ton"))
        _ = try await service.editCase(second.rawValue, form: try Fixtures.form(moved), by: world.officer)
        let myThoi = try await world.store.officer(["my-thoi"])
        #expect(try await service.officerReferrals(by: myThoi).filter { $0.caseID == second.rawValue }.isEmpty)
        let triTon = try await world.store.officer(["tri-ton"])
        #expect(!(try await service.officerReferrals(by: triTon).filter { $0.caseID == second.rawValue }.isEmpty))

        // A column edited outside Haven is not blessed by recording consent.
        try world.store.tamper("UPDATE cases SET risk = 'high' WHERE id = '\(first.rawValue)'")
        await #expect(throws: HavenError.caseTampered(caseID: first.rawValue)) {
            try await service.recordConsent(first.rawValue, referral: nil, police: nil, mediation: nil, statistics: true, by: world.officer)
        }
    }
}
