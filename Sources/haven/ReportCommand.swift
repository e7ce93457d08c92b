import ArgumentParser
import Foundation
import HavenAPI
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
        @Option(help: "The file to write (refused if it exists, unless --force).") var out: String
        @Flag(help: "Replace an existing file.") var force = false

        func validate() throws {
            try global.checkYear(year)
            guard AnnualReport.Format(rawValue: format) != nil else { throw global.usage(.usageOneOf, ["option": "--format", "values": "html, md"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let (service, actor) = try await cli.session()
                let report = try await service.annualReport(year: year, language: cli.language, by: actor)
                let text = format == "md" ? report.markdown() : report.html()
                try OutputFile.write(Data(text.utf8), to: path, force: force)
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
            abstract: "For data-sharing partners: GBVIMS Incident Recorder rows, coded only, no place, k-anonymous.",
            discussion: """
                Only an account with the data-partner role (created by an administrator for one partner) may export. \
                Quasi-identifiers (months, sex, age, ethnicity, disability, perpetrator) are generalised and, where still \
                rare, withheld (*) until every combination occurs at least k times.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "The CSV file to write (refused if it exists, unless --force).") var out: String
        @Flag(help: "Replace an existing file.") var force = false
        func validate() throws { try global.checkYear(year) }
        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let (service, actor) = try await cli.session()
                let (csv, report) = try await service.incidentRecorder(year: year, by: actor)
                try OutputFile.write(Data(csv.utf8), to: path, force: force)
                if cli.options.json {
                    return try cli.printJSON(["file": out, "withheld": "\(report.locallySuppressed)", "leftOut": "\(report.dropped)",
                                              "levels": report.levels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")])
                }
                print(out)
                print(cli.text(.exportKAnonymous, ["k": "\(service.context.policy.disclosure.k)", "withheld": "\(report.locallySuppressed)",
                                                   "leftOut": "\(report.dropped)",
                                                   "generalised": report.levels.filter { $0.value > 0 }.keys.sorted().joined(separator: ", ")]))
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The annual tables as CSV files in a folder.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The year.") var year: Int
        @Option(help: "The folder to write into (created if missing, 0700).") var out: String
        @Flag(help: "Replace existing files in the folder.") var force = false
        func validate() throws { try global.checkYear(year) }
        func run() async throws {
            try await CLI.run(global) { cli in
                let folder = StoreLocation.absolute(out)
                _ = try cli.outputPath(folder + "/x", force: true)
                let (service, actor) = try await cli.session()
                let files = try await service.statisticsExport(year: year, by: actor)
                for name in files.keys { _ = try cli.outputPath(folder + "/" + name, force: force) }
                for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                    try OutputFile.write(Data(text.utf8), to: folder + "/" + name, force: force)
                    print(folder + "/" + name)
                }
            }
        }
    }
}
