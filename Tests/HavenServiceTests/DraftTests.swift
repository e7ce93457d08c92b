import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenTestSupport
import Testing

/// Issue #14: intake drafts are sealed, their owner's alone, and expire.
@Suite("Intake drafts")
struct DraftTests {
    /// Only field officers keep drafts; the answers are not in the store file in clear; a
    /// sealed blob edited outside Haven does not open (and says so without content); a draft
    /// untouched for seven days is gone.
    @Test func sealedOwnedAndExpiring() async throws {
        let store = try await TestStore.make()
        let officer = try await store.officer()
        let supervisor = try await store.user(.supervisor)
        let id = try await store.service.saveDraft(id: nil, answers: ["survivor.name": "Người Nháp Thử", "source": "hotline"], by: officer)
        #expect(id.hasPrefix("D-"))
        let raw = try Data(contentsOf: URL(fileURLWithPath: store.location.databasePath))
        #expect(raw.range(of: Data("Người Nháp Thử".utf8)) == nil, "the answers are sealed")
        await #expect(throws: HavenError.forbidden(role: .supervisor, action: .draftSave)) {
            try await store.service.drafts(by: supervisor)
        }
        await #expect(throws: HavenError.self) { try await store.service.resumeDraft(id: id, by: supervisor) }
        let other = try await store.user(.fieldOfficer, communes: ["my-thoi"], name: "Other")
        await #expect(throws: HavenError.draftNotFound(id: id)) { try await store.service.resumeDraft(id: id, by: other) }
        await #expect(throws: HavenError.draftNotFound(id: id)) { try await store.service.discardDraft(id: id, by: other) }
        await #expect(throws: HavenError.draftNotFound(id: id)) {
            try await store.service.saveDraft(id: id, answers: ["source": "self"], by: other)
        }
        #expect(try await store.service.drafts(by: other).isEmpty, "another officer's drafts are not listed")
        #expect(try await store.service.resumeDraft(id: id, by: officer)["survivor.name"] == "Người Nháp Thử")

        // Edited outside Haven: one byte of the sealed answers flipped.
        try store.tamper("UPDATE drafts SET sealed = CAST(zeroblob(length(sealed)) AS BLOB) WHERE id = '\(id)'")
        await #expect(throws: HavenError.draftUnreadable(id: id)) { try await store.service.resumeDraft(id: id, by: officer) }
        #expect(!HavenError.draftUnreadable(id: id).message(.vi).contains("Nháp Thử"))

        // Seven days untouched: gone for good.
        let kept = try await store.service.saveDraft(id: nil, answers: ["source": "hotline"], by: officer)
        let later = try await store.reopened(clock: FixedClock(Fixtures.now.addingTimeInterval(HavenService.draftLifetime + 3600)))
        #expect(try await later.drafts(by: officer).isEmpty)
        await #expect(throws: HavenError.draftNotFound(id: kept)) { try await later.resumeDraft(id: kept, by: officer) }
    }
}
