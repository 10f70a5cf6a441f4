import DropDirectory
import Foundation
import Intake
import Logging
import MeshClient
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralStore
import ServiceLifecycle
import Systemd

/// The daemon's work loop: poll every partner's drop directory, load complete files one at a
/// time, wait out database outages, until a graceful shutdown.
///
/// On shutdown it stops claiming files; a file being loaded is rolled back and stays in
/// `incoming/`. Throws `ReferralDatabase.NotMigrated` when there is no schema (exit 78).
public final class IngestService: Service, @unchecked Sendable {
    private let store: ConfigurationStore
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let stop = StopFlag()
    private let loads = LoadCancellation()
    private let owner = InstanceIdentity.current(role: "run")
    private let calendar: (Configuration) -> CivilDate
    private let alertLog: AlertLog
    private let metrics: DaemonMetrics?
    /// How often the window, `feed_silent` and demotion are re-judged.
    static let alertTimerSeconds = 60.0

    /// With `metrics`, the daemon's metrics are kept up to date (`metrics:` configured).
    public init(
        store: ConfigurationStore, notifier: SystemdNotifier, logger: Logger, metrics: DaemonMetrics? = nil,
        today: @escaping (Configuration) -> CivilDate
    ) {
        self.store = store
        self.notifier = notifier
        self.logger = logger
        self.metrics = metrics
        self.calendar = today
        self.alertLog = AlertLog(logger: logger)
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.loop()
        } onGracefulShutdown: {
            self.stop.set()
            self.loads.stopLoading()
        }
        notifier.stopping()
        logger.notice("referrald stopped")
    }

    private func loop() async throws {
        var config = store.configuration
        var session = DatabaseSession(conninfo: config.database.conninfo, schema: config.database.schema, logger: logger, metrics: metrics)
        metrics?.database(up: false)
        var metricsSeeded = false
        defer { session.close() }
        let poller = DropPoller(logger: logger)
        let mesh = MeshIntakes(logger: logger, metrics: metrics)
        var ready = false
        var filesToday = (day: calendar(config), count: 0)
        var lastAlertTimer = 0.0
        // The partners whose directories are in place; SIGHUP may add partners.
        var directoriesFor: [String] = []

        while !stop.isSet {
            config = store.configuration
            notifier.watchdog()
            if config.database.conninfo != session.conninfo || config.database.schema != session.schema {
                // A reload pointed at another database: connect there from the next pass.
                session.close()
                session = DatabaseSession(conninfo: config.database.conninfo, schema: config.database.schema, logger: logger, metrics: metrics)
                metricsSeeded = false
            }
            let partnerDirectories = config.partners.map { config.drop.root + "/" + $0.name }
            if !ready || partnerDirectories != directoriesFor {
                createDirectories(config)
                metrics?.prepare(partners: config.partners.map(\.name))
                directoriesFor = partnerDirectories
            }
            if !ready {
                if try session.connected() != nil {
                    ready = true
                    notifier.ready(status: "idle; 0 files today")
                    logger.notice("referrald ready", metadata: ["partners": "\(config.partners.count)", "owner": "\(owner)"])
                }
            }
            if ready, let database = try session.connected() {
                let today = calendar(config)
                if today != filesToday.day { filesToday = (today, 0) }
                do {
                    if let metrics, !metricsSeeded {
                        try seed(metrics, config: config, database: database)
                        metricsSeeded = true
                    }
                    mesh.refresh(config, generation: store.generation)
                    let intakes = config.partners.compactMap { partner -> (any Intake)? in
                        guard partner.mesh != nil else {
                            return DropIntake(layout: DropLayout(root: config.drop.root, partner: partner.name), maxFileSize: config.drop.maxFileSize)
                        }
                        return mesh.intake(for: partner, config: config, database: database, owner: owner, stop: stop)
                    }
                    let settle = Double(config.drop.settleTime.components.seconds) + Double(config.drop.settleTime.components.attoseconds) / 1e18
                    let candidates = poller.poll(intakes, settleTime: settle, now: Date().timeIntervalSince1970)
                    let watch = FileJob.Watch(stop: stop, loads: loads, notifier: notifier, metrics: metrics)
                    for candidate in candidates {
                        if stop.isSet { break }
                        guard let partner = config.partner(named: candidate.partner),
                              let intake = intakes.first(where: { $0.partner == partner.name }) else { continue }
                        var job = FileJob(intake: intake, partner: partner, database: database, owner: owner,
                                          alerts: AlertRunner(config: config, database: database, log: alertLog, metrics: metrics),
                                          logger: logger, watch: watch)
                        job.rows = RowSources.chooser(maxInflated: config.drop.maxFileSize)
                        try poller.withLifecycle(partner: candidate.partner, id: candidate.item.id) { lifecycle in
                            _ = try job.step(candidate.item, lifecycle: &lifecycle, today: today)
                            if lifecycle.state == .archived { filesToday.count += 1 }
                        }
                        notifier.watchdog()
                    }
                    let now = Date().timeIntervalSince1970
                    if now - lastAlertTimer >= Self.alertTimerSeconds {
                        try AlertRunner(config: config, database: database, log: alertLog, metrics: metrics).periodic(today: today)
                        lastAlertTimer = now
                    }
                } catch let error as PostgresError where error.kind == .connection || error.isTransient {
                    session.failed(error)
                } catch let error as PostgresError {
                    logger.error("database error", metadata: ["sqlstate": "\(error.sqlState ?? "none")"])
                } catch let error as DropError {
                    logger.error("drop directory error", metadata: ["reason": "\(error)"])
                }
                notifier.status(session.inOutage ? "waiting for database" : "idle; \(filesToday.count) files today")
            } else if ready {
                notifier.status("waiting for database")
            }
            await pause(config.drop.pollInterval)
        }
    }

    /// What the metrics know from before this process: each partner's last file, firing alerts.
    private func seed(_ metrics: DaemonMetrics, config: Configuration, database: ReferralDatabase) throws {
        for (partner, file) in try StatusQuery(connection: database.connection).lastFiles(partners: config.partners.map(\.name)) {
            metrics.lastFile(partner: partner, at: file.finishedAt ?? file.receivedAt)
        }
        try AlertRunner(config: config, database: database, log: alertLog, metrics: metrics).updateMetrics()
    }

    private func createDirectories(_ config: Configuration) {
        for partner in config.partners {
            do {
                try DropLayout(root: config.drop.root, partner: partner.name).create()
            } catch {
                logger.error("cannot create drop directory", metadata: ["partner": "\(partner.name)", "reason": "\(error)"])
            }
        }
    }

    /// Sleeps for the poll interval in short slices, waking early on shutdown.
    private func pause(_ interval: Duration) async {
        let end = ContinuousClock.now + interval
        while !stop.isSet && ContinuousClock.now < end {
            notifier.watchdog()
            try? await Task.sleep(for: min(.milliseconds(200), end - ContinuousClock.now))
        }
    }
}
