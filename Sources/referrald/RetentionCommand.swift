import ArgumentParser
import DropDirectory
import Foundation
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralStore

/// `referrald retention [--dry-run]`: the daily retention pass (`referrald-retention.timer`).
/// Removes only what `retention:` gives an age and only what is older; logs counts, never names.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Remove archived files and refused rows older than the configured retention (opt-in).")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Count what would be removed; remove nothing.")
    var dryRun = false

    func run() throws {
        Console.bootstrapLogging()
        let config = try options.loadConfiguration()
        let logger = Logger(label: "referrald")
        let retention = config.retention
        let mode = dryRun ? "would remove" : "removed"
        if retention.isEmpty {
            logger.info("retention not configured, nothing removed")
            print("retention: not configured; nothing removed")
            return
        }
        var status = ExitStatus.success
        if let age = retention.processedFiles {
            let pruner = ArchivePruner(cutoff: Date().timeIntervalSince1970 - Double(age.components.seconds), dryRun: dryRun)
            var total = ArchivePruner.Tally()
            for partner in config.partners {
                do {
                    let tally = try pruner.prune(DropLayout(root: config.drop.root, partner: partner.name))
                    logger.info("retention files", metadata: [
                        "partner": "\(partner.name)", "files": "\(tally.files)", "bytes": "\(tally.bytes)",
                        "kept": "\(tally.kept)", "dry_run": "\(dryRun)",
                    ])
                    total.files += tally.files
                    total.bytes += tally.bytes
                    total.kept += tally.kept
                } catch {
                    // The path is the drop layout's (partner and directory), never an extract's content.
                    logger.error("retention files failed", metadata: ["partner": "\(partner.name)", "reason": "\(error)"])
                    status = max(status, .dataUnreadable)
                }
            }
            print("retention: \(mode) \(total.files) archived file(s), \(total.bytes) bytes; kept \(total.kept)")
        }
        if let age = retention.rejectedRows {
            do {
                let tally = try purgeRows(config, seconds: age.components.seconds)
                logger.info("retention rows", metadata: ["rows": "\(tally.rows)", "files": "\(tally.files)", "dry_run": "\(dryRun)"])
                print("retention: \(mode) \(tally.rows) refused row(s) of \(tally.files) file(s)")
            } catch let exit as ExitCode {
                status = max(status, ExitStatus(rawValue: exit.rawValue) ?? .configuration)
            }
        }
        if status != .success { throw status.code }
    }

    /// Deletes refused rows as `retention.conninfo`'s role (the schema owner).
    private func purgeRows(_ config: Configuration, seconds: Int64) throws -> RejectedRowRetention.Tally {
        var owner = config
        if let conninfo = config.retention.conninfo { owner.database.conninfo = conninfo }
        let database = try Database.open(owner)
        defer { database.connection.close() }
        do {
            return try RejectedRowRetention(connection: database.connection).purge(olderThanSeconds: seconds, dryRun: dryRun)
        } catch let error as PostgresError where error.sqlState == "42501" {
            Console.error("retention: this role may not delete refused rows; set retention.conninfo to the schema owner's role (docs/operations.md)")
            throw ExitStatus.configuration.code
        } catch let error as PostgresError {
            Console.error("retention: database error: \(error.redactedDescription)")
            throw (error.kind == .connection ? ExitStatus.databaseUnavailable : ExitStatus.dataUnreadable).code
        }
    }
}
