import Foundation
import Logging
import ReferralConfig
import ReferralCore
import ReferralStore

/// Alert evaluation as the pipeline runs it: after each loaded file, its partner's periods that
/// the file touched; and when the drop directories are quiet, every scope's window periods
/// (`total` included), `feed_silent` and window demotion.
///
/// `total` and the window are judged only when no file is waiting: judged in the middle of a
/// backlog (years of history arriving at once) they would see months not yet loaded as empty
/// and raise alerts that resolve minutes later.
public struct AlertRunner {
    public let config: Configuration
    public let database: ReferralDatabase
    public let log: AlertLog
    /// When set, `referrald_alerts_firing` is read back from the alert table after each evaluation.
    public let metrics: DaemonMetrics?

    public init(config: Configuration, database: ReferralDatabase, log: AlertLog, metrics: DaemonMetrics? = nil) {
        self.config = config
        self.database = database
        self.log = log
        self.metrics = metrics
    }

    private var evaluation: AlertEvaluation {
        AlertEvaluation(connection: database.connection, settings: config.alerts.spike, granularities: config.alerts.granularities)
    }

    /// After a file of `partner` committed: the partner's scope, for the periods it touched.
    public func afterFile(partner: String, summary: FileSummary, today: CivilDate) throws {
        guard summary.status == .loaded, !summary.touchedPeriods.isEmpty else { return }
        let silent = config.alerts.feedSilent.isEmpty ? [] : try evaluation.silentPartners()
        let outcome = try evaluation.run(
            scopes: [partner], touched: summary.touchedPeriods, today: today, silentPartners: silent, includeWindow: false)
        log.log(outcome, file: summary.fileName)
        try updateMetrics()
    }

    /// When quiet: demote firing alerts that left the window, judge silent feeds, and judge the
    /// window periods of every scope and `total` (a closed period gains rules when it closes).
    public func whenQuiet(today: CivilDate) throws {
        let demoted = try evaluation.demoteOutOfWindow(today: today)
        if demoted > 0 { log.logger.info("alerts left the window", metadata: ["alerts": "\(demoted)"]) }
        log.log(try evaluation.runFeedSilence(limits: feedLimits, now: Date().timeIntervalSince1970))
        let silent = try evaluation.silentPartners()
        let scopes = config.partners.map(\.name) + [AlertScope.total]
        log.log(try evaluation.run(scopes: scopes, touched: [], today: today, silentPartners: silent))
        try updateMetrics()
    }

    /// Firing alerts by scope and rule, as the alert table has them now, into the metrics.
    public func updateMetrics() throws {
        guard let metrics else { return }
        metrics.alertsFiring(try AlertStore(connection: database.connection).firingCounts())
    }

    private var feedLimits: [String: Double] {
        config.alerts.feedSilent.mapValues { Double($0.components.seconds) }
    }
}
