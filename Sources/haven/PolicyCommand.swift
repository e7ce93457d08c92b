import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// `haven policy`: check, test, explain and activate routing policies.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check, test, explain and activate the routing policy.",
        subcommands: [Check.self, Test.self, Explain.self, Activate.self])

    static func directory(_ given: String?, _ cli: CLI) throws -> String {
        try PolicyLocator.locate(explicit: given, environment: cli.environment, executablePath: CommandLine.arguments[0])
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a policy folder; errors name file:line:col.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy folder (default Policies/an-giang).") var dir: String?

        func run() async throws {
            try await CLI.run(global) { cli in
                let policy = try PolicyLoader.load(try PolicyLocator.files(in: try PolicyCommand.directory(dir, cli)))
                if cli.options.json {
                    return try cli.printJSON(PolicyChecked(hash: policy.hash, agencies: policy.agencies.count, rules: policy.rules.count,
                                                           communes: policy.regions.communes.count))
                }
                print(cli.text(.policyValid, ["agencies": "\(policy.agencies.count)", "rules": "\(policy.rules.count)",
                                              "communes": "\(policy.regions.communes.count)", "hash": policy.hash]))
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the policy's tests/*.yaml; exit 1 when any fails.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy folder (default Policies/an-giang).") var dir: String?

        func run() async throws {
            try await CLI.run(global) { cli in
                let directory = try PolicyCommand.directory(dir, cli)
                let policy = try PolicyLoader.load(try PolicyLocator.files(in: directory))
                let results = try PolicyLoader.runTests(try PolicyLocator.tests(in: directory), policy: policy)
                let failures = results.filter { !$0.passed }
                if cli.options.json {
                    try cli.printJSON(PolicyTestReport(total: results.count, passed: results.count - failures.count,
                                                       failures: failures.map { .init(file: $0.file, line: $0.line, name: $0.name, differences: $0.differences) }))
                } else {
                    for failure in failures {
                        print("FAIL \(failure.file):\(failure.line): \(failure.name)")
                        for line in failure.differences { print("  \(line)") }
                    }
                    print(cli.text(.policyTestsPassed, ["passed": "\(results.count - failures.count)", "total": "\(results.count)"]))
                }
                if !failures.isEmpty || results.isEmpty { throw ExitCode(1) }
            }
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show each rule, fired or not and why, and exactly which fields each agency would receive.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case"), help: "A stored case.") var caseID: String?
        @Option(help: "An intake JSON file (nothing is stored).") var from: String?
        @Flag(help: "Also print each rule's tests as the policy states them (its own terms).") var trace = false

        func validate() throws {
            guard (caseID == nil) != (from == nil) else { throw global.usage(.usageExactlyOne, ["first": "--case", "second": "--from"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let policy = try await client.policy()
                let output: RoutingExplanation
                if let caseID {
                    output = try await client.explain(caseID: caseID)
                } else {
                    output = try await client.explain(form: try IntakeForm(json: try cli.readInput(from!), regions: policy.regions))
                }
                if cli.options.json { return try cli.printJSON(output) }
                let l = cli.language
                print(cli.text(.explainPolicy, ["hash": String(output.policy.prefix(19))]))
                for rule in output.rules {
                    let description = policy.rules.first { $0.id == rule.rule }?.description.text(l) ?? ""
                    print("\(rule.fired ? "✔" : "·") \(description.isEmpty ? rule.rule : description) [\(rule.rule)]")
                    if trace { for test in rule.tests { print("    \(test)") } }
                }
                print("")
                for r in output.referrals {
                    print("→ \(cli.agencyName(r.agency, in: policy)): \(r.priority.label(l))\(r.mandatory ? ", \(cli.text(.mandatoryLabel))" : "")\(r.held ? ", \(ReferralStatus.held.label(l))" : "")")
                    for basis in r.legalBases { print("    \(basis)") }
                    let receives = r.receives.map { SealedField(rawValue: $0)?.label(l) ?? $0 }
                    print("    \(cli.text(.explainReceives)): \(receives.joined(separator: ", "))")
                }
                print("")
                if output.mediation.eligible {
                    print("✔ " + cli.text(.explainMediationAllowed))
                } else {
                    print("✖ " + cli.text(.explainMediationRefused))
                    for reason in output.mediation.refusals { print("    \(reason.message) [\(reason.rule)]") }
                }
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate, test and activate a policy folder (administrators).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy folder.") var dir: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let directory = StoreLocation.absolute(dir)
                let activated = try await client.activatePolicy(files: try PolicyLocator.files(in: directory),
                                                                tests: try PolicyLocator.tests(in: directory))
                if cli.options.json { return try cli.printJSON(activated) }
                print(cli.text(.policyActivated, ["hash": activated.hash]))
            }
        }
    }
}

/// `haven route ID`: re-route a case under the active policy and show the difference.
struct Route: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Re-route a case under the active policy and show the difference.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id (C-…).") var id: String

    func run() async throws {
        try await CLI.run(global) { cli in
            let client = try await cli.client()
            let result = try await client.reroute(id)
            if cli.options.json { return try cli.printJSON(result) }
            print(cli.text(.routePolicy, ["hash": String(result.policy.prefix(19))]))
            Route.printChanges(result, policy: try await client.policy(), cli: cli)
        }
    }

    /// The referrals re-routing added, raised, kept, and would no longer make, in words.
    static func printChanges(_ result: RouteChanges, policy: Policy, cli: CLI) {
        let l = cli.language
        func line(_ r: ReferralSummary) -> String {
            "\(cli.agencyName(r.agency, in: policy)): \(r.priority.label(l))\(r.mandatory ? ", \(cli.text(.mandatoryLabel))" : ""), \(r.status.label(l)) (\(r.id))"
        }
        for r in result.added { print("+ " + line(r)) }
        for r in result.raised {
            print("↑ " + cli.text(.routeRaised, ["agency": cli.agencyName(r.agency, in: policy), "priority": r.priority.label(l), "id": r.id]))
        }
        for r in result.unchanged { print("= " + line(r)) }
        for r in result.notReferred { print("- " + cli.text(.routeNoLongerReferred, ["agency": cli.agencyName(r.agency, in: policy), "id": r.id])) }
        if result.added.isEmpty && result.raised.isEmpty { print(cli.text(.routeUnchanged)) }
    }
}
