import Foundation
import HavenAPI
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
        let opened = try await ReferralOpener.show(service: service, health.id, agencyKeyFile: world.keys["health"]!, by: world.caseworkers["health"]!)
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

    /// After a second outside review: a child's guardian saying no holds every referral that
    /// is not mandatory (and a child's own consent is not enough); a correction of the
    /// reporter alone names no agency, a corrected phone names only those whose packet holds
    /// it; a child's consent form asks nothing about mediation and gives the date consent was
    /// recorded; the slip shows the risk screen question by question.
    @Test func guardianReporterAndForms() async throws {
        let world = try await ReferralWorld.make()
        let service = world.store.service
        let child = Fixtures.intakeJSON(birthDate: "2016-05-01")
            .replacingOccurrences(of: "\"reportedAt\"", with: "\"carer\": {\"name\": \"Lê Thị Mẹ\", \"consent\": false}, \"reportedAt\"")
            .replacingOccurrences(of: "\"referral\": false", with: "\"referral\": true")
        let refused = try await service.createCase(try Fixtures.form(child), by: world.officer)
        #expect(refused.referrals.filter { !$0.mandatory }.allSatisfy { $0.status == .held }, "\(refused.referrals)")
        #expect(refused.referrals.contains { $0.mandatory && $0.status == .pending }, "mandatory child protection still goes")
        let agreed = try await service.createCase(try Fixtures.form(child.replacingOccurrences(of: "\"consent\": false}", with: "\"consent\": true}")),
                                                  by: world.officer)
        #expect(agreed.referrals.contains { !$0.mandatory && $0.status == .pending }, "with the guardian's yes they are sent")
        let unasked = try await service.createCase(try Fixtures.form(child.replacingOccurrences(of: ", \"consent\": false}", with: "}")),
                                                   by: world.officer)
        #expect(unasked.referrals.filter { !$0.mandatory }.allSatisfy { $0.status == .held }, "a child's own yes is not enough")

        // The consent form of a child: no mediation box; the date consent was recorded.
        let html = Paper.caseSummary(try await service.printCase(agreed.id.rawValue, by: world.officer), policy: service.context.policy,
                                     language: .vi, printedAt: Fixtures.now.addingTimeInterval(30 * 86_400), printedBy: "Cán bộ Thử")
        let form = String(html[html.range(of: "Phiếu đồng ý")!.lowerBound...])
        #expect(!form.contains("Hòa giải") && !form.contains("hòa giải"), "\(form)")
        #expect(form.contains("20/11/2026") && !form.contains("20/12/2026"), "consent as recorded at intake, not the printing day")

        // Who is told of a correction: nobody for the reporter, the phone's receivers for a phone.
        let adult = Fixtures.intakeJSON(acts: ["beating"]).replacingOccurrences(of: "\"referral\": false", with: "\"referral\": true")
        let intake = try await service.createCase(try Fixtures.form(adult), by: world.officer)
        let withReporter = adult.replacingOccurrences(of: "\"reportedAt\"", with: "\"reporter\": {\"name\": \"Hàng Xóm\"}, \"reportedAt\"")
        let reporterEdit = try await service.editCase(intake.id.rawValue, form: try Fixtures.form(withReporter), by: world.officer)
        #expect(reporterEdit.changed == ["reporter.name"] && reporterEdit.agenciesHoldingEarlierDetails.isEmpty)
        let phoneEdit = try await service.editCase(intake.id.rawValue, form: try Fixtures.form(withReporter.replacingOccurrences(of: "0912345678", with: "0987654321")),
                                                   by: world.officer)
        let policy = service.context.policy
        #expect(!phoneEdit.agenciesHoldingEarlierDetails.isEmpty)
        #expect(phoneEdit.agenciesHoldingEarlierDetails.allSatisfy { policy.agency($0)?.receives.contains(.survivorPhone) == true })

        // The slip: the risk screen question by question, never "no,no,…".
        let police = try #require(intake.referrals.first { $0.agency == "police" })
        if police.status != .held, let slipFields = try? await service.referralSlip(police.id, by: world.officer),
           slipFields.packet.fields[SealedField.riskAnswers.rawValue] != nil {
            let slip = Paper.referralSlip(slipFields, policy: policy, regions: service.context.regions, language: .vi,
                                          printedAt: Fixtures.now, printedBy: "Cán bộ Thử")
            #expect(slip.contains("Đánh giá nguy cơ gây chết người") && !slip.contains("no,no"))
        }
    }
}
