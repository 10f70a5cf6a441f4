import ArgumentParser
import Foundation
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
        let ingestor = FileIngestor(database: database, maxFileSize: config.drop.maxFileSize)
        let claims = FileClaims(connection: database.connection, owner: InstanceIdentity.current(role: "ingest"))
        let today = LocalCalendar(identifier: config.timezone).date()
        let alerts = AlertRunner(config: config, database: database, log: AlertLog(logger: Logger(label: "referrald")))
        var status = ExitStatus.success
        for path in files {
            do {
                let prepared = try ingestor.prepare(path: path, partner: partner.name)
                let receipt = prepared.receipt
                switch try claims.claim(partner: partner.name, sha256: receipt.sha256, fileName: receipt.fileName) {
                case .claimed: break
                case .alreadyCommitted(let fileId):
                    print("\(partner.name)/\(LogSafe.fileName(receipt.fileName)): already loaded as file_id=\(fileId) (awaiting its move by the daemon)")
                    continue
                case .heldByOther:
                    Console.error("\(LogSafe.fileName(path)): another referrald instance is loading these bytes now; try again later")
                    status = max(status, .dataUnreadable)
                    continue
                }
                let summary = try ingestor.load(prepared, partner: partner, arrivalDate: today, claims: claims)
                try claims.markArchived(partner: partner.name, sha256: receipt.sha256)
                try alerts.afterFile(partner: partner.name, summary: summary, today: today)
                print(Self.summaryLine(receipt, summary))
                if let report, summary.warnings > 0 || summary.rowsRejected > 0 || summary.status == .refused {
                    try PartnerReportFile.write(fileId: summary.fileId, name: receipt.fileName, directory: report, connection: database.connection)
                }
                switch summary.status {
                case .refused: status = max(status, .fileRefused)
                case .loaded where summary.rowsRejected > 0: status = max(status, .rowsRefused)
                default: break
                }
            } catch let error as FileIngestor.Failure {
                Console.error("\(error)")
                status = max(status, .dataUnreadable)
            } catch let error as PostgresError {
                Console.error("\(LogSafe.fileName(path)): database error: \(error.redactedDescription)")
                status = max(status, error.kind == .connection ? .databaseUnavailable : .dataUnreadable)
                if error.kind == .connection { break }
            }
        }
        if status != .success { throw status.code }
    }

    static func summaryLine(_ receipt: FileReceipt, _ s: FileSummary) -> String {
        var line = "\(receipt.partner)/\(LogSafe.fileName(receipt.fileName)): \(s.status.rawValue)"
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
