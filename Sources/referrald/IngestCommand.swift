import ArgumentParser
import Foundation
import Intake
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralDaemon
import ReferralStore

/// `referrald ingest --partner NAME FILE...`: load files once through the daemon's pipeline.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load files once through the daemon's pipeline and print a summary per file.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "The partner whose files these are (its profile applies).")
    var partner: String

    @Option(help: "Write <file>.report.csv here for every file with warnings or refusals.")
    var report: String?

    @Argument(help: "Extract files to load.")
    var files: [String]

    func run() throws {
        Console.bootstrapLogging()
        let config = try options.loadConfiguration()
        let partner = try options.partner(named: partner, in: config)
        let database = try Database.open(config)
        let intake = PathIntake(partner: partner.name, paths: files, maxFileSize: config.drop.maxFileSize, reports: report)
        let alerts = AlertRunner(config: config, database: database, log: AlertLog(logger: Logger(label: "referrald")))
        var job = FileJob(intake: intake, partner: partner, database: database, owner: InstanceIdentity.current(role: "ingest"),
                          alerts: alerts)
        job.rows = RowSources.chooser(maxInflated: config.drop.maxFileSize)
        let today = LocalCalendar(identifier: config.timezone).date()
        var status = ExitStatus.success
        for item in try intake.list().items {
            do {
                switch try job.run(item, today: today) {
                case .done(let summary, _):
                    print(Self.summaryLine(partner: partner.name, name: item.name, summary))
                    switch summary.status {
                    case .refused: status = max(status, .fileRefused)
                    case .loaded where summary.rowsRejected > 0: status = max(status, .rowsRefused)
                    default: break
                    }
                case .committedEarlier(let fileId):
                    print("\(partner.name)/\(LogSafe.fileName(item.name)): already loaded as file_id=\(fileId) (awaiting its move by the daemon)")
                case .heldByOther, .notFinished:
                    Console.error("\(LogSafe.fileName(item.id)): another referrald instance is loading these bytes now; try again later")
                    status = max(status, .dataUnreadable)
                }
            } catch let error as IntakeError {
                Console.error("\(error)")
                status = max(status, .dataUnreadable)
            } catch let error as PostgresError {
                Console.error("\(LogSafe.fileName(item.id)): database error: \(error.redactedDescription)")
                status = max(status, error.kind == .connection ? .databaseUnavailable : .dataUnreadable)
                if error.kind == .connection { break }
            }
        }
        if status != .success { throw status.code }
    }

    static func summaryLine(partner: String, name: String, _ s: FileSummary) -> String {
        var line = "\(partner)/\(LogSafe.fileName(name)): \(s.status.rawValue)"
        switch s.status {
        case .loaded:
            line += " rows=\(s.rowsTotal) loaded=\(s.rowsLoaded) rejected=\(s.rowsRejected) duplicate=\(s.rowsDuplicate) warnings=\(s.warnings)"
        case .duplicate:
            line += " (same bytes as file \(s.duplicateOf ?? 0)); nothing loaded"
        case .refused:
            line += " \(s.refusal?.rule ?? ""): \(s.refusal?.message ?? "")"
        }
        return line + " file_id=\(s.fileId)"
    }
}
