import ArgumentParser
import DropDirectory
import Foundation
import Intake
import Logging
import PostgresLibPQ
import ReferralCore
import ReferralDaemon
import ReferralStore

/// `referrald replay --partner NAME FILE`: a file from the partner's `rejected/`, after its
/// profile was fixed, through the daemon's pipeline again; moved to `processed/` when it loads.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a file from a partner's rejected/ directory (after its profile was fixed).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The partner whose rejected/ directory holds the file.")
    var partner: String

    @Argument(help: "The file, a path into <drop root>/<partner>/rejected/.")
    var file: String

    func run() throws {
        Console.bootstrapLogging()
        let config = try options.loadConfiguration()
        let partner = try options.partner(named: partner, in: config)
        let layout = DropLayout(root: config.drop.root, partner: partner.name)
        let name: String
        do {
            name = try FileReplay.locate(file, in: layout)
        } catch {
            Console.error("replay refused: \(error)")
            throw (error.isMissing ? ExitStatus.dataUnreadable : ExitStatus.usage).code
        }
        let database = try Database.open(config)
        defer { database.connection.close() }
        let today = LocalCalendar(identifier: config.timezone).date()
        let logger = Logger(label: "referrald")
        let alerts = AlertRunner(config: config, database: database, log: AlertLog(logger: logger))
        let replay = FileReplay(partner: partner, layout: layout, database: database, maxFileSize: config.drop.maxFileSize,
                                owner: InstanceIdentity.current(role: "replay"), alerts: alerts)
        let outcome: FileReplay.Outcome
        do {
            outcome = try replay.replay(name: name, arrivalDate: today)
        } catch let error as FileReplay.Refusal {
            Console.error("replay refused: \(error)")
            throw ExitStatus.dataUnreadable.code
        } catch let error as IntakeError {
            Console.error("\(error)")
            throw ExitStatus.dataUnreadable.code
        } catch let error as PostgresError {
            Console.error("\(LogSafe.fileName(name)): database error: \(error.redactedDescription)")
            throw (error.kind == .connection ? ExitStatus.databaseUnavailable : ExitStatus.dataUnreadable).code
        }
        let s = outcome.summary
        logger.info("file replayed", metadata: [
            "partner": "\(partner.name)", "file": "\(LogSafe.fileName(name))", "status": "\(s.status.rawValue)",
            "rows": "\(s.rowsTotal)", "loaded": "\(s.rowsLoaded)", "rejected": "\(s.rowsRejected)",
            "duplicate": "\(s.rowsDuplicate)", "warnings": "\(s.warnings)", "file_id": "\(s.fileId)",
            "moved_to": "\(outcome.processedAs == nil ? "rejected" : "processed")",
        ])
        print(IngestCommand.summaryLine(partner: partner.name, name: name, s))
        if let archived = outcome.archived, outcome.processedAs != nil {
            print("moved to \(archived.directory)/\(LogSafe.fileName(archived.name))")
        } else {
            print("still refused: left in \(layout.rejected)/ with a new report")
        }
        switch s.status {
        case .refused: throw ExitStatus.fileRefused.code
        case .loaded where s.rowsRejected > 0: throw ExitStatus.rowsRefused.code
        default: break
        }
    }
}

extension FileReplay.Refusal {
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
}
