import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// alerts.md: a partner that stops sending raises `feed_silent` after 35 days (on by default),
/// and `total`, held back while the partner's files were missing, is judged again without it.
@Suite("A partner that stops sending", .serialized)
struct FeedSilenceTests {
    @Test func fallsSilentAfter35DaysAndTotalIsJudgedWithoutIt() async throws {
        let history = BackfillAlertTests.History(year: 2026, month: 9, day: 16)
        let last = BackfillAlertTests.months - 1
        let today = ["REFERRALD_TODAY": history.today]
        try await Workspace.with(partners: BackfillAlertTests.partnerLines) { w in
            try w.run(["migrate"])
            func files(_ partner: String, _ indices: ClosedRange<Int>, count: (Int) -> Int) throws -> [String] {
                try indices.map { try w.file("\(partner)-\(history.label($0).text).csv", history.file(partner, $0, count: count($0))) }
            }
            // North surges in August (index 34); south's files stop after June (index 32). South's
            // history is loaded first: a partner with no file at all cannot hold total back.
            let south = try w.run(["ingest", "--partner", "south"] + files("south", 0...(last - 3)) { _ in 100 }, environment: today)
            let east = try w.run(["ingest", "--partner", "east"] + files("east", 0...last) { $0 == last ? 40 : 80 }, environment: today)
            let north = try w.run(["ingest", "--partner", "north"] + files("north", 0...last) { $0 == last - 1 ? 400 : $0 == last ? 50 : 100 },
                                  environment: today)
            let before = BackfillAlertTests.Result(log: east.output + north.output + south.output)
            #expect(before.raised.contains("above_upper_limit north month 2026-08"), "\(before.raised)")
            #expect(!before.raised.contains { $0.contains(" total month 2026-08") }, "south holds total back: \(before.raised)")
            #expect(!before.raised.contains { $0.hasPrefix("feed_silent") })

            // South's last file was 36 days ago; east sends September's file again with one more referral.
            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            try db.query("UPDATE referrald.ingested_file SET received_at = received_at - interval '36 days' WHERE partner = 'south'")
            let september = try w.file("east-september-again.csv", history.file("east", last, count: 41))
            let after = BackfillAlertTests.Result(log: try w.run(["ingest", "--partner", "east", september], environment: today).output)
            #expect(after.raised.contains { $0.hasPrefix("feed_silent south day") }, "\(after.log)")
            #expect(after.raised.contains("above_upper_limit total month 2026-08"), "\(after.log)")
            let silent = try db.query("SELECT count(*) FROM referrald.alert WHERE rule = 'feed_silent' AND scope = 'south' AND state = 'firing'")
            #expect(silent[0, 0] == "1")
        }
    }
}
