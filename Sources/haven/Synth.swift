import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService

/// `haven synth`: synthetic intake JSON Lines for demos, tests and benchmarks.
struct Synth: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print synthetic cases as intake JSON Lines (generated names; never real people).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many cases.") var count = 200
    @Option(help: "Random seed; the same seed gives the same cases.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Latest report date.", valueName: "YYYY-MM-DD")) var until = "2026-11-20"
    @Option(help: ArgumentHelp("The policy folder (default Policies/an-giang).", valueName: "dir")) var policy: String?
    @Option(help: ArgumentHelp("Only these communes (repeatable).", valueName: "slug")) var commune: [String] = []
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Flag(help: "Replace an existing --out file.") var force = false

    func validate() throws {
        guard count >= 0 && count <= 5_000_000 else { throw global.usage(.usageRange, ["option": "--count", "min": "0", "max": "5000000"]) }
        guard LocalDate(iso: until) != nil else { throw global.usage(.usageDate, ["option": "--until"]) }
    }

    func run() async throws {
        try await CLI.run(global) { cli in
            let directory = try PolicyLocator.locate(explicit: policy, environment: cli.environment,
                                                     executablePath: CommandLine.arguments[0])
            var regions = try RegionCatalog(yaml: try PolicyLocator.read("regions.yaml", in: directory))
            if !commune.isEmpty {
                let chosen = try commune.map { try regions.resolve($0) }
                regions = RegionCatalog(provinceName: regions.provinceName, provinceCode: regions.provinceCode, communes: chosen)
            }
            var generator = SyntheticCases(seed: seed, regions: regions, reportedUpTo: LocalDate(iso: until)!)
            var output = ""
            output.reserveCapacity(count * 900)
            for _ in 0..<count { output += generator.next().json.text + "\n" }
            if let out {
                try OutputFile.write(Data(output.utf8), to: try cli.outputPath(out, force: force), force: force)
            } else {
                FileHandle.standardOutput.write(Data(output.utf8))
            }
        }
    }
}
