import ArgumentParser
import Foundation
import HavenCore
import HavenService

/// `haven report`: the annual report.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports for supervisors.",
                                                    subcommands: [Annual.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The annual report (HTML with inline charts, or Markdown), every figure through disclosure control.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "html or md.") var format = "html"
        @Option(help: "The file to write.") var out: String

        func validate() throws {
            guard AnnualReport.Format(rawValue: format) != nil else { throw global.usage(.usageOneOf, ["option": "--format", "values": "html, md"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let report = try await service.annualReport(year: year, language: cli.language, by: actor)
                let text = format == "md" ? report.markdown() : report.html()
                guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
                    throw HavenError.storeIO(detail: "cannot write \(out)")
                }
                if cli.options.json { return try cli.printJSON(["file": out, "year": "\(year)", "format": format]) }
                print(out)
            }
        }
    }
}

/// `haven export`: data for partners.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Exports for partners (coded, anonymised).",
                                                    subcommands: [IncidentRecorder.self, Stats.self])

    struct IncidentRecorder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "incident-recorder",
            abstract: "GBVIMS Incident Recorder columns Haven holds as coded fields; no names, no free text, months only.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "The CSV file to write.") var out: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let csv = try await service.incidentRecorder(year: year, by: actor)
                guard FileManager.default.createFile(atPath: out, contents: Data(csv.utf8)) else { throw HavenError.storeIO(detail: "cannot write \(out)") }
                print(out)
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The annual tables as CSV files in a folder.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "The folder to write into (created if missing).") var out: String
        func run() async throws {
            try await CLI.run(global) { cli in
                let (service, actor) = try await cli.session()
                let files = try await service.statisticsExport(year: year, by: actor)
                do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                    throw HavenError.storeIO(detail: "cannot create \(out)")
                }
                for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                    guard FileManager.default.createFile(atPath: out + "/" + name, contents: Data(text.utf8)) else {
                        throw HavenError.storeIO(detail: "cannot write \(out)/\(name)")
                    }
                    print(out + "/" + name)
                }
            }
        }
    }
}
