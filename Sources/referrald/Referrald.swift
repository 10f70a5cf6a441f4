import ArgumentParser
import ReferralCore

/// The referrald command line: one executable, a subcommand per job.
@main
struct Referrald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrald",
        abstract: "Validate, normalise and load partner referral extracts into PostgreSQL.",
        version: ReferralVersion.current,
        subcommands: [RunCommand.self, IngestCommand.self, CheckCommand.self, AlertsCommand.self, ReportCommand.self, StatusCommand.self,
                      MigrateCommand.self, ConfigCommand.self, ReplayCommand.self, RetentionCommand.self, ProfileCommand.self,
                      MeshCommand.self]
    )
}
