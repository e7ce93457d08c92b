import Foundation
import HavenAPI
import HavenCore
@testable import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #11, item 7: every answer a face prints or sends is a HavenAPI value that reads back
/// from its own JSON unchanged (the HTTP client will decode what the server encodes), and
/// every call through `HavenClient` keeps the service's permissions.
@Suite("Wire model: HavenClient answers round-trip through JSON")
struct WireModelTests {
    /// Encodes `value` as the faces do and decodes it again.
    func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let data = try WireJSON.encoder().encode(value)
        let back = try WireJSON.decoder().decode(T.self, from: data)
        #expect(back == value, "\(T.self) changed through JSON", sourceLocation: sourceLocation)
    }

    func client(_ store: TestStore, _ caller: Caller, _ language: Language = .vi) -> any HavenClient {
        LocalClient(service: store.service, caller: caller, language: language)
    }

    @Test func casesReferralsAndUsers() async throws {
        let world = try await ReferralWorld.make()
        let store = world.store
        let officer = client(store, world.officer)
        let created = try await officer.createCase(try Fixtures.form())
        try roundTrip(created)
        #expect(created.warnings.allSatisfy { !$0.message.isEmpty })
        let id = created.id.rawValue
        let shown = try await officer.showCase(id)
        try roundTrip(shown)
        // The routing line of the timeline names the policy as `policy=…` (CaseText words it).
        #expect(shown.timeline.contains { $0.kind == "routed" && $0.detail.hasPrefix("policy=") }, "\(shown.timeline.map(\.detail))")
        try roundTrip(try await officer.printCase(id))
        try roundTrip(try await officer.caseAnswers(id))
        try roundTrip(try await officer.listCases(status: nil, commune: nil, since: nil, limit: nil))
        try roundTrip(try await officer.findCases(CaseSearch(name: "Nguyễn Thị Lan")))
        try roundTrip(try await officer.addNote(id, text: "Gọi lại sau 17 giờ."))
        try roundTrip(try await officer.heldReferrals(pastDeadlineOnly: false))
        try roundTrip(try await officer.officerReferrals(includeClosed: true))
        let consent = try await officer.recordConsent(id, referral: true, police: true, mediation: nil, statistics: nil)
        try roundTrip(consent)
        try roundTrip(try await officer.reroute(id))
        try roundTrip(try await officer.explain(caseID: id))
        try roundTrip(try await officer.explain(form: try Fixtures.form()))
        let sent = try #require(try await officer.showCase(id).referrals.first { $0.status == .pending })
        try roundTrip(try await officer.referralSlip(sent.id))

        let caseworker = client(store, try #require(world.caseworkers[sent.agency]))
        try roundTrip(try await caseworker.listReferrals(agency: sent.agency, status: nil, overdueOnly: false))
        let sealed = try await caseworker.fetchReferral(sent.id)
        try roundTrip(sealed)
        let opened = try ReferralOpener.open(sealed, agencyKeyFile: try #require(world.keys[sent.agency]))
        try roundTrip(opened.packet)
        try roundTrip(try await caseworker.acknowledgeReferral(sent.id))
        try roundTrip(try await caseworker.acceptReferral(sent.id))
        try roundTrip(try await caseworker.closeReferral(sent.id, outcome: .servicesProvided, actions: [.counselling]))

        let admin = client(store, store.admin)
        try roundTrip(try await admin.listAgencies())
        try roundTrip(try await admin.originIdentity())
        let user = try await admin.addUser(NewUser(name: "Cán bộ Mới", role: .fieldOfficer, communes: ["my-thoi"]))
        try roundTrip(user)
        try roundTrip(try await admin.listUsers())
        try roundTrip(try await admin.revokeUser(id: user.user.id))
        try roundTrip(try await admin.verifyAudit())
        let entries = try await admin.auditEntries(caseID: id, limit: 50)
        try roundTrip(entries)
        // Times are written in the province's time with their offset, never as seconds.
        let first = try JSONSerialization.jsonObject(with: try WireJSON.encoder().encode(entries)) as? [[String: Any]]
        #expect((first?.first?["at"] as? String)?.hasSuffix("+07:00") == true)
        let supervisor = client(store, try await store.user(.supervisor))
        try roundTrip(try await supervisor.overdueReferrals())
        try roundTrip(try await supervisor.fieldOfficerAccounts())
        try roundTrip(try await officer.closeCase(id, outcome: .servicesProvided))
    }

    @Test func mediation() async throws {
        let world = try await MediationWorld.make()
        let officer = client(world.store, world.officer)
        let caseID = try await world.intake().rawValue
        try roundTrip(try await officer.mediationEligibility(caseID))
        let team = try await officer.addTeam(commune: "tri-ton", name: "Tổ hòa giải ấp Tà Đảnh")
        try roundTrip(team)
        try roundTrip(try await officer.addMediator(team: team.id, name: "Hòa giải viên D", sex: .female, ethnicity: .khmer))
        try roundTrip(try await officer.listTeams())
        let opened = try await officer.openMediation(caseID, team: world.team.id, conflicted: [])
        try roundTrip(opened)
        #expect(opened.end == nil && opened.status == .open)
        try roundTrip(try await officer.recordSession(opened.id, date: LocalDate(iso: "2026-11-25")!, outcome: .agreement,
                                                      note: "Hai bên thống nhất.", agreement: "Không tái diễn.", escalate: .none))
        try roundTrip(try await officer.showMediation(opened.id))
        try roundTrip(try await officer.dueFollowUps())
        try roundTrip(try await officer.logbook(team: world.team.id, year: 2026))
    }

    @Test func statisticsAndReports() async throws {
        let world = try await StatisticsWorld.make()
        let supervisor = client(world.store, try await world.store.user(.supervisor))
        let result = try await supervisor.statistics(StatQuery(by: [.survivorSex, .commune], period: StatPeriod(parsing: "2026")!))
        try roundTrip(result)
        // Keyed by dimension, a cell's values read as an object, as the OpenAPI document will say.
        let json = try JSONSerialization.jsonObject(with: try WireJSON.encoder().encode(result)) as? [String: Any]
        let cells = try #require(json?["cells"] as? [[String: Any]])
        #expect(cells.first?["values"] is [String: Any])
        try roundTrip(try await supervisor.mediationStats(year: 2026, by: .commune))
        let report = try await supervisor.annualReport(year: 2026, format: .md)
        try roundTrip(report)
        #expect(report.text.hasPrefix("#"))
    }

    /// The client adds no permission of its own: what the service refuses, the client refuses.
    @Test func permissionsStayInTheService() async throws {
        let world = try await ReferralWorld.make()
        let officer = client(world.store, world.officer)
        let id = try await officer.createCase(try Fixtures.form()).id.rawValue
        let caseworker = client(world.store, try #require(world.caseworkers["police"]))
        await #expect(throws: HavenError.self) { _ = try await caseworker.showCase(id) }
        let stranger = client(world.store, try await world.store.officer(["tri-ton"]))
        await #expect(throws: HavenError.self) { _ = try await stranger.showCase(id) }
        await #expect(throws: HavenError.self) { _ = try await officer.listUsers() }
        await #expect(throws: HavenError.self) { _ = try await officer.statistics(StatQuery(by: [.survivorSex], period: StatPeriod(parsing: "2026")!)) }
    }
}

/// Issue #11, item 6: what the service says names no command and no option of the CLI; each
/// face adds its own words for what to do.
@Suite("Service errors in no face's words")
struct ServiceErrorWordsTests {
    @Test func messagesNameNoCommandAndNoOption() {
        let errors: [HavenError] = [
            .notSignedIn, .caseNotFound(id: "C-1"), .userNotFound(id: "U-1"), .tampered(caseID: "C-1", field: "survivor.name"),
            .caseChangedMeanwhile(id: "C-1"), .policyChangedMeanwhile, .noCommunes, .partnerRequired, .agencyRequired,
            .policyTestsFailed(count: 2), .agencyUnknown(id: "x"), .agencyHasNoKey(agency: "police"), .referralNotFound(id: "R-1"),
            .consentMissing(referral: "R-1", consent: .referral), .teamRequired, .teamNotFound(id: "T-1"), .lastAdministrator,
            .agencyKeyExists(agency: "police"), .keysInUse, .draftNotFound(id: "D-1"),
            .invalidInput(.invalidValue(path: "phone", reason: .searchPhoneShort)),
        ]
        for error in errors {
            for language in [Language.en, .vi] {
                let text = error.message(language)
                #expect(!text.contains("haven ") && !text.contains("--") && !text.contains("HAVEN_"), "\(error): \(text)")
            }
        }
    }
}
