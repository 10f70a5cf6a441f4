import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// The Prometheus endpoint of `referrald run` and `referrald status`, after a known run: one
/// file loaded (8 rows loaded, 2 rejected, 1 duplicate), the same bytes again (a duplicate file),
/// and an empty file (refused whole); a fixed threshold of 3 a month for acme, so one alert fires.
@Suite("referrald metrics and status", .serialized)
struct MetricsAndStatusTests {
    /// Today in the workspace's zone, `yyyy-MM-dd`.
    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// A standard extract referring today: 8 valid rows, 2 refused rows, 1 exact repeat.
    static var knownExtract: [UInt8] {
        var lines = [ExtractFixture.header]
        for i in 0..<8 {
            var fields = ExtractFixture.row(i).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = today
            lines.append(fields.joined(separator: ","))
        }
        lines += ["X1,,,,,,,,,,,,,,", "X2,,,,,,,,,,,,,,", lines[1]]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static let alerts = "alerts:\n  thresholds: { acme: { month: 3 } }\n"

    func append(_ text: String, to w: Workspace) throws {
        let yaml = try String(contentsOfFile: w.configPath, encoding: .utf8)
        try (yaml + "\n" + text).write(toFile: w.configPath, atomically: true, encoding: .utf8)
    }

    @Test func scrapeAfterAKnownRunShowsExactValues() async throws {
        let port = try LoopbackHTTP.freePort()
        let started = Date().timeIntervalSince1970
        try await Workspace.with(drop: Daemon.fast) { w in
            try append("metrics:\n  listen: \"127.0.0.1:\(port)\"\n" + Self.alerts, to: w)
            #expect(try w.run(["migrate"]).status == 0)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"), "\(daemon.log)")
            #expect(daemon.waitForLog("metrics endpoint listening"))

            // Before any file: every partner's counters at 0, the database up.
            let before = PrometheusText(try LoopbackHTTP.get(port: port).body)
            #expect(before.value(#"referrald_files_total{partner="police",status="loaded"}"#) == 0)
            #expect(before.value(#"referrald_rows_total{partner="acme",outcome="rejected"}"#) == 0)
            #expect(before.value("referrald_file_duration_seconds_count") == 0)
            #expect(before.value("referrald_database_up") == 1)

            try w.deliver("acme", "known.csv", Self.knownExtract)
            #expect(daemon.waitForLog("file loaded"))
            try w.deliver("acme", "known-again.csv", Self.knownExtract)
            #expect(daemon.waitForLog("file duplicate"))
            try w.deliver("acme", "empty.csv", [])
            #expect(daemon.waitForLog("file refused"))

            var scrape = PrometheusText("")
            Daemon.waitUntil(10) {
                scrape = PrometheusText((try? LoopbackHTTP.get(port: port).body) ?? "")
                return scrape.value("referrald_file_duration_seconds_count") == 3
                    && scrape.value(#"referrald_alerts_firing{scope="acme",rule="threshold"}"#) != nil
            }
            let expected: [String: Double] = [
                #"referrald_files_total{partner="acme",status="loaded"}"#: 1,
                #"referrald_files_total{partner="acme",status="duplicate"}"#: 1,
                #"referrald_files_total{partner="acme",status="refused"}"#: 1,
                #"referrald_files_total{partner="police",status="loaded"}"#: 0,
                #"referrald_rows_total{partner="acme",outcome="loaded"}"#: 8,
                #"referrald_rows_total{partner="acme",outcome="rejected"}"#: 2,
                #"referrald_rows_total{partner="acme",outcome="duplicate"}"#: 1,
                "referrald_file_duration_seconds_count": 3,
                #"referrald_file_duration_seconds_bucket{le="+Inf"}"#: 3,
                "referrald_database_up": 1,
                #"referrald_alerts_firing{scope="acme",rule="threshold"}"#: 1,
            ]
            for (series, value) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(scrape.value(series) == value, "\(series)\n\(scrape.text)")
            }
            #expect(scrape.samples("referrald_alerts_firing").count == 1, "\(scrape.text)")
            let last = try #require(scrape.value(#"referrald_last_file_timestamp_seconds{partner="acme"}"#))
            #expect(last >= started && last <= Date().timeIntervalSince1970 + 1)
            #expect(scrape.samples("referrald_last_file_timestamp_seconds").count == 1)
            // Partner names and counts only: no file name, nothing from inside a file.
            #expect(!scrape.text.contains("known") && !scrape.text.contains("REF") && !scrape.text.contains("Smith"))

            let stopped = daemon.terminate()
            #expect(stopped?.status == 0)
            #expect((stopped?.seconds ?? 99) < 5)
            #expect(LoopbackHTTP.connect(port: port) == nil)
        }
    }

    /// Without `metrics:` nothing listens and nothing says it does.
    @Test func noEndpointWithoutTheKey() async throws {
        try await Workspace.with(drop: Daemon.fast) { w in
            #expect(try w.run(["migrate"]).status == 0)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            #expect(!daemon.log.contains("metrics"))
            #expect(daemon.terminate()?.status == 0)
        }
    }

    @Test func statusAfterAKnownRun() async throws {
        try await Workspace.with { w in
            try append(Self.alerts, to: w)
            #expect(try w.run(["migrate"]).status == 0)
            #expect(try w.run(["ingest", "--partner", "acme", try w.file("known.csv", Self.knownExtract)]).status == 1)
            #expect(try w.run(["ingest", "--partner", "acme", try w.file("known-again.csv", Self.knownExtract)]).status == 0)
            // A control character in a name is shown as `?`, as in the logs.
            #expect(try w.run(["ingest", "--partner", "acme", try w.file("empty\u{7}.csv", [])]).status == 2)
            for partner in ["acme", "police"] {
                try FileManager.default.createDirectory(atPath: w.drop(partner), withIntermediateDirectories: true)
            }
            try w.deliver("police", "waiting.csv", ExtractFixture.extract(rows: 2))
            try Data().write(to: URL(fileURLWithPath: w.drop("police") + "/arriving.csv.part"))

            let text = try w.run(["status"])
            #expect(text.status == 0, "\(text.output)")
            let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let month = String(Self.today.prefix(7))
            let acme = [
                "acme (profile standard)",
                "  today       3 files (1 loaded, 1 duplicate, 1 refused), 11 rows (8 loaded, 2 rejected, 1 duplicate)",
                "  refusals    1 file refused, 2 rows rejected today",
                "  waiting     0 files in incoming/",
                "  alerts      1 firing",
                "    threshold month \(month): observed 8, limit 3.0",
            ]
            #expect(lines.contains("database: answering (schema referrald)"), "\(text.stdout)")
            let start = try #require(lines.firstIndex(of: acme[0]), "\(text.stdout)")
            #expect(lines[start + 1].hasPrefix("  last file   empty?.csv: refused, ") && lines[start + 1].hasSuffix(" today"), "\(text.stdout)")
            #expect(Array(lines[(start + 2)...(start + 6)]) == Array(acme[1...]), "\(text.stdout)")
            let police = try #require(lines.firstIndex(of: "police (profile police)"))
            #expect(Array(lines[(police + 1)...(police + 5)]) == [
                "  last file   none yet", "  today       no files", "  refusals    0 files refused, 0 rows rejected today",
                "  waiting     1 file in incoming/", "  alerts      none firing",
            ], "\(text.stdout)")
            #expect(text.stdout.contains("all partners (scope total)\n  alerts      none firing\n"))

            let json = try w.run(["status", "--json"])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["today"] as? String == Self.today)
            #expect(object["timezone"] as? String == "Europe/London")
            #expect((object["database"] as? [String: Any])?["answering"] as? Bool == true)
            let partners = try #require(object["partners"] as? [[String: Any]])
            #expect(partners.map { $0["name"] as? String } == ["acme", "health", "police", "schools"])
            let a = partners[0]
            let last = try #require(a["last_file"] as? [String: Any])
            #expect(last["name"] as? String == "empty?.csv")
            #expect(last["status"] as? String == "refused")
            #expect((last["received_at"] as? String)?.hasPrefix(String(ISO8601DateFormatter().string(from: Date()).prefix(10))) == true)
            #expect(a["today"] as? [String: Int] == [
                "files": 3, "loaded": 1, "duplicate": 1, "refused": 1, "rows": 11, "rows_loaded": 8, "rows_rejected": 2, "rows_duplicate": 1,
            ])
            #expect(a["refusals_today"] as? [String: Int] == ["files": 1, "rows": 2])
            #expect(a["waiting"] as? Int == 0)
            let firing = try #require(a["alerts_firing"] as? [[String: Any]])
            #expect(firing.count == 1)
            #expect(firing.first?["rule"] as? String == "threshold")
            #expect(firing.first?["observed"] as? Int == 8)
            #expect(firing.first?["period"] as? String == month)
            let p = partners[2]
            #expect(p["last_file"] is NSNull)
            #expect(p["waiting"] as? Int == 1)
            #expect((p["today"] as? [String: Int])?["files"] == 0)
            #expect(((object["total"] as? [String: Any])?["alerts_firing"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func statusWithoutADatabaseShowsWhatItCanAndExits69() async throws {
        try await Workspace.with { w in
            try w.writeConfig(conninfo: "host=\(w.directory.path)/no-server-here dbname=x connect_timeout=3")
            try FileManager.default.createDirectory(atPath: w.drop("police"), withIntermediateDirectories: true)
            try w.deliver("police", "waiting.csv", ExtractFixture.extract(rows: 2))

            let text = try w.run(["status"])
            #expect(text.status == 69)
            #expect(text.stdout.contains("database: NOT ANSWERING: connection failed"), "\(text.output)")
            #expect(text.stdout.contains("police (profile police)\n  waiting     1 file in incoming/\n"), "\(text.stdout)")
            #expect(text.stdout.contains("acme (profile standard)\n  waiting     incoming/ cannot be read\n"), "\(text.stdout)")
            #expect(text.stdout.contains("which is not answering"))

            let json = try w.run(["status", "--json"])
            #expect(json.status == 69)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["database"] as? [String: Any])?["answering"] as? Bool == false)
            let police = try #require((object["partners"] as? [[String: Any]])?.first { $0["name"] as? String == "police" })
            #expect(police["waiting"] as? Int == 1)
            #expect(police["last_file"] is NSNull && police["today"] is NSNull && police["alerts_firing"] is NSNull)
        }
    }

    @Test func statusOnAnUnmigratedDatabaseExits78() async throws {
        try await Workspace.with { w in
            let run = try w.run(["status"])
            #expect(run.status == 78)
            #expect(run.stdout.contains("run 'referrald migrate'"), "\(run.output)")
        }
    }
}
