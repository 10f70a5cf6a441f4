import PostgresLibPQ
import ReferralCore

/// Alerts as `referrald alerts` lists them.
public struct AlertRow: Sendable, Equatable {
    public var id: Int64
    public var rule: String
    public var scope: String
    public var period: Period
    public var observed: Int
    public var mean: Double?
    public var upperLimit: Double?
    public var state: String
    public var raisedAt: String
    public var resolvedAt: String?
}

extension AlertStore {
    /// Firing alerts, or every alert with `all`, newest period first.
    public func list(all: Bool) throws -> [AlertRow] {
        let rows = try connection.query(
            """
            SELECT id, rule, scope, granularity, period_start::text, observed, mean, upper_limit, state,
                   to_char(raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            FROM alert WHERE $1::bool OR state = 'firing'
            ORDER BY period_start DESC, granularity, scope, rule
            """, [all ? "true" : "false"])
        return (0..<rows.rowCount).compactMap { i in
            guard let granularity = rows[i, 3].flatMap(Granularity.init(rawValue:)),
                  let start = rows[i, 4].flatMap(CivilDate.init(iso:)) else { return nil }
            return AlertRow(
                id: Int64(rows[i, 0] ?? "0") ?? 0, rule: rows[i, 1] ?? "", scope: rows[i, 2] ?? "",
                period: Period(granularity, containing: start), observed: Int(rows[i, 5] ?? "0") ?? 0,
                mean: rows[i, 6].flatMap(Double.init), upperLimit: rows[i, 7].flatMap(Double.init), state: rows[i, 8] ?? "",
                raisedAt: rows[i, 9] ?? "", resolvedAt: rows[i, 10])
        }
    }
}

extension AlertStore {
    /// A scope and a rule, e.g. (`police`, `threshold`).
    public struct FiringKey: Hashable, Sendable {
        public var scope: String
        public var rule: String

        public init(scope: String, rule: String) {
            self.scope = scope
            self.rule = rule
        }
    }

    /// How many alerts are firing now, by scope and rule.
    public func firingCounts() throws -> [FiringKey: Int] {
        let rows = try connection.query("SELECT scope, rule, count(*) FROM alert WHERE state = 'firing' GROUP BY 1, 2")
        var counts: [FiringKey: Int] = [:]
        for i in 0..<rows.rowCount {
            counts[FiringKey(scope: rows[i, 0] ?? "", rule: rows[i, 1] ?? "")] = Int(rows[i, 2] ?? "0") ?? 0
        }
        return counts
    }
}
