import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenTestSupport
import Logging
import Testing

/// Collects every log line, for checking what the log says.
final class CapturedLog: @unchecked Sendable {
    // Guarded by `lock`: the handler is called from the service's tasks.
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append("\(event.level) \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
    }
}

@Suite("The operational log")
struct LoggingTests {
    /// Importing named cases, a broken audit chain and a refused bundle log ids, counts and
    /// reasons — and no name, phone or narrative.
    @Test func noPersonalData() async throws {
        let log = CapturedLog()
        let base = try await TestStore.make()
        let context = base.service.context
        let service = HavenService(context: ServiceContext(
            store: context.store, keyring: context.keyring, policy: context.policy, clock: context.clock, random: context.random,
            storeID: context.storeID, logger: Logger(label: "haven") { _ in CapturingHandler(log: log) }))
        let officer = try await base.officer()
        let line = Fixtures.intakeJSON(survivorName: "Trần Thị Bí Mật", narrative: "câu chuyện riêng tư").replacingOccurrences(of: "\n", with: " ")
        _ = try await service.importCases(jsonLines: Data([line, "{broken"].joined(separator: "\n").utf8), atomic: false, by: officer)
        _ = try? await service.importReferrals(bundle: Data("{}".utf8), opened: [], by: base.admin)
        try base.tamper("UPDATE audit SET detail = 'x' WHERE seq = 3")
        _ = try? await service.verifyAudit(by: base.admin)
        let text = log.all.joined(separator: "\n")
        #expect(text.contains("import finished") && text.contains("audit chain broken"))
        for secret in ["Trần Thị Bí Mật", "0912345678", "câu chuyện", "Tổ 5"] { #expect(!text.contains(secret)) }
    }
}
