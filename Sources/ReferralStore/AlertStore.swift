import PostgresLibPQ
import ReferralCore

/// The `alert` and `referral_count` tables, as the alert evaluation reads and writes them.
public struct AlertStore {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Counts of `scope` (a partner, or `total` over every partner) for the periods of one
    /// granularity between `from` and `to` (inclusive); absent periods are not in the result.
    public func counts(scope: String, granularity: Granularity, from: CivilDate, to: CivilDate) throws -> [Period: Int] {
        let rows = scope == AlertScope.total
            ? try connection.query(
                """
                SELECT period_start::text, sum(count) FROM referral_count
                WHERE granularity = $1 AND period_start BETWEEN $2 AND $3 GROUP BY 1
                """, [granularity.rawValue, from.description, to.description])
            : try connection.query(
                """
                SELECT period_start::text, count FROM referral_count
                WHERE partner = $4 AND granularity = $1 AND period_start BETWEEN $2 AND $3
                """, [granularity.rawValue, from.description, to.description, scope])
        var counts: [Period: Int] = [:]
        for i in 0..<rows.rowCount {
            guard let date = rows[i, 0].flatMap(CivilDate.init(iso:)) else { continue }
            counts[Period(granularity, containing: date)] = Int(rows[i, 1] ?? "0") ?? 0
        }
        return counts
    }

    /// The scope's first period with a referral.
    public func firstPeriod(scope: String, granularity: Granularity) throws -> Period? {
        let row = scope == AlertScope.total
            ? try connection.query("SELECT min(period_start)::text FROM referral_count WHERE granularity = $1 AND count > 0", [granularity.rawValue])
            : try connection.query(
                "SELECT min(period_start)::text FROM referral_count WHERE partner = $2 AND granularity = $1 AND count > 0",
                [granularity.rawValue, scope])
        return row[0, 0].flatMap(CivilDate.init(iso:)).map { Period(granularity, containing: $0) }
    }

    /// The states of the alerts of `scope` for the given periods, by rule and period.
    public func states(scope: String, periods: [Period]) throws -> [AlertKey: AlertLifecycle.State] {
        guard let granularity = periods.first?.granularity else { return [:] }
        let rows = try connection.query(
            """
            SELECT rule, period_start::text, state FROM alert
            WHERE scope = $1 AND granularity = $2 AND period_start = ANY($3::date[])
            """,
            [scope, granularity.rawValue, "{" + periods.map(\.start.description).joined(separator: ",") + "}"])
        var states: [AlertKey: AlertLifecycle.State] = [:]
        for i in 0..<rows.rowCount {
            guard let rule = rows[i, 0].flatMap(AlertRule.init(rawValue:)),
                  let date = rows[i, 1].flatMap(CivilDate.init(iso:)),
                  let state = rows[i, 2].flatMap(AlertLifecycle.State.init(rawValue:)) else { continue }
            states[AlertKey(rule: rule, scope: scope, period: Period(granularity, containing: date))] = state
        }
        return states
    }

    /// Each partner's loaded files' spans of referral dates (files with no rows span nothing).
    public func spans() throws -> [String: [DateSpan]] {
        let rows = try connection.query(
            """
            SELECT partner, first_referral::text, last_referral::text FROM ingested_file
            WHERE status = 'loaded' AND first_referral IS NOT NULL
            """)
        var spans: [String: [DateSpan]] = [:]
        for i in 0..<rows.rowCount {
            guard let partner = rows[i, 0], let first = rows[i, 1].flatMap(CivilDate.init(iso:)),
                  let last = rows[i, 2].flatMap(CivilDate.init(iso:)) else { continue }
            spans[partner, default: []].append(DateSpan(first, last))
        }
        return spans
    }

    /// When each of `partners` last sent a file (seconds since the epoch); partners that never did are absent.
    public func lastFiles(partners: [String]) throws -> [String: Double] {
        let rows = try connection.query(
            "SELECT partner, extract(epoch FROM max(received_at))::float8 FROM ingested_file WHERE partner = ANY($1::text[]) GROUP BY 1",
            ["{" + partners.joined(separator: ",") + "}"])
        var last: [String: Double] = [:]
        for i in 0..<rows.rowCount {
            if let partner = rows[i, 0], let at = rows[i, 1].flatMap(Double.init) { last[partner] = at }
        }
        return last
    }

    /// The partner's `feed_silent` rows that fire, and the one for the day of its last file.
    public func feedSilentStates(partner: String, lastFileDay: Period) throws -> [Period: AlertLifecycle.State] {
        let rows = try connection.query(
            """
            SELECT period_start::text, state FROM alert
            WHERE rule = 'feed_silent' AND scope = $1 AND (state = 'firing' OR period_start = $2::date)
            """, [partner, lastFileDay.start.description])
        var states: [Period: AlertLifecycle.State] = [:]
        for i in 0..<rows.rowCount {
            guard let date = rows[i, 0].flatMap(CivilDate.init(iso:)),
                  let state = rows[i, 1].flatMap(AlertLifecycle.State.init(rawValue:)) else { continue }
            states[Period(.day, containing: date)] = state
        }
        return states
    }

    /// Partners whose `feed_silent` alert fires.
    public func silentPartners() throws -> Set<String> {
        let rows = try connection.query("SELECT DISTINCT scope FROM alert WHERE rule = 'feed_silent' AND state = 'firing'")
        return Set((0..<rows.rowCount).compactMap { rows[$0, 0] })
    }

    /// Firing alerts of `granularity` before `start` (other than `feed_silent`) become historic. Returns how many.
    public func demote(granularity: Granularity, before start: CivilDate) throws -> Int {
        try connection.query(
            """
            UPDATE alert SET state = 'historic'
            WHERE state = 'firing' AND granularity = $1 AND period_start < $2::date AND rule <> 'feed_silent'
            RETURNING id
            """, [granularity.rawValue, start.description]).rowCount
    }

    /// Writes the row an action calls for. Returns false when another instance already did it.
    @discardableResult
    public func apply(_ action: AlertLifecycle.Action, _ f: Finding) throws -> Bool {
        let figures: [String?] = [
            f.rule.rawValue, f.scope, f.period.granularity.rawValue, f.period.start.description, String(f.observed),
            f.mean.map { String($0) }, f.upperLimit.map { String($0) }, f.lowerLimit.map { String($0) }, String(f.baseline),
        ]
        let identity = "rule = $1 AND scope = $2 AND granularity = $3 AND period_start = $4::date"
        switch action {
        case .none:
            return false
        case .raise, .recordHistoric:
            let state = action == .raise ? "firing" : "historic"
            let result = try connection.query(
                """
                INSERT INTO alert AS a (rule, scope, granularity, period_start, observed, mean, upper_limit, lower_limit, baseline, state, raised_at, resolved_at)
                VALUES ($1, $2, $3, $4::date, $5::int, $6::float8, $7::float8, $8::float8, $9::int, '\(state)', now(), NULL)
                ON CONFLICT (rule, scope, granularity, period_start) DO UPDATE SET
                    state = EXCLUDED.state, observed = EXCLUDED.observed, mean = EXCLUDED.mean,
                    upper_limit = EXCLUDED.upper_limit, lower_limit = EXCLUDED.lower_limit, baseline = EXCLUDED.baseline,
                    raised_at = now(), resolved_at = NULL
                WHERE a.state = 'resolved'
                RETURNING id
                """, figures)
            return result.rowCount == 1
        case .update:
            try connection.query(
                """
                UPDATE alert SET observed = $5::int, mean = $6::float8, upper_limit = $7::float8,
                       lower_limit = $8::float8, baseline = $9::int WHERE \(identity) AND state = 'firing'
                """, figures)
            return true
        case .resolve:
            let result = try connection.query(
                "UPDATE alert SET state = 'resolved', resolved_at = now(), observed = $5::int WHERE \(identity) AND state = 'firing' RETURNING id",
                Array(figures.prefix(5)))
            return result.rowCount == 1
        case .demote:
            let result = try connection.query(
                "UPDATE alert SET state = 'historic' WHERE \(identity) AND state = 'firing' RETURNING id", Array(figures.prefix(4)))
            return result.rowCount == 1
        }
    }
}

/// Scope names: a partner's name, or `total`.
public enum AlertScope {
    public static let total = "total"
}

/// An alert's identity within one granularity.
public struct AlertKey: Hashable, Sendable {
    public var rule: AlertRule
    public var scope: String
    public var period: Period

    public init(rule: AlertRule, scope: String, period: Period) {
        self.rule = rule
        self.scope = scope
        self.period = period
    }
}
