import ArgumentParser

/// The referrald command line: one executable, a subcommand per job.
@main
struct Referrald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrald",
        abstract: "Validate, normalise and load partner referral extracts into PostgreSQL.",
        subcommands: [RunCommand.self, IngestCommand.self, CheckCommand.self, AlertsCommand.self, ReportCommand.self, MigrateCommand.self, ConfigCommand.self]
    )
}
