import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService

extension StatMeasure: ExpressibleByArgument {}

/// `haven stats`: anonymised, sex-disaggregated statistics for supervisors.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Anonymised statistics with disclosure control (supervisors and administrators).",
        discussion: """
            Dimensions: \(StatDimension.allCases.map(\.rawValue).joined(separator: ", ")).
            Counts from 1 to k−1 are never shown. By default every count is perturbed (cell-key perturbation): \
            moved by a small amount that depends only on which people it counts, so the same people give the same \
            figure in every table, and subtracting one figure from another yields noise. A store whose \
            disclosure.yaml says method: suppress shows exact counts and hides cells instead; one store publishes \
            with one method (see README, "Disclosure control").
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Dimensions, comma-separated (e.g. gbvType,survivorSex).", valueName: "dim[,dim…]")) var by: String = ""
    @Option(help: ArgumentHelp("2026, 2026-Q3 or 2026-11.", valueName: "period")) var period: String
    @Option(name: .customLong("where"), help: ArgumentHelp("A filter, repeatable.", valueName: "dim=value")) var filters: [String] = []
    @Option(help: "cases, referrals, mediations or survivors (each person once, by their first case in the period).") var measure: StatMeasure = .cases
    @Option(help: "table, csv, json or svg.") var format = "table"
    @Option(help: ArgumentHelp("The store's method (disclosure.yaml); any other is refused.", valueName: "method")) var method: String?
    @Flag(help: "Use the coarser categories disclosure.yaml names (a commune's former district, a month's quarter).") var coarsen = false
    /// The retired noise mode's options, kept only to say why they are gone.
    @Option(help: .hidden) var privacy: String?
    @Option(help: .hidden) var epsilon: String?

    func validate() throws {
        guard StatPeriod(parsing: period) != nil else { throw global.usage(.usagePeriod, ["option": "--period"]) }
        guard ["table", "csv", "json", "svg"].contains(format) else { throw global.usage(.usageOneOf, ["option": "--format", "values": "table, csv, json, svg"]) }
        if privacy != nil || epsilon != nil { throw global.usage(.usageNoiseRemoved, [:]) }
        if let method, DisclosureMethod(rawValue: method) == nil {
            throw global.usage(.usageOneOf, ["option": "--method", "values": DisclosureMethod.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        for filter in filters where !filter.contains("=") { throw global.usage(.usageWhere, ["option": "--where", "value": filter]) }
    }

    func run() async throws {
        try await CLI.run(global) { cli in
            func dimension(_ text: String, _ path: String) throws -> StatDimension {
                guard let dim = StatDimension(rawValue: text) else {
                    throw HavenError.invalidInput(.unknownValue(path: path, value: text, kind: "dimension",
                                                                suggestions: Suggest.closest(to: text, in: StatDimension.allCases.map(\.rawValue)),
                                                                known: StatDimension.allCases.map(\.rawValue)))
                }
                return dim
            }
            let dims = try by.split(separator: ",").map { try dimension(String($0).trimmingCharacters(in: .whitespaces), "--by") }
            var whereClauses: [StatDimension: String] = [:]
            for filter in filters {
                let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
                whereClauses[try dimension(parts[0], "--where")] = parts.count > 1 ? parts[1] : ""
            }
            let query = StatQuery(measure: measure, by: dims, period: StatPeriod(parsing: period)!, filters: whereClauses,
                                  method: method.flatMap(DisclosureMethod.init(rawValue:)), coarsen: coarsen)
            let client = try await cli.client()
            let result = try await client.statistics(query)
            let rendering = StatRendering(language: cli.language, regions: try await client.policy().regions)
            if cli.options.json || format == "json" { return print(rendering.json(result).text) }
            switch format {
            case "csv": print(rendering.csv(result), terminator: "")
            case "svg": print(rendering.svg(result, title: "\(result.query.by.map(rendering.name).joined(separator: " × ")) · \(period)"), terminator: "")
            default: print(rendering.table(result))
            }
        }
    }
}
