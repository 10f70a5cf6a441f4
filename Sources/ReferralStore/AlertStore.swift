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
