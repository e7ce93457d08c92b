import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

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
            guard ReportFormat(rawValue: format) != nil else { throw global.usage(.usageOneOf, ["option": "--format", "values": "html, md"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let client = try await cli.client()
                let report = try await client.annualReport(year: year, format: ReportFormat(rawValue: format) ?? .html)
                try OutputFile.write(Data(report.text.utf8), to: path, force: force)
                if cli.options.json { return try cli.printJSON(FileWritten(file: out, subject: "\(year)")) }
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
                let client = try await cli.client()
                let export = try await client.incidentRecorder(year: year)
                try OutputFile.write(Data(export.csv.utf8), to: path, force: force)
                if cli.options.json { return try cli.printJSON(ExportWritten(file: out, export: export)) }
                print(out)
                print(cli.text(.exportKAnonymous, ["k": "\(export.k)", "withheld": "\(export.withheld)",
                                                   "leftOut": "\(export.leftOut)",
                                                   "generalised": export.levels.filter { $0.value > 0 }.keys.sorted().joined(separator: ", ")]))
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
                let client = try await cli.client()
                let files = try await client.statisticsExport(year: year)
                for name in files.keys { _ = try cli.outputPath(folder + "/" + name, force: force) }
                for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                    try OutputFile.write(Data(text.utf8), to: folder + "/" + name, force: force)
                    print(folder + "/" + name)
                }
            }
        }
    }
}
