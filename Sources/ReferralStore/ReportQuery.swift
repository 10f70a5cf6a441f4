import PostgresLibPQ
import ReferralCore

/// The report card's counts (report.md), read from `referral`, `ingested_file` and `row_issue`
/// in one read-only snapshot. Aggregates only: no personal value leaves the database.
///
/// Definitions, for the report month `[first, last]` (dates):
/// - referrals by month: `count(*)` of `referral` grouped by `date_trunc('month', referral_date)`;
/// - first month: `min(referral_date)` of the partner's referrals up to the month's last day;
/// - re-referrals: those with `is_re_referral`; rolling: over the 12 months ending with the month;
/// - concurrent: referrals with another partner's referral of the same `child_key` and
///   `referral_date`;
/// - NHS number / UPN: `count(nhs_number)`, `count(upn)` (the loader stores valid ones only);
/// - files and rows: `ingested_file` rows received in the month (local time in `timezone`),
///   status `loaded` or `refused` (a `duplicate` is a re-sent file and records no rows);
/// - warnings: `row_issue` rows of severity `warning` of those files, by rule.
public struct ReportQuery {
    public let connection: PostgresConnection
    /// The configured IANA time zone: which month a file's `received_at` falls in.
    public let timezone: String

    public init(connection: PostgresConnection, timezone: String) {
        self.connection = connection
        self.timezone = timezone
    }

    /// Each partner's data for `month`, with monthly counts from `since` to `month`: `partners`
    /// in their order, then any other partner found in the data (name order).
    public func partnerData(month: Period, since: Period, partners: [String]) throws -> [ScopeData] {
        let first = month.start.description, last = month.end.description
        return try connection.transaction {
            try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var data: [String: ScopeData] = [:]
            func edit(_ partner: String?, _ body: (inout ScopeData) -> Void) {
                guard let partner else { return }
                var scope = data[partner] ?? ScopeData(scope: partner)
                body(&scope)
                data[partner] = scope
            }
            for partner in partners { edit(partner) { _ in } }

            let counts = try connection.query(
                """
                SELECT partner, date_trunc('month', referral_date)::date::text, count(*) FROM referral
                WHERE referral_date BETWEEN $1::date AND $2::date GROUP BY 1, 2
                """, [since.start.description, last])
            for i in 0..<counts.rowCount {
                guard let start = counts[i, 1].flatMap(CivilDate.init(iso:)) else { continue }
                edit(counts[i, 0]) { $0.monthlyCounts[Period(.month, containing: start)] = Self.int(counts[i, 2]) }
            }

            let firsts = try connection.query(
                "SELECT partner, min(referral_date)::text FROM referral WHERE referral_date <= $1::date GROUP BY 1", [last])
            for i in 0..<firsts.rowCount {
                guard let date = firsts[i, 1].flatMap(CivilDate.init(iso:)) else { continue }
                edit(firsts[i, 0]) { $0.firstMonth = Period(.month, containing: date) }
            }

            let monthly = try connection.query(
                """
                SELECT r.partner, count(*) FILTER (WHERE r.is_re_referral), count(r.nhs_number), count(r.upn),
                       count(*) FILTER (WHERE EXISTS (
                           SELECT 1 FROM referral o
                           WHERE o.child_key = r.child_key AND o.referral_date = r.referral_date AND o.partner <> r.partner))
                FROM referral r WHERE r.referral_date BETWEEN $1::date AND $2::date GROUP BY 1
                """, [first, last])
            for i in 0..<monthly.rowCount {
                edit(monthly[i, 0]) {
                    $0.reReferrals = Self.int(monthly[i, 1])
                    $0.withNHSNumber = Self.int(monthly[i, 2])
                    $0.withUPN = Self.int(monthly[i, 3])
                    $0.concurrent = Self.int(monthly[i, 4])
                }
            }

            let rolling = try connection.query(
                """
                SELECT partner, count(*), count(*) FILTER (WHERE is_re_referral) FROM referral
                WHERE referral_date BETWEEN $1::date AND $2::date GROUP BY 1
                """, [month.advanced(by: -(ReportCardBuilder.rollingMonths - 1)).start.description, last])
            for i in 0..<rolling.rowCount {
                edit(rolling[i, 0]) {
                    $0.rollingReferrals = Self.int(rolling[i, 1])
                    $0.rollingReReferrals = Self.int(rolling[i, 2])
                }
            }

            // Files received in the month, local time: [first 00:00, the next month's 1st 00:00).
            let received = "f.received_at >= $1::date::timestamp AT TIME ZONE $3 AND f.received_at < ($2::date + 1)::timestamp AT TIME ZONE $3 AND f.status <> 'duplicate'"
            let files = try connection.query(
                """
                SELECT f.partner, count(*), count(*) FILTER (WHERE f.status = 'refused'), sum(f.rows_total), sum(f.rows_rejected)
                FROM ingested_file f WHERE \(received) GROUP BY 1
                """, [first, last, timezone])
            for i in 0..<files.rowCount {
                edit(files[i, 0]) {
                    $0.filesReceived = Self.int(files[i, 1])
                    $0.filesRefused = Self.int(files[i, 2])
                    $0.rowsReceived = Self.int(files[i, 3])
                    $0.rowsRefused = Self.int(files[i, 4])
                }
            }

            let warnings = try connection.query(
                """
                SELECT f.partner, i.rule, count(*) FROM row_issue i JOIN ingested_file f ON f.id = i.file_id
                WHERE i.severity = 'warning' AND \(received) GROUP BY 1, 2
                """, [first, last, timezone])
            for i in 0..<warnings.rowCount {
                guard let rule = warnings[i, 1] else { continue }
                edit(warnings[i, 0]) { $0.warnings[rule] = Self.int(warnings[i, 2]) }
            }

            let others = data.keys.filter { !partners.contains($0) }.sorted()
            return (partners + others).compactMap { data[$0] }
        }
    }

    private static func int(_ text: String?) -> Int { text.flatMap { Int($0) } ?? 0 }
}
