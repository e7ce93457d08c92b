import ArgumentParser

/// `haven`: case handling for gender-based violence, from the command line.
@main
struct Haven: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haven",
        abstract: "Case handling for gender-based violence: intake, encrypted records, audit.",
        discussion: """
            Exit codes (sysexits): 0 ok, 64 usage, 65 bad input data, 66 not found, 69 service \
            unavailable, 70 internal error, 73 cannot create, 74 I/O error, 75 try again, 77 permission denied.
            """,
        subcommands: [Init.self, Login.self, User.self, Case.self, Route.self, ReferralCommand.self, AgencyCommand.self,
                      PolicyCommand.self, MediationCommand.self, StatsCommand.self, ReportCommand.self, ExportCommand.self, Audit.self, Backup.self, Keys.self, Synth.self])
}
