import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// `haven store`: what is done to a store as a whole.
struct StoreCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "store",
        abstract: HelpText.pick("Move a store to another database.", "Chuyển kho dữ liệu sang cơ sở dữ liệu khác."),
        subcommands: [Migrate.self]) }

    /// `haven store migrate --from ./haven-data --to postgres://…` (issue #13): an office's
    /// store, whole, into the provincial database; resumable; verified on the target.
    struct Migrate: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Move this store (keys, cases, referrals, mediations, audit chain) into a new database (administrators). Stop every other haven process on it first; an interrupted move continues when run again.",
                                    "Chuyển kho này (khóa, vụ việc, chuyển gửi, hòa giải, chuỗi kiểm toán) vào một cơ sở dữ liệu mới (quản trị viên). Hãy dừng mọi tiến trình haven khác dùng kho trước; lần chuyển bị ngắt sẽ tiếp tục khi chạy lại.")) }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(HelpText.pick("The store to move (default: --store, HAVEN_STORE or ./haven-data).", "Kho cần chuyển (mặc định: --store, HAVEN_STORE hoặc ./haven-data)."), valueName: "path"))
        var from: String?
        @Option(help: ArgumentHelp(HelpText.pick("The new store: a database URL (postgres://user@host:port/db).", "Kho mới: URL cơ sở dữ liệu (postgres://user@host:port/db)."), valueName: "url"))
        var to: String
        @Option(help: ArgumentHelp(HelpText.pick("Rows written per transaction.", "Số dòng ghi mỗi giao dịch."), valueName: "n"))
        var batch = 500

        func validate() throws {
            try global.validate()
            guard (1...10_000).contains(batch) else { throw global.usage(.usageRange, ["option": "--batch", "min": "1", "max": "10000"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let source = try from.map(StoreLocation.init(parsing:)) ?? cli.location
                let target = StoreLocation(parsing: to)
                guard source != target else { throw HavenError.migrationRefused(reason: .targetInUse) }
                if let scheme = target.scheme, CLI.serverSchemes.contains(scheme) { throw HavenError.localOnly }
                let engine = try cli.engine(for: target)
                let sourceService = try await cli.service(at: source)
                let token = try cli.token(for: sourceService)
                let local = try await cli.localClient(sourceService)
                let opened = try Self.open(engine, target)
                let migration = try await local.service.migrateStore(to: opened, named: target.shown, restart: {
                    engine.remove(target.name)
                    return try Self.open(engine, target)
                }, batch: batch, by: local.caller)
                // The copy opened as a store, with the same key file: its settings' signatures,
                // its policy, and the whole audit chain are checked there.
                let moved = try await cli.service(at: target)
                let verified = try await moved.verifyAudit(by: try await moved.authenticate(token: token))
                let rows = migration.rows.values.reduce(0, +)
                if cli.options.json {
                    return try cli.printJSON(StoreMigrated(target: target.shown, rows: migration.rows, resumed: migration.resumed,
                                                           restarted: migration.restarted, auditEntries: Int(verified.entries)))
                }
                var line = Catalogue.text(.migrateDone, cli.language, ["rows": "\(rows)", "tables": "\(migration.rows.count)"])
                if migration.resumed { line += " " + Catalogue.text(.migrateResumed, cli.language) }
                if migration.restarted { line += " " + Catalogue.text(.migrateRestarted, cli.language) }
                print(line)
                print(Catalogue.text(.migrateVerified, cli.language, ["entries": "\(verified.entries)"]))
            }
        }

        /// The target store, made when it is not there yet.
        static func open(_ engine: any StoreEngine, _ target: StoreLocation) throws -> any RowCopyStore {
            let store = try engine.exists(target.name) ? engine.open(target.name) : engine.create(target.name)
            guard let copyable = store as? any RowCopyStore else { throw HavenError.storeEngineUnavailable(scheme: target.scheme ?? "folder") }
            return copyable
        }
    }
}

/// `haven store migrate --json`.
struct StoreMigrated: Encodable {
    let target: String
    let rows: [String: Int]
    let resumed: Bool
    let restarted: Bool
    let auditEntries: Int
}
