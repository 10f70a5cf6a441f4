import Foundation
import PostgresLibPQ
import ReferralCore
import ReferralStore
import Testing
import TestSupport

@Suite("Referral counts and alert evaluation", .serialized)
struct AlertEvaluationTests {
    static func extract(_ rows: [(ref: String, date: String)]) -> [UInt8] {
        var text = "partner_ref,referral_date,la_child_id\n"
        for (i, row) in rows.enumerated() { text += "\(row.ref),\(row.date),LA\(i)\n" }
        return Array(text.utf8)
    }

    /// Day of the month for row `i` of `n`: from the 1st to the 28th, so a month's rows cover it
    /// (alerts.md, *Coverage*: a closed month is known within 3 days of either end).
    static func day(_ i: Int, of n: Int) -> Int { 1 + i * 27 / max(1, n - 1) }

    func count(_ h: StoreHarness, _ granularity: String, _ start: String, partner: String = "acme") throws -> Int {
        let r = try h.connection.query(
            "SELECT coalesce(sum(count), 0) FROM referral_count WHERE partner = $1 AND granularity = $2 AND period_start = $3::date",
            [partner, granularity, start])
        return Int(r[0, 0] ?? "-1") ?? -1
    }

    @Test func countsFollowReplacedAndMovedReferrals() async throws {
        try await StoreHarness.with { h in
            let first = try h.load(Self.extract([("A", "2013-05-02"), ("B", "2013-05-03"), ("C", "2013-04-30")]))
            #expect(first.touchedPeriods.contains(Period(.month, containing: CivilDate(year: 2013, month: 5, day: 1)!)))
            #expect(try count(h, "month", "2013-05-01") == 2)
            #expect(try count(h, "month", "2013-04-01") == 1)
            #expect(try count(h, "week", "2013-04-29") == 3)  // Monday of ISO week 18
            #expect(try count(h, "day", "2013-05-02") == 1)
            // A cumulative re-send: A unchanged (counted once), B moved to June, D new.
            _ = try h.load(Self.extract([("A", "2013-05-02"), ("B", "2013-06-01"), ("C", "2013-04-30"), ("D", "2013-05-20")]))
            #expect(try count(h, "month", "2013-05-01") == 2)
            #expect(try count(h, "month", "2013-06-01") == 1)
            #expect(try count(h, "day", "2013-05-03") == 0)
            // The counts always equal a scan of the referrals.
            let scan = try h.connection.query("""
                SELECT count(*) FROM (
                  SELECT date_trunc('month', referral_date)::date AS p, count(*) AS n FROM referral GROUP BY 1
                  EXCEPT SELECT period_start, count FROM referral_count WHERE granularity = 'month' AND count > 0) d
                """)
            #expect(scan[0, 0] == "0")
        }
    }

    @Test func spikeIsRaisedOnceResolvedOnceAndHistoryIsQuiet() async throws {
        try await StoreHarness.with { h in
            // Twelve steady months, then a spike in the thirteenth.
            var rows: [(String, String)] = []
            for month in 1...12 {
                let n = month % 2 == 0 ? 20 : 22
                for i in 0..<n { rows.append(("M\(month)-\(i)", String(format: "2012-%02d-%02d", month, Self.day(i, of: n)))) }
            }
            for i in 0..<60 { rows.append(("S\(i)", String(format: "2013-01-%02d", 1 + i % 28))) }
            let summary = try h.load(Self.extract(rows))
            var settings = SpikeSettings()
            settings.alertWindow = 1
            let evaluation = AlertEvaluation(connection: h.connection, settings: settings, granularities: [.month])
            let today = CivilDate(year: 2013, month: 2, day: 10)!
            let first = try evaluation.run(scopes: ["acme"], touched: summary.touchedPeriods, today: today)
            #expect(first.raised.map { "\($0.rule.rawValue) \($0.period)" } == ["above_upper_limit 2013-01"])
            #expect(first.raised.first?.observed == 60)
            #expect(first.raised.first?.baseline == 12)
            // Evaluating again (a re-sent file, a restart, another instance) raises nothing new.
            let again = try evaluation.run(scopes: ["acme"], touched: summary.touchedPeriods, today: today)
            #expect(again.raised.isEmpty && again.resolved.isEmpty)
            // The same data judged a year later: out of the window, so historic, never firing.
            let later = AlertEvaluation(connection: h.connection, settings: settings, granularities: [.month])
            #expect(try later.demoteOutOfWindow(today: CivilDate(year: 2014, month: 2, day: 1)!) == 1)
            #expect(try h.scalar("SELECT state FROM alert WHERE period_start = '2013-01-01'") == "historic")
        }
    }

    @Test func correctedDataResolvesTheAlert() async throws {
        try await StoreHarness.with { h in
            var rows: [(String, String)] = []
            for month in 1...12 {
                let n = month % 2 == 0 ? 20 : 22
                for i in 0..<n { rows.append(("M\(month)-\(i)", String(format: "2012-%02d-%02d", month, Self.day(i, of: n)))) }
            }
            let spike = (0..<60).map { ("S\($0)", String(format: "2013-01-%02d", 1 + $0 % 28)) }
            let evaluation = AlertEvaluation(connection: h.connection, settings: SpikeSettings(), granularities: [.month])
            let today = CivilDate(year: 2013, month: 1, day: 31)!
            let loaded = try h.load(Self.extract(rows + spike))
            #expect(try evaluation.run(scopes: ["acme"], touched: loaded.touchedPeriods, today: today).raised.count == 1)
            // The partner corrects its extract: the January referrals were really dated 2012-12.
            let corrected = spike.map { ($0.0, "2012-12-\(String($0.1.suffix(2)))") }
            let fixed = try h.load(Self.extract(rows + corrected))
            let outcome = try evaluation.run(scopes: ["acme"], touched: fixed.touchedPeriods, today: today)
            #expect(outcome.resolved.map { "\($0.rule.rawValue) \($0.period)" } == ["above_upper_limit 2013-01"])
            #expect(try h.scalar("SELECT state FROM alert WHERE period_start = '2013-01-01' AND rule = 'above_upper_limit'") == "resolved")
        }
    }

    @Test func silentFeedFiresAndAFileResolvesIt() async throws {
        try await StoreHarness.with { h in
            _ = try h.load(Self.extract([("A", "2013-05-02")]))
            try h.connection.query("UPDATE ingested_file SET received_at = now() - interval '3 days'")
            let evaluation = AlertEvaluation(connection: h.connection, settings: SpikeSettings(), granularities: [.month])
            let now = Date().timeIntervalSince1970
            let silent = try evaluation.runFeedSilence(limits: ["acme": 2 * 86_400], now: now)
            #expect(silent.raised.map(\.rule) == [.feedSilent])
            #expect(silent.raised.first.map { $0.observed >= 72 } == true)
            #expect(try evaluation.silentPartners() == ["acme"])
            #expect(try evaluation.runFeedSilence(limits: ["acme": 2 * 86_400], now: now).raised.isEmpty)
            _ = try h.load(Self.extract([("B", "2013-05-03")]))
            let back = try evaluation.runFeedSilence(limits: ["acme": 2 * 86_400], now: Date().timeIntervalSince1970)
            #expect(back.resolved.map(\.rule) == [.feedSilent])
            #expect(try evaluation.silentPartners().isEmpty)
        }
    }

    @Test func aSilentFeedSuppressesItsBelowLowerLimitAlerts() async throws {
        try await StoreHarness.with { h in
            // Twelve steady months, then a month with almost nothing: below the lower limit.
            var rows: [(String, String)] = []
            for month in 1...12 {
                let n = month % 2 == 0 ? 40 : 42
                for i in 0..<n { rows.append(("M\(month)-\(i)", String(format: "2012-%02d-%02d", month, Self.day(i, of: n)))) }
            }
            // Few referrals, but spread over the whole month: the month is covered, and low.
            for day in [1, 6, 11, 16, 21, 26, 29] { rows.append(("LOW\(day)", String(format: "2013-01-%02d", day))) }
            let summary = try h.load(Self.extract(rows))
            let evaluation = AlertEvaluation(connection: h.connection, settings: SpikeSettings(), granularities: [.month])
            let today = CivilDate(year: 2013, month: 2, day: 3)!
            let january = Period(.month, containing: CivilDate(year: 2013, month: 1, day: 1)!)
            let suppressed = try evaluation.run(scopes: ["acme"], touched: summary.touchedPeriods, today: today, silentPartners: ["acme"])
            #expect(!suppressed.raised.contains { $0.rule == .belowLowerLimit })
            let raised = try evaluation.run(scopes: ["acme"], touched: summary.touchedPeriods, today: today)
            #expect(raised.raised.map { "\($0.rule.rawValue) \($0.period)" } == ["below_lower_limit \(january)"])
        }
    }

    /// One file per month, its rows spread over the whole month (alerts.md, *Coverage*).
    func loadMonthly(_ h: StoreHarness, partner: String, from first: Period, through last: Period, count: (Period) -> Int) throws {
        for k in 0...first.distance(to: last) {
            let month = first.advanced(by: k)
            let n = count(month), days = month.end.daysSinceEpoch - month.start.daysSinceEpoch
            let rows = (0..<n).map { i in ("\(partner)-\(month)-\(i)", month.start.adding(days: i * days / max(1, n - 1)).description) }
            let summary = try h.load(Self.extract(rows), partner: partner, name: "\(partner)-\(month).csv", arrival: month.end)
            #expect(summary.rowsLoaded == n)
        }
    }

    @Test func aPartnerThatStopsSendingFallsSilentAndTotalIsJudgedWithoutIt() async throws {
        try await StoreHarness.with { h in
            let january = Period(.month, containing: CivilDate(year: 2025, month: 1, day: 1)!)
            let august = Period(.month, containing: CivilDate(year: 2026, month: 8, day: 1)!)
            try loadMonthly(h, partner: "north", from: january, through: august) { $0 == august ? 400 : (january.distance(to: $0) % 2 == 0 ? 100 : 104) }
            // South's last file was June's, 36 days ago.
            try loadMonthly(h, partner: "south", from: january, through: august.advanced(by: -2)) { _ in 100 }
            try h.connection.query("UPDATE ingested_file SET received_at = now() - interval '36 days' WHERE partner = 'south'")
            let evaluation = AlertEvaluation(connection: h.connection, settings: SpikeSettings(), granularities: [.month])
            let today = CivilDate(year: 2026, month: 9, day: 16)!
            func names(_ outcome: AlertEvaluation.Outcome) -> [String] { outcome.raised.map { "\($0.rule.rawValue) \($0.scope) \($0.period)" } }

            // South holds total back: August has no file of south's yet.
            let before = try evaluation.run(scopes: ["north", "south", "total"], today: today)
            #expect(names(before) == ["above_upper_limit north 2026-08"])
            let limits = ["north": 35 * 86_400.0, "south": 35 * 86_400.0]
            let silence = try evaluation.runFeedSilence(limits: limits, now: Date().timeIntervalSince1970)
            #expect(silence.raised.map { "\($0.rule.rawValue) \($0.scope)" } == ["feed_silent south"])
            #expect(try evaluation.silentPartners() == ["south"])
            // Judged again without south: the surge shows in total too.
            let after = try evaluation.run(scopes: ["north", "south", "total"], today: today, silentPartners: ["south"])
            #expect(names(after) == ["above_upper_limit total 2026-08"])
        }
    }
}
