import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// Issue 17 (alerts.md, *Coverage*): three years of three partners' monthly files give the same
/// alerts whether loaded one `ingest` per file in month order, shuffled, or through `run`; a
/// backfill never warns about a month whose files have not arrived; every real spike is raised once.
@Suite("Backfilled history gives the same alerts however it is loaded", .serialized)
struct BackfillAlertTests {
    static let months = 36
    static let partners = ["east", "north", "south"]

    /// One "today" and the files it implies: month index 0 is 35 months before today's month,
    /// index 35 the month in progress (files up to today).
    struct History {
        let year: Int, month: Int, day: Int
        var today: String { String(format: "%04d-%02d-%02d", year, month, day) }

        func label(_ index: Int) -> (year: Int, month: Int, text: String) {
            let n = year * 12 + month - 1 - (BackfillAlertTests.months - 1 - index)
            return (n / 12, n % 12 + 1, String(format: "%04d-%02d", n / 12, n % 12 + 1))
        }

        static func daysIn(_ year: Int, _ month: Int) -> Int {
            [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        }

        /// Monthly counts by partner: steady with noise; north surges in the last closed month
        /// (and once long ago), south is far over its limit in the month so far.
        var series: [String: [Int]] {
            var random = SplitMix(seed: UInt64(year * 100 + month))
            let last = BackfillAlertTests.months - 1
            var out: [String: [Int]] = [:]
            for (partner, base) in [("east", 80), ("north", 100), ("south", 50)] {
                var counts = (0..<BackfillAlertTests.months).map { _ in base - 3 + Int(random.next() % 7) }
                counts[last] = counts[last] * day / Self.daysIn(year, month)
                out[partner] = counts
            }
            out["north"]![15] = 170
            out["north"]![last - 1] = 160
            out["south"]![last] = 120
            return out
        }

        /// A month's file: its rows spread from the 1st to the month's last day (today for the
        /// month in progress), as a real extract would be.
        func file(_ partner: String, _ index: Int, count: Int) -> [UInt8] {
            let m = label(index)
            let lastDay = index == BackfillAlertTests.months - 1 ? day : Self.daysIn(m.year, m.month)
            var text = "partner_ref,referral_date,la_child_id\n"
            for i in 0..<count {
                let d = 1 + (count > 1 ? i * (lastDay - 1) / (count - 1) : 0)
                text += "\(partner)-\(m.text)-\(i),\(m.text)-\(String(format: "%02d", d)),LA\(partner)\(index)x\(i)\n"
            }
            return Array(text.utf8)
        }
    }

    /// What one way of loading left: the log's alert lines and the firing alerts.
    struct Result {
        var log = ""
        var firing: Set<String> = []
        var raised: [String] { Self.events(log, "referral spike alert=") }
        var resolved: [String] { Self.events(log, "referral spike resolved alert=") }

        /// `rule scope granularity period` of each line holding `marker`.
        static func events(_ log: String, _ marker: String) -> [String] {
            log.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: marker) else { return nil }
                var fields: [String: String] = [:]
                for part in line[range.lowerBound...].split(separator: " ") {
                    let kv = part.split(separator: "=", maxSplits: 1)
                    if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
                }
                return [fields["alert"], fields["scope"], fields["granularity"], fields["period"]].map { $0 ?? "?" }.joined(separator: " ")
            }
        }
    }

    static let config = "  poll_interval: 200ms\n  settle_time: 1s\n"
    static var partnerLines: String { partners.map { "  \($0): { profile: standard }" }.joined(separator: "\n") }

    /// Loads `order` (partner, month index) one `referrald ingest` per file, as of `history.today`.
    func ingestEach(_ history: History, order: [(String, Int)]) async throws -> Result {
        var result = Result()
        try await Workspace.with(partners: Self.partnerLines, drop: Self.config) { w in
            try w.run(["migrate"])
            let series = history.series
            for (partner, index) in order {
                let path = try w.file("\(partner)-\(history.label(index).text).csv", history.file(partner, index, count: series[partner]![index]))
                let run = try w.run(["ingest", "--partner", partner, path], environment: ["REFERRALD_TODAY": history.today])
                #expect(run.status == 0, "\(run.output)")
                result.log += run.output
            }
            result.firing = try Self.firing(w)
        }
        return result
    }

    /// Drops every file at once and lets the daemon load them, as of `history.today`.
    func daemon(_ history: History) async throws -> Result {
        var result = Result()
        try await Workspace.with(partners: Self.partnerLines, drop: Self.config) { w in
            try w.run(["migrate"])
            // Every file is in place before the daemon starts: delivered while it polls, one
            // partner's history could be loaded before another partner had sent anything, and a
            // partner with no file yet does not hold `total` back (docs/operations.md).
            let series = history.series
            for partner in Self.partners {
                try FileManager.default.createDirectory(atPath: w.drop(partner), withIntermediateDirectories: true)
                for index in 0..<Self.months {
                    try w.deliver(partner, "\(partner)-\(history.label(index).text).csv",
                                  history.file(partner, index, count: series[partner]![index]), age: 7200 - Double(index))
                }
            }
            let daemon = try DaemonProcess(workspace: w, environment: ["REFERRALD_TODAY": history.today])
            #expect(daemon.waitForLog("referrald ready"), "\(daemon.log)")
            let files = Self.partners.count * Self.months
            let end = Date().addingTimeInterval(300)
            while daemon.log.components(separatedBy: "file loaded").count - 1 < files && Date() < end { usleep(200_000) }
            #expect(daemon.log.components(separatedBy: "file loaded").count - 1 == files)
            usleep(500_000)
            #expect(daemon.terminate()?.status == 0)
            result.log = daemon.log
            result.firing = try Self.firing(w)
        }
        return result
    }

    static func firing(_ w: Workspace) throws -> Set<String> {
        let db = try PostgresConnection(conninfo: w.conninfo)
        defer { db.close() }
        let rows = try db.query("SELECT rule || ' ' || scope || ' ' || granularity || ' ' || period_start FROM referrald.alert WHERE state = 'firing'")
        return Set((0..<rows.rowCount).compactMap { rows[$0, 0] })
    }

    @Test(arguments: [History(year: 2026, month: 9, day: 16), History(year: 2025, month: 12, day: 10)])
    func sameAlertsInOrderShuffledAndThroughTheDaemon(history: History) async throws {
        let inOrder = (0..<Self.months).flatMap { index in Self.partners.map { ($0, index) } }
        var random = SplitMix(seed: 17)
        let shuffled = inOrder.shuffled(using: &random)
        let results = [
            ("in month order", try await ingestEach(history, order: inOrder)),
            ("shuffled", try await ingestEach(history, order: shuffled)),
            ("run", try await daemon(history)),
        ]

        // What the arithmetic says: month spikes of the window (the last closed month and this one).
        let series = history.series
        var total = [Int](repeating: 0, count: Self.months)
        var expected: Set<String> = []
        for (partner, counts) in series {
            for i in counts.indices { total[i] += counts[i] }
            for i in [Self.months - 2, Self.months - 1] where SpikeOracle.isSpike(counts, at: i) {
                expected.insert("above_upper_limit \(partner) month \(history.label(i).text)")
            }
        }
        for i in [Self.months - 2, Self.months - 1] where SpikeOracle.isSpike(total, at: i) {
            expected.insert("above_upper_limit total month \(history.label(i).text)")
        }
        #expect(expected.contains("above_upper_limit north month \(history.label(Self.months - 2).text)"))
        #expect(expected.contains("above_upper_limit south month \(history.label(Self.months - 1).text)"))

        let reference = results[0].1.firing
        for (mode, result) in results {
            #expect(result.firing == reference, "\(mode): \(result.firing.symmetricDifference(reference).sorted())")
            // Every real month spike raised once, and no other month spike raised.
            let monthSpikes = result.raised.filter { $0.hasPrefix("above_upper_limit") && $0.contains(" month ") }
            let raisedSpikes = Set(monthSpikes.map { line -> String in
                let p = line.split(separator: " ")
                return "\(p[0]) \(p[1]) \(p[2]) \(p[3])"
            })
            #expect(raisedSpikes == expected, "\(mode): \(monthSpikes)")
            #expect(monthSpikes.count == expected.count, "\(mode): raised more than once: \(monthSpikes)")
            // No warning for a month whose files had not arrived: nothing raised and then resolved.
            let resolved = Set(result.resolved)
            #expect(result.raised.filter { $0.hasPrefix("below_lower_limit") && resolved.contains($0) }.isEmpty, "\(mode): \(result.resolved)")
            #expect(Set(result.raised).intersection(resolved).isEmpty, "\(mode): raised then resolved: \(result.resolved)")
            #expect(Set(result.raised).count == result.raised.count, "\(mode): an alert raised twice: \(result.raised)")
        }
    }
}
