import Foundation
import Logging
import ReferralConfig
import ReferralCore
import ReferralStore

/// Alert evaluation as the pipeline runs it (alerts.md, *Coverage*): after each loaded file, every
/// period of the alert window of the file's partner and of `total` (and the periods the file
/// touched), each judged only once it and its baseline are known; and on a timer, every scope
/// (periods close and partners fall silent as time passes), `feed_silent` and window demotion.
///
/// Coverage decides what can be judged, so the same files give the same alerts however they are
/// batched: there is no need to wait until the drop directories are quiet.
public struct AlertRunner {
    public let config: Configuration
    public let database: ReferralDatabase
    public let log: AlertLog
    /// When set, `referrald_alerts_firing` is read back from the alert table after each evaluation.
    public let metrics: DaemonMetrics?
    /// The clock `feed_silent` measures silence with (seconds since the epoch).
    public let now: @Sendable () -> Double

    public init(config: Configuration, database: ReferralDatabase, log: AlertLog, metrics: DaemonMetrics? = nil,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.config = config
        self.database = database
        self.log = log
        self.metrics = metrics
        self.now = now
    }

    private var evaluation: AlertEvaluation {
        AlertEvaluation(connection: database.connection, settings: config.alerts.spike, granularities: config.alerts.granularities)
    }

    /// After a file of `partner` committed: the partner's scope and `total`.
    public func afterFile(partner: String, summary: FileSummary, today: CivilDate) throws {
        guard summary.status == .loaded else { return }
        try judge(scopes: [partner, AlertScope.total], touched: summary.touchedPeriods, today: today, file: summary.fileName)
    }

    /// On the daemon's timer (and whenever no file says more): every partner and `total`.
    public func periodic(today: CivilDate) throws {
        try judge(scopes: config.partners.map(\.name) + [AlertScope.total], touched: [], today: today, file: nil)
    }

    private func judge(scopes: [String], touched: Set<Period>, today: CivilDate, file: String?) throws {
        let demoted = try evaluation.demoteOutOfWindow(today: today)
        if demoted > 0 { log.logger.info("alerts left the window", metadata: ["alerts": "\(demoted)"]) }
        let limits = feedLimits
        log.log(try evaluation.runFeedSilence(limits: limits, now: now()))
        let silent = try evaluation.silentPartners()
        log.log(try evaluation.run(scopes: scopes, touched: touched, today: today, silentPartners: silent, watched: Set(limits.keys)),
                file: file)
        try updateMetrics()
    }

    /// Firing alerts by scope and rule, as the alert table has them now, into the metrics.
    public func updateMetrics() throws {
        guard let metrics else { return }
        metrics.alertsFiring(try AlertStore(connection: database.connection).firingCounts())
    }

    /// Each configured partner's `feed_silent` limit in seconds (partners with it off are absent).
    private var feedLimits: [String: Double] {
        var limits: [String: Double] = [:]
        for partner in config.partners {
            if let limit = config.alerts.feedSilentLimit(for: partner.name) { limits[partner.name] = Double(limit.components.seconds) }
        }
        return limits
    }
}
