import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// The reason referrald exists: three years of three partners' monthly files, one partner surging
/// last month and another far over its limit in the month so far.
@Suite("Spike alerts end to end", .serialized)
struct SpikeAlertTests {
    static let months = 36

    /// Monthly counts, oldest first; the last is the month in progress.
    static let series: [String: [Int]] = {
        func steady(_ low: Int, _ high: Int) -> [Int] { (0..<months).map { $0 % 2 == 0 ? low : high } }
        var north = steady(100, 104), south = steady(50, 52), east = steady(80, 82)
        north[15] = 170            // an old spike: recorded historic, never a warning
        north[months - 2] = 160    // last closed month: a spike
        north[months - 1] = 3
        south[months - 1] = 120    // the month so far: already far over the limit
        east[months - 1] = 2
        return ["north": north, "south": south, "east": east]
    }()

    static var today: DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar.dateComponents([.year, .month, .day], from: Date())
    }

    /// `yyyy-MM` of the month `offset` months before today's.
    static func month(_ offset: Int) -> (year: Int, month: Int, label: String) {
        let index = today.year! * 12 + today.month! - 1 - offset
        let (y, m) = (index / 12, index % 12 + 1)
        return (y, m, String(format: "%04d-%02d", y, m))
    }

    static func file(partner: String, monthIndex: Int, count: Int) -> [UInt8] {
        let m = month(months - 1 - monthIndex)
        let lastDay = monthIndex == months - 1 ? today.day! : 28
        var text = "partner_ref,referral_date,la_child_id\n"
        for i in 0..<count {
            text += "\(partner)-\(m.label)-\(i),\(m.label)-\(String(format: "%02d", 1 + i % lastDay)),LA\(partner)\(monthIndex)x\(i)\n"
        }
        return Array(text.utf8)
    }

    func deliverAll(_ w: Workspace, suffix: String = "") throws {
        for (partner, counts) in Self.series {
            for (index, count) in counts.enumerated() {
                let name = "\(partner)-\(Self.month(Self.months - 1 - index).label)\(suffix).csv"
                try w.deliver(partner, name, Self.file(partner: partner, monthIndex: index, count: count), age: 7200 - Double(index))
            }
        }
    }

    static func spikeLines(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.hasPrefix("referral spike alert=") }
    }

    @Test func surgesAreLoggedOnceEachAndHistoryStaysQuiet() async throws {
        let partners = Self.series.keys.sorted().map { "  \($0): { profile: standard }" }.joined(separator: "\n")
        try await Workspace.with(partners: partners, drop: "  poll_interval: 200ms\n  settle_time: 1s\n") { w in
            var yaml = try String(contentsOfFile: w.configPath, encoding: .utf8)
            yaml += "\nalerts:\n  granularities: [month]\n"
            try yaml.write(toFile: w.configPath, atomically: true, encoding: .utf8)
            try w.run(["migrate"])

            // What the arithmetic says: in-window periods only (the last closed month and this one).
            var expected: Set<String> = []
            var total = [Int](repeating: 0, count: Self.months)
            for (partner, counts) in Self.series {
                for i in counts.indices { total[i] += counts[i] }
                for i in [Self.months - 2, Self.months - 1] where SpikeOracle.isSpike(counts, at: i) {
                    expected.insert("\(partner) \(Self.month(Self.months - 1 - i).label)")
                }
            }
            for i in [Self.months - 2, Self.months - 1] where SpikeOracle.isSpike(total, at: i) {
                expected.insert("total \(Self.month(Self.months - 1 - i).label)")
            }
            #expect(expected.contains("north \(Self.month(1).label)"))
            #expect(expected.contains("south \(Self.month(0).label)"))
            #expect(!expected.contains { $0.hasPrefix("east") })

            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"), "\(daemon.log)")
            try deliverAll(w)
            let files = Self.series.count * Self.months
            let end = Date().addingTimeInterval(240)
            while daemon.log.components(separatedBy: "file loaded").count - 1 < files && Date() < end { usleep(200_000) }
            #expect(daemon.log.components(separatedBy: "file loaded").count - 1 == files)
            usleep(1_500_000)  // the quiet-time evaluation (total, window) runs once the backlog is gone

            let lines = Self.spikeLines(daemon.log)
            let logged = Set(lines.map { line -> String in
                let fields = Dictionary(uniqueKeysWithValues: line.split(separator: " ").compactMap { part -> (String, String)? in
                    let kv = part.split(separator: "=", maxSplits: 1)
                    return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
                })
                return "\(fields["scope"] ?? "?") \(fields["period"] ?? "?")"
            })
            #expect(logged == expected, "\(lines)")
            #expect(lines.count == expected.count, "each spike logged once: \(lines)")
            #expect(lines.allSatisfy { $0.contains("alert=above_upper_limit") && $0.contains("granularity=month") && $0.contains(" mean=") && $0.contains(" upper_limit=") && $0.hasSuffix("baseline=12") })
            #expect(daemon.log.contains("historic alerts recorded"))

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            let historic = try db.query("SELECT scope, to_char(period_start, 'YYYY-MM') FROM referrald.alert WHERE state = 'historic'")
            #expect((0..<historic.rowCount).contains { historic[$0, 0] == "north" && historic[$0, 1] == Self.month(Self.months - 1 - 15).label })
            let firing = try db.query("SELECT count(*) FROM referrald.alert WHERE state = 'firing'")
            #expect(firing[0, 0] == String(expected.count))

            // Every file again (same bytes, new names), then a restart: nothing new is logged.
            try deliverAll(w, suffix: "-again")
            let end2 = Date().addingTimeInterval(240)
            while daemon.log.components(separatedBy: "file duplicate").count - 1 < files && Date() < end2 { usleep(200_000) }
            usleep(1_000_000)
            #expect(daemon.terminate()?.status == 0)
            let restarted = try DaemonProcess(workspace: w)
            #expect(restarted.waitForLog("referrald ready"))
            usleep(2_000_000)
            #expect(restarted.terminate()?.status == 0)
            #expect(Self.spikeLines(daemon.log).count == expected.count)
            #expect(Self.spikeLines(restarted.log).isEmpty)

            let json = try w.run(["alerts", "--json"])
            let alerts = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
            #expect(alerts.count == expected.count)
            #expect(Set(alerts.compactMap { a in (a["scope"] as? String).flatMap { s in (a["period"] as? String).map { "\(s) \($0)" } } }) == expected)
            let all = try w.run(["alerts", "--all"])
            #expect(all.stdout.contains("historic") && all.stdout.contains("firing"))
            #expect(try w.run(["alerts"]).stdout.contains("historic") == false)
            #expect(alerts.allSatisfy { Set($0.keys).isSuperset(of: ["id", "rule", "scope", "granularity", "period", "period_start", "observed", "mean", "upper_limit", "state", "raised_at", "resolved_at"]) })
        }
    }
}
