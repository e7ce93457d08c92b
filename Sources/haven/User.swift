import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService

extension Role: ExpressibleByArgument {}
extension CaseStatus: ExpressibleByArgument {}
extension CaseOutcome: ExpressibleByArgument {}

/// `haven user`: administrators manage users and their tokens.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage users and their tokens (administrators).",
        subcommands: [Add.self, List.self, Revoke.self, Counts.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; the token is printed once.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The user's name.") var name: String
        @Option(help: "field-officer, caseworker, mediator, supervisor or admin.") var role: Role
        @Option(help: "The agency id (caseworkers), or the partner organisation (data-partner, e.g. unfpa).") var agency: String?
        @Option(help: "The mediation team id (mediators).") var team: String?
        @Option(help: "The mediator record (H-…) this account belongs to (mediators): conflicts of interest then apply to it.")
        var mediator: String?
        @Option(parsing: .upToNextOption, help: "Commune slugs the user works in (field officers).")
        var commune: [String] = []

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let created = try await client.addUser(
                    NewUser(name: name, role: role, agency: role == .mediator ? nil : agency, communes: commune,
                            mediator: mediator, team: role == .mediator ? team?.uppercased() : nil))
                if cli.options.json {
                    try cli.printJSON(created)
                } else {
                    print(cli.text(.userAdded, ["id": created.user.id, "name": created.user.name, "role": created.user.role.label(cli.language),
                                                "token": created.token]))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let users = try await client.listUsers()
                if cli.options.json { return try cli.printJSON(users) }
                let rows = users.map { [$0.id, $0.name, $0.role.label(cli.language), $0.communes.joined(separator: " "),
                                        $0.revoked ? cli.text(.yes) : ""] }
                print(Table.render(header: [cli.text(.headerID), cli.text(.headerName), cli.text(.headerRole),
                                            cli.text(.headerCommune), cli.text(.headerRevoked)], rows: rows))
            }
        }
    }

    struct Counts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Field-officer accounts created per commune and month (supervisors, administrators; no names).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let counts = try await client.fieldOfficerAccounts()
                if cli.options.json { return try cli.printJSON(counts) }
                print(Table.render(header: [cli.text(.headerCommune), cli.text(.headerMonth), cli.text(.headerCreated), cli.text(.headerRevoked)],
                                   rows: counts.map { [$0.commune, $0.month, "\($0.created)", "\($0.revoked)"] }))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user's token.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user id (U-…).") var id: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let revoked = try await client.revokeUser(id: id)
                if cli.options.json { return try cli.printJSON(revoked) }
                print(cli.text(.userRevoked, ["id": id]))
            }
        }
    }
}

/// Plain-text tables with columns padded by display width.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
