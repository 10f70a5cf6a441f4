import Foundation
import PostgresLibPQ
import ReferralCore
import ReferralStore
import Testing
import TestSupport

/// The report card's figures against independent SQL over the same rows (written here, not the
/// query code's): counts, means, XmR limits, rates, data quality.
@Suite("Report card: figures equal independent SQL", .serialized, .enabled(if: TestDatabase.isAvailable))
struct ReportQueryTests {
    static let may2013 = Period(.month, containing: CivilDate(year: 2013, month: 5, day: 1)!)
    static let today = CivilDate(year: 2026, month: 1, day: 1)!

    static func card(_ h: StoreHarness, month: Period = may2013, population: Int? = 45_000) throws -> ReportCard {
        let builder = ReportCardBuilder(settings: SpikeSettings(), population: population, benchmarks: Benchmark.england,
                                        timezone: "Europe/London")
        let data = try ReportQuery(connection: h.connection, timezone: "Europe/London")
            .partnerData(month: month, since: builder.earliestMonthNeeded(for: month), partners: ReportSeed.partners)
        return builder.build(month: month, today: today, partners: data)
    }

    /// `WHERE` for a scope: one partner, or every partner for `total`.
    static let scopeFilter = "($1 = 'total' OR partner = $1)"

    func double(_ h: StoreHarness, _ sql: String, _ scope: String) throws -> Double? {
        try h.scalar(sql, [scope]).flatMap(Double.init)
    }

    @Test func everyFigureMatchesIndependentSQL() async throws {
        try await StoreHarness.with { h in
            try ReportSeed.insert(h.connection)
            let card = try Self.card(h)
            #expect(card.scopes.map(\.scope) == ["police", "health", "schools", "newcomer", "legacy", "total"])
            let inMay = "referral_date >= date '2013-05-01' AND referral_date < date '2013-06-01'"
            for s in card.scopes {
                let referrals = try h.count("SELECT count(*) FROM referral WHERE \(Self.scopeFilter) AND \(inMay)", [s.scope])
                #expect(s.referrals == referrals, "\(s.scope)")
                let firstDate = try h.scalar("SELECT min(referral_date)::text FROM referral WHERE \(Self.scopeFilter) AND referral_date < '2013-06-01'", [s.scope])
                let lastYear = try h.count("SELECT count(*) FROM referral WHERE \(Self.scopeFilter) AND referral_date >= '2012-05-01' AND referral_date < '2012-06-01'", [s.scope])
                #expect(s.sameMonthLastYear == (firstDate.map { $0 < "2012-06-01" } == true ? lastYear : nil), "\(s.scope)")

                // The baseline: each month from max(first month, May 2012) to April 2013, zero-filled.
                let baseline = """
                    WITH first AS (
                        SELECT date_trunc('month', min(referral_date)) AS f FROM referral
                        WHERE \(Self.scopeFilter) AND referral_date < '2013-06-01'),
                    months AS (
                        SELECT g::date AS m FROM first CROSS JOIN LATERAL generate_series(
                            greatest(f, timestamp '2012-05-01'), timestamp '2013-04-01', interval '1 month') AS g
                        WHERE f IS NOT NULL),
                    counts AS (
                        SELECT m, (SELECT count(*) FROM referral WHERE \(Self.scopeFilter)
                                   AND referral_date >= m AND referral_date < m + interval '1 month')::float8 AS c FROM months),
                    ranges AS (SELECT c, abs(c - lag(c) OVER (ORDER BY m)) AS mr FROM counts),
                    avgs AS (SELECT avg(c) AS mean, avg(mr) AS mrbar, count(*) AS n FROM ranges),
                    screened AS (SELECT avg(mr) AS mr2 FROM ranges, avgs WHERE mr <= 3.267 * mrbar)
                    """
                let n = try h.count(baseline + " SELECT n FROM avgs", [s.scope])
                #expect(s.meanMonths == n, "\(s.scope)")
                let mean = try double(h, baseline + " SELECT mean FROM avgs", s.scope)
                #expect(close(s.twelveMonthMean, mean), "\(s.scope)")
                if n >= 12 {
                    let upper = try double(h, baseline + " SELECT mean + 2.66 * mr2 FROM avgs, screened", s.scope)
                    let lower = try double(h, baseline + " SELECT mean - 2.66 * mr2 FROM avgs, screened", s.scope)
                    #expect(close(s.control.mean, mean), "\(s.scope)")
                    #expect(close(s.control.upperLimit, upper), "\(s.scope)")
                    #expect(close(s.control.lowerLimit, lower), "\(s.scope)")
                    let c = Double(referrals), m = try #require(mean)
                    let spike = c > (upper ?? .infinity) && referrals >= 10 && c >= m * 1.2
                    let expected: ControlStatus = spike ? .spike : c < (lower ?? -1) ? .belowLowerLimit : .withinLimits
                    #expect(s.control.status == expected, "\(s.scope)")
                } else {
                    #expect(s.control.status == .insufficientHistory, "\(s.scope)")
                    #expect(s.control.upperLimit == nil)
                }

                let reReferral = try double(h, "SELECT 100.0 * count(*) FILTER (WHERE is_re_referral) / nullif(count(*), 0) FROM referral WHERE \(Self.scopeFilter) AND \(inMay)", s.scope)
                #expect(close(s.reReferralPercent, reReferral), "\(s.scope)")
                let rolling = try double(h, "SELECT 100.0 * count(*) FILTER (WHERE is_re_referral) / nullif(count(*), 0) FROM referral WHERE \(Self.scopeFilter) AND referral_date BETWEEN '2012-06-01' AND '2013-05-31'", s.scope)
                #expect(close(s.rollingReReferralPercent, rolling), "\(s.scope)")
                let rollingCount = try h.count("SELECT count(*) FROM referral WHERE \(Self.scopeFilter) AND referral_date BETWEEN '2012-06-01' AND '2013-05-31'", [s.scope])
                #expect(close(s.annualRatePer10000, Double(rollingCount) * 10_000 / 45_000), "\(s.scope)")
                #expect(close(s.monthRatePer10000, Double(referrals) * 10_000 / 45_000), "\(s.scope)")

                // Concurrent: a join, counted once per referral.
                let concurrent = try h.count("""
                    SELECT count(DISTINCT (r.partner, r.partner_ref)) FROM referral r
                    JOIN referral o ON o.child_key = r.child_key AND o.referral_date = r.referral_date AND o.partner <> r.partner
                    WHERE ($1 = 'total' OR r.partner = $1) AND r.referral_date >= '2013-05-01' AND r.referral_date < '2013-06-01'
                    """, [s.scope])
                #expect(s.concurrent == concurrent, "\(s.scope)")
                #expect(close(s.concurrentPercent, referrals > 0 ? Double(concurrent) * 100 / Double(referrals) : nil), "\(s.scope)")

                let nhs = try double(h, "SELECT 100.0 * count(*) FILTER (WHERE nhs_number IS NOT NULL) / nullif(count(*), 0) FROM referral WHERE \(Self.scopeFilter) AND \(inMay)", s.scope)
                let upn = try double(h, "SELECT 100.0 * count(*) FILTER (WHERE upn IS NOT NULL) / nullif(count(*), 0) FROM referral WHERE \(Self.scopeFilter) AND \(inMay)", s.scope)
                #expect(close(s.quality.nhsNumberPercent, nhs), "\(s.scope)")
                #expect(close(s.quality.upnPercent, upn), "\(s.scope)")

                // Files by their London-time day of arrival; duplicates record no rows and are left out.
                let files = "status <> 'duplicate' AND timezone('Europe/London', received_at) >= '2013-05-01' AND timezone('Europe/London', received_at) < '2013-06-01'"
                let refused = try double(h, "SELECT 100.0 * sum(rows_rejected) / nullif(sum(rows_total), 0) FROM ingested_file WHERE \(Self.scopeFilter) AND \(files)", s.scope)
                #expect(close(s.quality.refusedPercent, refused), "\(s.scope)")
                #expect(s.quality.filesReceived == (try h.count("SELECT count(*) FROM ingested_file WHERE \(Self.scopeFilter) AND \(files)", [s.scope])))
                let top = try h.connection.query("""
                    SELECT i.rule, count(*) FROM row_issue i JOIN ingested_file f ON f.id = i.file_id
                    WHERE ($1 = 'total' OR f.partner = $1) AND i.severity = 'warning' AND f.status <> 'duplicate'
                      AND timezone('Europe/London', f.received_at) >= '2013-05-01' AND timezone('Europe/London', f.received_at) < '2013-06-01'
                    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5
                    """, [s.scope])
                let expected = (0..<top.rowCount).map { WarningCount(rule: top[$0, 0] ?? "", count: Int(top[$0, 1] ?? "") ?? -1) }
                #expect(s.quality.commonestWarnings == expected, "\(s.scope)")
            }
            // The data was built to make these hold; the loop above checked them against SQL.
            #expect(card.scopes[0].control.status == .spike)
            #expect(card.scopes[0].caption.hasPrefix("Police referrals in May 2013 (63) were above the upper limit ("))
            #expect(card.scopes[0].quality.refusedPercent == 800.0 / 150)
            #expect(card.scopes[0].quality.commonestWarnings.first == WarningCount(rule: "sex.unknown", count: 50))
            #expect(card.scopes[1].quality.filesRefused == 1)
            #expect(card.scopes[2].control.status == .insufficientHistory)
            #expect(card.scopes[3].referrals == 0 && card.scopes[3].chart.isEmpty)
            #expect(card.total?.concurrent ?? 0 > 0)
            #expect(card.total?.reReferrals ?? 0 > 0)
        }
    }

    @Test func theChartIsTheLast24MonthsJudgedLikeTheAlerts() async throws {
        try await StoreHarness.with { h in
            try ReportSeed.insert(h.connection)
            let card = try Self.card(h)
            let police = card.scopes[0]
            #expect(police.chart.count == 24)
            #expect(police.chart.first?.month == Self.may2013.advanced(by: -23))
            let counts = try h.connection.query("""
                SELECT to_char(date_trunc('month', referral_date), 'YYYY-MM'), count(*) FROM referral
                WHERE partner = 'police' AND referral_date >= '2011-06-01' AND referral_date < '2013-06-01' GROUP BY 1 ORDER BY 1
                """)
            #expect(police.chart.map(\.count) == (0..<counts.rowCount).map { Int(counts[$0, 1] ?? "") ?? -1 })
            #expect(police.chart.map(\.month.description) == (0..<counts.rowCount).map { counts[$0, 0] ?? "" })
            #expect(police.chart.filter { $0.signal == .concern }.map(\.month) == [Self.may2013])
            // Health started in March 2012: its chart starts there.
            #expect(card.scopes[1].chart.first?.month.description == "2012-03")
        }
    }

    @Test func aMonthWithNoDataAndNoPopulation() async throws {
        try await StoreHarness.with { h in
            try ReportSeed.insert(h.connection)
            let january2010 = Period(.month, containing: CivilDate(year: 2010, month: 1, day: 1)!)
            let card = try Self.card(h, month: january2010, population: nil)
            #expect(card.scopes.map(\.scope) == ["police", "health", "schools", "newcomer", "total"])
            for s in card.scopes {
                #expect(s.referrals == 0)
                #expect(s.twelveMonthMean == nil)
                #expect(s.chart.isEmpty)
                #expect(s.monthRatePer10000 == nil && s.annualRatePer10000 == nil)
                #expect(s.quality.refusedPercent == nil && s.quality.commonestWarnings.isEmpty)
                #expect(s.control.status == .insufficientHistory)
            }
            // An empty database too.
            try h.connection.execute("DELETE FROM referral; DELETE FROM row_issue; DELETE FROM ingested_file")
            let empty = try Self.card(h)
            #expect(empty.total?.referrals == 0)
            #expect(empty.scopes.count == ReportSeed.partners.count + 1)
        }
    }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= 1e-9 * max(1, abs(y))
        default: false
        }
    }
}
