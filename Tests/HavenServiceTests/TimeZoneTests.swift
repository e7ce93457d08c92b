import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenTestSupport
import Testing

/// Local dates are the policy's time zone (`regions.yaml`'s `province.utcOffset`), not a
/// constant: the same instant is another day in a province west of UTC.
struct TimeZoneTests {
    /// 03:00 UTC on 1 December: 10:00 on 1 December in Viet Nam, 22:00 on 30 November at -05:00.
    static let instant = Timestamp.parse("2026-12-01T03:00:00Z")!.instant

    static func store(offset: String?) async throws -> TestStore {
        try await TestStore.make(clock: FixedClock(instant)) { files in
            if let offset {
                files["regions.yaml"] = files["regions.yaml"]!.replacingOccurrences(of: "utcOffset: '+07:00'", with: "utcOffset: '\(offset)'")
            }
        }
    }

    @Test func aReportMadeNowIsDatedInTheProvincesZone() async throws {
        for (offset, day) in [(nil, "2026-12-01"), ("-05:00", "2026-11-30")] as [(String?, String)] {
            let store = try await Self.store(offset: offset)
            let officer = try await store.officer()
            var form = try Fixtures.form()
            form.reportedAt = nil
            let created = try await store.service.createCase(form, by: officer)
            let listed = try await store.service.listCases(by: officer)
            #expect(listed.first { $0.id == created.id }?.reportDate.description == day, "utcOffset \(offset ?? "unnamed")")
            // A time written with its own offset keeps it: 09:30 at +07:00 on 20 November.
            let written = try await store.service.createCase(try Fixtures.form(), by: officer)
            let again = try await store.service.listCases(by: officer)
            #expect(again.first { $0.id == written.id }?.reportDate.description == "2026-11-20")
        }
    }
}
