import DropDirectory
import Foundation
import Intake
import Logging
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore
import Systemd

/// One item of an intake through the whole sequence, the same for `run`, `ingest` and `replay`:
/// open and hash → claim → load in one transaction → row report → archive → refusal report →
/// claim archived → settle → alerts. The decisions are the `FileLifecycle` value's; this type
/// only performs them.
public struct FileJob {
    /// What became of the item this time.
    public enum Result {
        /// Committed and archived: the ledger's account, and where the original is kept (`nil`
        /// for an intake that keeps nothing).
        case done(FileSummary, archived: ArchivedItem?)
        /// Another live instance holds the claim on these bytes.
        case heldByOther
        /// An earlier run committed these bytes; an intake that keeps nothing leaves the item to
        /// the one that does.
        case committedEarlier(fileId: Int64)
        /// Not finished now (database unavailable, stopped, failed or the claim lost); nothing
        /// was committed, and the lifecycle says when to try again.
        case notFinished
    }

    /// The daemon's hold on a load: its watchdog, its stop, its metrics.
    struct Watch {
        let stop: StopFlag
        let loads: LoadCancellation
        let notifier: SystemdNotifier
        let metrics: DaemonMetrics?
    }

    public let intake: any Intake
    public let partner: Configuration.Partner
    public let database: ReferralDatabase
    public let owner: String
    /// After each committed file; `nil`: no alert evaluation.
    public let alerts: AlertRunner?
    /// Chooses the format reader (`RowSources.open` unless a test brings its own).
    public var rows: RowSources.Chooser = RowSources.open
    /// One line per file done (the daemon's); `nil`: the caller reports.
    let logger: Logger?
    let watch: Watch?

    /// A job for a command (`ingest`, `replay`): no log lines, no watchdog.
    public init(intake: any Intake, partner: Configuration.Partner, database: ReferralDatabase, owner: String, alerts: AlertRunner?) {
        self.init(intake: intake, partner: partner, database: database, owner: owner, alerts: alerts, logger: nil, watch: nil)
    }

    init(intake: any Intake, partner: Configuration.Partner, database: ReferralDatabase, owner: String, alerts: AlertRunner?,
         logger: Logger?, watch: Watch?) {
        self.intake = intake
        self.partner = partner
        self.database = database
        self.owner = owner
        self.alerts = alerts
        self.logger = logger
        self.watch = watch
    }

    private var claims: FileClaims { FileClaims(connection: database.connection, owner: owner) }

    /// Takes one item now, from opening to its end (a command's job). Throws `IntakeError` when
    /// it cannot be read, `PostgresError` when the database fails.
    public func run(_ item: IntakeItem, today: CivilDate) throws -> Result {
        let opened = try intake.open(item)
        var lifecycle = FileLifecycle(first: item.observation, now: .infinity, settleTime: 0)
        return try perform(opened, lifecycle: &lifecycle, today: today, oneShot: true)
    }

    /// Runs an item's lifecycle from `claim` until it waits or is done (the daemon's job). Throws
    /// `PostgresError` of kind `.connection` when the database went away (nothing was committed
    /// or archived).
    func step(_ item: IntakeItem, lifecycle: inout FileLifecycle, today: CivilDate) throws -> Result {
        let opened: OpenedItem
        do {
            opened = try intake.open(item)
        } catch {
            if !intake.isPresent(item) { _ = lifecycle.handle(.vanished); return .notFinished }
            logger?.warning("file unreadable", metadata: meta(item).merging(["reason": "\(error)"]) { $1 })
            _ = lifecycle.handle(.claimLost)
            return .notFinished
        }
        return try perform(opened, lifecycle: &lifecycle, today: today, oneShot: false)
    }

    private func perform(_ opened: OpenedItem, lifecycle: inout FileLifecycle, today: CivilDate, oneShot: Bool) throws -> Result {
        let started = ContinuousClock.now
        let item = opened.item
        let receipt = FileReceipt(partner: partner.name, fileName: item.name, bytes: opened.size, sha256: opened.sha256,
                                  externalID: item.externalID)
        let claims = self.claims
        var summary: FileSummary?
        var result = Result.notFinished
        var action: FileLifecycle.Action
        switch try claims.claim(partner: partner.name, sha256: receipt.sha256, fileName: item.name, isCurrent: { intake.isCurrent(opened) }) {
        case .heldByOther:
            _ = lifecycle.handle(.claimLost)
            return .heldByOther
        case .alreadyCommitted(let fileId):
            guard intake.archives else { return .committedEarlier(fileId: fileId) }
            _ = lifecycle.handle(.claimed)
            summary = try ReferralLoader(connection: database.connection).summary(fileId: fileId)
            if summary == nil && oneShot { throw IntakeError.unreadable("ledger row \(fileId) not found") }
            logger?.info("file already committed, moving it", metadata: meta(item).merging(["file_id": "\(fileId)"]) { $1 })
            action = lifecycle.handle(summary?.status == .refused ? .refused : .committed)
        case .claimed:
            action = lifecycle.handle(.claimed)
        }

        let ingestor = FileIngestor(database: database, rows: rows)
        while true {
            switch action {
            case .load:
                watch?.notifier.status("loading \(partner.name)/\(LogSafe.fileName(item.name))")
                do {
                    let loaded = try during {
                        try ingestor.load(receipt, bytes: opened.bytes, partner: partner, arrivalDate: today, claims: claims) { _ in
                            guard let watch else { return }
                            watch.notifier.watchdog()
                            if watch.stop.isSet { throw StopRequested() }
                        }
                    }
                    summary = loaded
                    action = lifecycle.handle(loaded.status == .refused ? .refused : .committed)
                } catch let error where watch?.stop.isSet == true && Self.isStop(error) {
                    // Rolled back by our own stop: as if never tried. Letting the claim go is a
                    // courtesy (a late cancel may hit it): unreleased, it lapses with its lease.
                    _ = lifecycle.handle(.databaseUnavailable)
                    try? claims.release(partner: partner.name, sha256: receipt.sha256)
                    return .notFinished
                } catch let error as PostgresError where error.kind == .connection || error.isTransient {
                    _ = lifecycle.handle(.databaseUnavailable)
                    throw error
                } catch is FileClaims.Lost {
                    action = lifecycle.handle(.claimLost)
                } catch {
                    let reason = Self.reason(error)
                    let attempts = try claims.recordFailure(partner: partner.name, sha256: receipt.sha256, reason: reason)
                    logger?.error("file failed to load", metadata: meta(item).merging(["reason": "\(reason)", "attempts": "\(attempts)"]) { $1 })
                    if oneShot { throw IntakeError.unreadable("\(LogSafe.fileName(item.name)): \(reason)") }
                    action = lifecycle.handle(.failed(attempts: attempts))
                }
            case .refuseAsPoison:
                let refusal = FileRefusal(rule: "file.unloadable", message: "the file failed to load \(FileLifecycle.maxAttempts) times")
                summary = try ingestor.refuse(receipt, refusal, claims: claims)
                action = lifecycle.handle(.refused)
            case .archive(let outcome):
                summary?.fileName = item.name
                let archived = try finish(item, receipt, outcome: outcome, summary: summary, today: today)
                action = lifecycle.handle(.archived)
                if let summary {
                    watch?.metrics?.fileDone(partner: partner.name, summary: summary, duration: ContinuousClock.now - started,
                                             at: Date().timeIntervalSince1970)
                    try alerts?.afterFile(partner: partner.name, summary: summary, today: today)
                    result = .done(summary, archived: archived)
                }
            case .wait, .forget, .claim:
                return result
            }
        }
    }

    /// After the commit: row report, archive (a refusal's reason beside it), claim archived, settle.
    private func finish(_ item: IntakeItem, _ receipt: FileReceipt, outcome: ItemOutcome, summary: FileSummary?, today: CivilDate) throws -> ArchivedItem? {
        // The row report first: a crash after the archive would otherwise lose it for good (the
        // item is no longer offered to be taken again); written twice, it is the same.
        if let summary, summary.warnings > 0 || summary.rowsRejected > 0 || summary.status == .refused,
           let directory = try intake.reportDirectory() {
            try PartnerReportFile.write(fileId: summary.fileId, name: item.name, directory: directory, connection: database.connection)
        }
        // A refused item's reason is written beside it while it is still offered: a crash after
        // the archive would otherwise leave the partner a rejected file with no reason.
        let archived = try intake.archive(item, outcome: outcome, month: String(today.description.prefix(7))) { kept in
            if outcome == .refused, let refusal = summary?.refusal {
                try PartnerReportFile.writeRefusal(refusal, name: kept.name, directory: kept.directory)
            }
        }
        // Said as soon as it is true: the steps after the archive need the database, which may
        // be gone by then, and the item is no longer offered to be taken again.
        if let logger {
            var metadata = meta(item)
            metadata["moved_to"] = "\(archived?.place ?? "nowhere")"
            if let s = summary {
                metadata.merge(["status": "\(s.status.rawValue)", "rows": "\(s.rowsTotal)", "loaded": "\(s.rowsLoaded)",
                                "rejected": "\(s.rowsRejected)", "duplicate": "\(s.rowsDuplicate)", "warnings": "\(s.warnings)",
                                "file_id": "\(s.fileId)"]) { $1 }
            }
            logger.info(summary?.status == .duplicate ? "file duplicate" : outcome == .loaded ? "file loaded" : "file refused", metadata: metadata)
        }
        try claims.markArchived(partner: partner.name, sha256: receipt.sha256)
        try intake.settle(item, outcome: outcome)
        return archived
    }

    /// The load as the one a stop cancels (the daemon's), or just the load.
    private func during<T>(_ body: () throws -> T) throws -> T {
        guard let watch else { return try body() }
        return try watch.loads.during(database.connection.canceller(), body)
    }

    private func meta(_ item: IntakeItem) -> Logger.Metadata {
        ["partner": "\(partner.name)", "file": "\(LogSafe.fileName(item.name))"]
    }

    /// The progress callback's `StopRequested`, or a statement our stop cancelled (`57014`).
    static func isStop(_ error: any Error) -> Bool {
        error is StopRequested || (error as? PostgresError)?.sqlState == "57014"
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as PostgresError: "database error SQLSTATE \(error.sqlState ?? "none")"
        case let error as IntakeError: "unreadable: \(error)"
        case let error as DropError: "file system: \(error)"
        default: "\(type(of: error))"
        }
    }
}
