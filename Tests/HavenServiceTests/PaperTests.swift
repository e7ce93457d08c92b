import Foundation
import HavenCore
import HavenService
import HavenStore
import HavenTestSupport
import Testing

/// Issue #14, item 7: the case summary with its consent form, and the referral slip an
/// agency signs — in Vietnamese, escaped, and holding no more than the agency receives.
@Suite("Paper: case summary, consent form, referral slip")
struct PaperTests {
    @Test func caseSummaryAndConsentForm() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let json = Fixtures.intakeJSON(acts: ["beating"], narrative: "Chồng đánh <script>alert(1)</script> & bỏ đi.")
        let intake = try await service.createCase(try Fixtures.form(json), by: world.officer)
        let detail = try await service.printCase(intake.id.rawValue, by: world.officer)
        let html = Paper.caseSummary(detail, policy: service.context.policy, language: .vi, printedAt: Fixtures.now, printedBy: "Cán bộ Thử")
        for expected in ["MẬT", "Tóm tắt vụ việc \(intake.id.rawValue)", "Nguyễn Thị Lan", "02/03/1994", "Phường Mỹ Thới",
                         "Phiếu đồng ý của người bị bạo lực", "ký, ghi rõ họ tên", "Công an", "&lt;script&gt;", "&amp; bỏ đi"] {
            #expect(html.contains(expected), "missing: \(expected)")
        }
        #expect(!html.contains("<script>"), "free text is escaped")
        #expect(!html.contains("physical_assault") && !html.contains("survivor."), "no codes or field paths on paper")
        #expect(!html.contains("Cha, mẹ hoặc người giám hộ"), "no guardian line for an adult")
        let audited = try RawDatabase.string(path: world.store.location.databasePath,
                                             sql: "SELECT count(*) FROM audit WHERE action = 'case.print' AND target = '\(intake.id.rawValue)'")
        #expect(audited == "1")
        // A child survivor: the guardian signs too.
        let child = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(birthDate: "2014-05-01")), by: world.officer)
        let childHTML = Paper.caseSummary(try await service.printCase(child.id.rawValue, by: world.officer), policy: service.context.policy,
                                          language: .vi, printedAt: Fixtures.now, printedBy: "Cán bộ Thử")
        #expect(childHTML.contains("Cha, mẹ hoặc người giám hộ"))
        // Only the case's officer prints it.
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .casePrint)) {
            try await service.printCase(intake.id.rawValue, by: world.caseworkers["health"]!)
        }
        let elsewhere = try await world.store.officer(["long-xuyen"])
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .casePrint)) {
            try await service.printCase(intake.id.rawValue, by: elsewhere)
        }
    }

    /// The slip holds what the packet holds: the health centre's gets the name, year of birth,
    /// phone and date, not the address or narrative; a held referral has no slip.
    @Test func referralSlipHoldsOnlyWhatTheAgencyReceives() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let intake = try await service.createCase(try Fixtures.form(Fixtures.intakeJSON(acts: ["beating"])), by: world.officer)
        let health = try #require(intake.referrals.first { $0.agency == "health" })
        let slip = try await service.referralSlip(health.id, by: world.officer)
        let html = Paper.referralSlip(slip, policy: service.context.policy, regions: service.context.regions, language: .vi,
                                      printedAt: Fixtures.now, printedBy: "Cán bộ Thử")
        let opened = try await service.showReferral(health.id, agencyKeyFile: world.keys["health"]!, by: world.caseworkers["health"]!)
        #expect(Set(slip.packet.fields.keys) == Set(opened.packet.fields.keys), "the slip holds exactly the packet's fields")
        for expected in ["Phiếu chuyển gửi \(health.id)", "Nguyễn Thị Lan", "0912345678", "Cơ quan tiếp nhận (ký", "Phường Mỹ Thới"] {
            #expect(html.contains(expected), "missing: \(expected)")
        }
        for absent in ["Tổ 5", "buổi tối", "Trần Văn Bình"] { #expect(!html.contains(absent), "not for the health centre: \(absent)") }
        let police = try #require(intake.referrals.first { $0.agency == "police" && $0.status == .held })
        await #expect(throws: HavenError.referralNotAllowed(id: police.id, status: .held, action: .referralSlip)) {
            try await service.referralSlip(police.id, by: world.officer)
        }
        await #expect(throws: HavenError.forbidden(role: .caseworker, action: .referralSlip)) {
            try await service.referralSlip(health.id, by: world.caseworkers["health"]!)
        }
        let elsewhere = try await world.store.officer(["long-xuyen"])
        await #expect(throws: HavenError.forbidden(role: .fieldOfficer, action: .referralSlip)) {
            try await service.referralSlip(health.id, by: elsewhere)
        }
    }
}
