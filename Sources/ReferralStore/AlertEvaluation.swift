import PostgresLibPQ
import ReferralCore

/// Runs the alert planner (`AlertPlanner`, `FeedSilence`) against the database: reads the spans,
/// counts and alert states it asks for, and applies its decisions to the `alert` table. Its cost
/// grows with the periods judged (the window, and the periods a file touched and their
/// followers), never with the years of history loaded.
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

        mutating func add(_ decision: AlertDecision) {
            switch decision.action {
            case .raise: raised.append(decision.finding)
            case .resolve: resolved.append(decision.finding)
            case .recordHistoric: historic += 1
            default: break
            }
        }
    }

    public let connection: PostgresConnection
    public let settings: SpikeSettings
    public let granularities: [Granularity]

    public init(connection: PostgresConnection, settings: SpikeSettings, granularities: [Granularity]) {
        self.connection = connection
        self.settings = settings
        self.granularities = granularities
    }

    /// Judges `scopes` (partners and/or `total`): every period of the alert window, and the
    /// `touched` periods with the periods whose baselines they hold, each only as far as coverage
    /// allows. `silentPartners` have a firing `feed_silent` alert: they do not hold `total` back,
    /// and their `below_lower_limit` alerts are not raised; `watched` partners (`feed_silent` on)
    /// hold `total` back while they send (`ScopeCoverage`).
    public func run(scopes: [String], touched: Set<Period> = [], today: CivilDate, silentPartners: Set<String> = [],
                    watched: Set<String> = []) throws -> Outcome {
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('referrald.alerts'))")
            var outcome = Outcome()
            let store = AlertStore(connection: connection)
            let coverage = ScopeCoverage(
                partners: try store.spans().mapValues { Coverage(spans: $0) }, silent: silentPartners, watched: watched, today: today,
                settings: settings)
            let planner = AlertPlanner(settings: settings, coverage: coverage)
            for granularity in granularities {
                for scope in scopes {
                    let first = try store.firstPeriod(scope: scope, granularity: granularity)
                    let periods = planner.periods(granularity, touched: touched, firstPeriod: first)
                    guard let range = planner.countsNeeded(for: periods) else { continue }
                    let counts = try store.counts(scope: scope, granularity: granularity, from: range.from.start, to: range.to.end)
                    let states = try store.states(scope: scope, periods: periods)
                    for period in periods {
                        var byRule: [AlertRule: AlertLifecycle.State] = [:]
                        for (key, state) in states where key.period == period { byRule[key.rule] = state }
                        for decision in planner.decide(scope: scope, period: period, counts: counts, firstPeriod: first, states: byRule)
                        where try store.apply(decision.action, decision.finding) {
                            outcome.add(decision)
                        }
                    }
                }
            }
            return outcome
        }
    }

    /// Firing alerts whose period has left the window become historic, quietly. Returns how many.
    public func demoteOutOfWindow(today: CivilDate) throws -> Int {
        let store = AlertStore(connection: connection)
        var demoted = 0
        for granularity in Granularity.allCases {
            let oldest = Period(granularity, containing: today).advanced(by: -max(0, settings.alertWindow))
            demoted += try store.demote(granularity: granularity, before: oldest.start)
        }
        return demoted
    }

    /// `feed_silent` for each partner with a limit (seconds), at `now` (seconds since the epoch).
    public func runFeedSilence(limits: [String: Double], now: Double) throws -> Outcome {
        guard !limits.isEmpty else { return Outcome() }
        return try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('referrald.alerts'))")
            var outcome = Outcome()
            let store = AlertStore(connection: connection)
            for (partner, at) in try store.lastFiles(partners: limits.keys.sorted()).sorted(by: { $0.key < $1.key }) {
                guard let limit = limits[partner] else { continue }
                let silence = FeedSilence(lastFileAt: at, limit: limit)
                let states = try store.feedSilentStates(partner: partner, lastFileDay: silence.period)
                for decision in silence.decide(partner: partner, now: now, states: states)
                where try store.apply(decision.action, decision.finding) {
                    outcome.add(decision)
                }
            }
            return outcome
        }
    }

    /// Partners whose `feed_silent` alert fires now.
    public func silentPartners() throws -> Set<String> {
        try AlertStore(connection: connection).silentPartners()
    }
}
