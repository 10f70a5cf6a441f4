import PostgresLibPQ
import ReferralCore

/// Evaluates spike rules for the periods a file touched (and the periods still inside the alert
/// window), drives each alert's lifecycle and persists it. Its cost grows with the periods
/// evaluated, never with the years of history loaded.
///
/// Runs in one transaction under an advisory lock, so two instances never raise one alert twice.
public struct AlertEvaluation {
    /// What the evaluation changed, for the log.
    public struct Outcome: Sendable, Equatable {
        /// Newly firing: one warning each.
        public var raised: [Finding] = []
        /// No longer holding: one notice each.
        public var resolved: [Finding] = []
        /// Alerts recorded as historic (outside the window): one info line per file.
        public var historic = 0
        public init() {}
    }

    public let connection: PostgresConnection
    public let settings: SpikeSettings
    public let granularities: [Granularity]

    public init(connection: PostgresConnection, settings: SpikeSettings, granularities: [Granularity]) {
        self.connection = connection
        self.settings = settings
        self.granularities = granularities
    }

    /// Evaluates `scopes` (partners and/or `total`) for `touched` periods, plus (with
    /// `includeWindow`) the window periods ending with today's. `silentPartners` have a firing `feed_silent` alert: their
    /// `below_lower_limit` alerts are not raised.
    public func run(
        scopes: [String], touched: Set<Period>, today: CivilDate, silentPartners: Set<String> = [], includeWindow: Bool = true
    ) throws -> Outcome {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('referrald.alerts'))")
            var outcome = Outcome()
            let store = AlertStore(connection: connection)
            let evaluator = SpikeEvaluator(settings: settings)
            for granularity in granularities {
                let current = Period(granularity, containing: today)
                let window = (0...max(0, settings.alertWindow)).map { current.advanced(by: -$0) }
                let periods = Set(touched.filter { $0.granularity == granularity && $0 <= current })
                    .union(includeWindow ? window : []).sorted()
                for scope in scopes {
                    guard let first = try store.firstPeriod(scope: scope, granularity: granularity) else { continue }
                    let needed = periods.flatMap { evaluator.periodsNeeded(for: $0) }
                    guard let from = needed.min(), let to = periods.max() else { continue }
                    let counts = try store.counts(scope: scope, granularity: granularity, from: from.start, to: to.end)
                    let states = try store.states(scope: scope, periods: periods)
                    for period in periods where period >= first {
                        let inWindow = period.distance(to: current) <= settings.alertWindow
                        let findings = evaluator.evaluate(
                            scope: scope, period: period, counts: counts, firstPeriod: first, inProgress: period == current)
                        for finding in findings {
                            let key = AlertKey(rule: finding.rule, scope: scope, period: period)
                            var lifecycle = AlertLifecycle(state: states[key] ?? .none)
                            if finding.rule == .belowLowerLimit, silentPartners.contains(scope), lifecycle.state == .none { continue }
                            let action = lifecycle.handle(.evaluated(holds: finding.holds, inWindow: inWindow))
                            guard try store.apply(action, finding) else { continue }
                            switch action {
                            case .raise: outcome.raised.append(finding)
                            case .resolve: outcome.resolved.append(finding)
                            case .recordHistoric: outcome.historic += 1
                            default: break
                            }
                        }
                    }
                }
            }
            return outcome
        }
    }

    /// Firing alerts whose period has left the window become historic, quietly. Returns how many.
    public func demoteOutOfWindow(today: CivilDate) throws -> Int {
        var demoted = 0
        for granularity in Granularity.allCases {
            let oldest = Period(granularity, containing: today).advanced(by: -max(0, settings.alertWindow))
            let result = try connection.query(
                """
                UPDATE alert SET state = 'historic'
                WHERE state = 'firing' AND granularity = $1 AND period_start < $2::date AND rule <> 'feed_silent'
                RETURNING id
                """, [granularity.rawValue, oldest.start.description])
            demoted += result.rowCount
        }
        return demoted
    }
}

extension AlertEvaluation {
    /// `feed_silent`: a partner with no file for longer than its limit. The alert's period is the
    /// day of the partner's last file; a newer file resolves it. Partners that never sent a file
    /// are not judged (there is no silence to measure from).
    public func runFeedSilence(limits: [String: Double], now: Double) throws -> Outcome {
        guard !limits.isEmpty else { return Outcome() }
        return try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('referrald.alerts'))")
            var outcome = Outcome()
            let store = AlertStore(connection: connection)
            let last = try connection.query(
                "SELECT partner, extract(epoch FROM max(received_at))::float8 FROM ingested_file WHERE partner = ANY($1::text[]) GROUP BY 1",
                ["{" + limits.keys.sorted().joined(separator: ",") + "}"])
            for i in 0..<last.rowCount {
                guard let partner = last[i, 0], let limit = limits[partner], let at = last[i, 1].flatMap(Double.init) else { continue }
                let lastDay = Period(.day, containing: CivilDate(daysSinceEpoch: Int((at / 86_400).rounded(.down))))
                let silentHours = Int((now - at) / 3600)
                let firing = try connection.query(
                    "SELECT period_start::text FROM alert WHERE rule = 'feed_silent' AND scope = $1 AND state = 'firing'", [partner])
                var periods = Set((0..<firing.rowCount).compactMap { firing[$0, 0].flatMap(CivilDate.init(iso:)) }.map { Period(.day, containing: $0) })
                periods.insert(lastDay)
                let states = try store.states(scope: partner, periods: Array(periods))
                for period in periods {
                    let holds = period == lastDay && now - at > limit
                    let finding = Finding(rule: .feedSilent, scope: partner, period: period, holds: holds, observed: max(0, silentHours))
                    var lifecycle = AlertLifecycle(state: states[AlertKey(rule: .feedSilent, scope: partner, period: period)] ?? .none)
                    let action = lifecycle.handle(.evaluated(holds: holds, inWindow: true))
                    guard try store.apply(action, finding) else { continue }
                    if action == .raise { outcome.raised.append(finding) }
                    if action == .resolve { outcome.resolved.append(finding) }
                }
            }
            return outcome
        }
    }

    /// Partners whose `feed_silent` alert fires now.
    public func silentPartners() throws -> Set<String> {
        let rows = try connection.query("SELECT DISTINCT scope FROM alert WHERE rule = 'feed_silent' AND state = 'firing'")
        return Set((0..<rows.rowCount).compactMap { rows[$0, 0] })
    }
}
