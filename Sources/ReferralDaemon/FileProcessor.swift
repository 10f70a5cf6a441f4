import DropDirectory
import Foundation
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore

/// Takes one complete file through its lifecycle: claim, load, row report, move (then a refused
/// file's reason beside it). The decisions are the `FileLifecycle` value's; this type only
/// performs them.
struct FileProcessor {
    let partner: Configuration.Partner
    let layout: DropLayout
    let database: ReferralDatabase
    let config: Configuration
    let owner: String
    let logger: Logger
    let stop: StopFlag
    let loads: LoadCancellation
    let notifier: SystemdNotifier
    let alerts: AlertLog
    let metrics: DaemonMetrics?

    /// Runs the file's lifecycle from `claim` until it waits or is done. Throws `PostgresError`
    /// of kind `.connection` when the database went away (nothing was committed or moved).
    func process(name: String, lifecycle: inout FileLifecycle, today: CivilDate) throws {
        let started = ContinuousClock.now
        let path = layout.incoming + "/" + name
        let ingestor = FileIngestor(database: database, maxFileSize: config.drop.maxFileSize)
        let claims = FileClaims(connection: database.connection, owner: owner)
        let safeName = LogSafe.fileName(name)
        var meta: Logger.Metadata = ["partner": "\(partner.name)", "file": "\(safeName)"]

        let prepared: FileIngestor.Prepared
        do {
            prepared = try ingestor.prepare(path: path, partner: partner.name)
        } catch {
            if access(path, F_OK) != 0 { _ = lifecycle.handle(.vanished); return }
            logger.warning("file unreadable", metadata: meta.merging(["reason": "\(error)"]) { $1 })
            _ = lifecycle.handle(.claimLost)
            return
        }

        var summary: FileSummary?
        var action: FileLifecycle.Action
        // Still the very file we opened and hashed (another instance may have moved it since).
        switch try claims.claim(partner: partner.name, sha256: prepared.receipt.sha256, fileName: name,
                                isCurrent: { prepared.file.isStill(at: path) }) {
        case .heldByOther:
            _ = lifecycle.handle(.claimLost)
            return
        case .alreadyCommitted(let fileId):
            _ = lifecycle.handle(.claimed)
            summary = try ReferralLoader(connection: database.connection).summary(fileId: fileId)
            let refused = summary?.status == .refused
            logger.info("file already committed, moving it", metadata: meta.merging(["file_id": "\(fileId)"]) { $1 })
            action = lifecycle.handle(refused ? .refused : .committed)
        case .claimed:
            action = lifecycle.handle(.claimed)
        }

        while true {
            switch action {
            case .load:
                notifier.status("loading \(partner.name)/\(safeName)")
                do {
                    let loaded = try loads.during(database.connection.canceller()) {
                        try ingestor.load(prepared, partner: partner, arrivalDate: today, claims: claims) { _ in
                            notifier.watchdog()
                            if stop.isSet { throw StopRequested() }
                        }
                    }
                    summary = loaded
                    action = lifecycle.handle(loaded.status == .refused ? .refused : .committed)
                } catch let error where stop.isSet && Self.isStop(error) {
                    // Rolled back by our own stop: as if never tried. Letting the claim go is a
                    // courtesy (a late cancel may hit it): unreleased, it lapses with its lease.
                    _ = lifecycle.handle(.databaseUnavailable)
                    try? claims.release(partner: partner.name, sha256: prepared.receipt.sha256)
                    return
                } catch let error as PostgresError where error.kind == .connection || error.isTransient {
                    _ = lifecycle.handle(.databaseUnavailable)
                    throw error
                } catch is FileClaims.Lost {
                    action = lifecycle.handle(.claimLost)
                } catch {
                    let reason = Self.reason(error)
                    let attempts = try claims.recordFailure(partner: partner.name, sha256: prepared.receipt.sha256, reason: reason)
                    logger.error("file failed to load", metadata: meta.merging(["reason": "\(reason)", "attempts": "\(attempts)"]) { $1 })
                    action = lifecycle.handle(.failed(attempts: attempts))
                }
            case .refuseAsPoison:
                let refusal = FileRefusal(rule: "file.unloadable", message: "the file failed to load \(FileLifecycle.maxAttempts) times")
                let refused = try ingestor.refuse(prepared, refusal, claims: claims)
                summary = refused
                action = lifecycle.handle(.refused)
            case .move(let destination):
                let directory = destination == .processed ? layout.processed(month: String(today.description.prefix(7))) : layout.rejected
                // The row report first: a crash after the move would otherwise lose it for good (the
                // file is no longer in incoming/ to be taken again); written twice, it is the same.
                if let summary { try writeRowReport(summary, name: name) }
                let stored = try Archiver.move(name: name, from: layout.incoming, to: directory)
                // Said as soon as it is true: the steps after the move need the database, which may
                // be gone by then, and the file is no longer in incoming/ to be taken again.
                meta["moved_to"] = "\(destination.rawValue)"
                if let s = summary {
                    meta.merge(["status": "\(s.status.rawValue)", "rows": "\(s.rowsTotal)", "loaded": "\(s.rowsLoaded)",
                                "rejected": "\(s.rowsRejected)", "duplicate": "\(s.rowsDuplicate)", "warnings": "\(s.warnings)",
                                "file_id": "\(s.fileId)"]) { $1 }
                }
                logger.info(summary?.status == .duplicate ? "file duplicate" : destination == .processed ? "file loaded" : "file refused", metadata: meta)
                if destination == .rejected, let refusal = summary?.refusal {
                    try PartnerReportFile.writeRefusal(refusal, name: stored, directory: layout.rejected)
                }
                try claims.markArchived(partner: partner.name, sha256: prepared.receipt.sha256)
                action = lifecycle.handle(.moved)
                if let summary {
                    metrics?.fileDone(partner: partner.name, summary: summary, duration: ContinuousClock.now - started, at: Date().timeIntervalSince1970)
                    try AlertRunner(config: config, database: database, log: alerts, metrics: metrics)
                        .afterFile(partner: partner.name, summary: summary, today: today)
                }
            case .wait, .forget, .claim:
                return
            }
        }
    }

    /// `reports/<name>.report.csv` (the latest for a name) for every file with warnings or
    /// refusals. A refused file's `rejected/<stored name>.report.txt` is written after its move.
    private func writeRowReport(_ summary: FileSummary, name: String) throws {
        if summary.warnings > 0 || summary.rowsRejected > 0 || summary.status == .refused {
            try PartnerReportFile.write(fileId: summary.fileId, name: name, directory: layout.reports, connection: database.connection)
        }
    }

    /// The progress callback's `StopRequested`, or a statement our stop cancelled (`57014`).
    static func isStop(_ error: any Error) -> Bool {
        error is StopRequested || (error as? PostgresError)?.sqlState == "57014"
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as PostgresError: "database error SQLSTATE \(error.sqlState ?? "none")"
        case let error as FileIngestor.Failure: "unreadable: \(error)"
        case let error as DropError: "file system: \(error)"
        default: "\(type(of: error))"
        }
    }
}
