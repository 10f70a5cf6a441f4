import Foundation
import Testing
import TestSupport

/// The built binary as a user runs it: real files, a real database, exit statuses and output.
@Suite("referrald commands", .serialized)
struct CommandLineTests {
    @Test func migrateTwiceThenIngestAThousandRows() async throws {
        try await Workspace.with { w in
            #expect(try w.run(["migrate"]).status == 0)
            let second = try w.run(["migrate"])
            #expect(second.status == 0)
            #expect(second.stdout.contains("up to date"))

            let path = try w.file("may.csv", ExtractFixture.extract(rows: 1000))
            let first = try w.run(["ingest", "--partner", "acme", path])
            #expect(first.status == 0)
            #expect(first.stdout.contains("acme/may.csv: loaded rows=1000 loaded=1000 rejected=0 duplicate=0"))

            let copy = try w.file("may-again.csv", ExtractFixture.extract(rows: 1000))
            let again = try w.run(["ingest", "--partner", "acme", copy])
            #expect(again.status == 0)
            #expect(again.stdout.contains("acme/may-again.csv: duplicate"))
        }
    }

    @Test func exitStatusIsTheHighestThatApplies() async throws {
        try await Workspace.with { w in
            try w.run(["migrate"])
            let good = try w.file("good.csv", ExtractFixture.extract(rows: 3))
            let someRefused = try w.file("some.csv", Array((ExtractFixture.header + "\nX1,,,,,,,,,,,,,,\n" + ExtractFixture.row(9) + "\n").utf8))
            let refused = try w.file("refused.csv", Array("surname\nSmith\n".utf8))
            #expect(try w.run(["ingest", "--partner", "acme", good]).status == 0)
            #expect(try w.run(["ingest", "--partner", "acme", someRefused]).status == 1)
            let both = try w.run(["ingest", "--partner", "acme", refused, try w.file("more.csv", ExtractFixture.extract(rows: 2, version: 3, changedEvery: 1))])
            #expect(both.status == 2)
            #expect(both.stdout.contains("refused file.missing_columns"))
            #expect(try w.run(["ingest", "--partner", "acme", w.directory.path + "/missing.csv"]).status == 65)
            for command in ["ingest", "check", "replay"] {
                let unknown = try w.run([command, "--partner", "nobody", good])
                #expect(unknown.status == 64, "\(command)")
                #expect(unknown.stderr.contains("no partner 'nobody'"), "\(command): \(unknown.stderr)")
            }
        }
    }

    @Test func databaseUnavailableExits69WithAClearMessage() async throws {
        try await Workspace.with { w in
            try w.writeConfig(conninfo: "host=\(w.directory.path)/no-server-here dbname=x connect_timeout=3")
            let path = try w.file("may.csv", ExtractFixture.extract(rows: 5))
            let run = try w.run(["ingest", "--partner", "acme", path])
            #expect(run.status == 69)
            #expect(run.stderr.contains("database unavailable"))
            #expect(!run.stderr.contains("Fatal error"))
            #expect(try w.run(["migrate"]).status == 69)
        }
    }

    @Test func unmigratedSchemaExits78SayingWhatToDo() async throws {
        try await Workspace.with { w in
            let run = try w.run(["ingest", "--partner", "acme", try w.file("a.csv", ExtractFixture.extract(rows: 1))])
            #expect(run.status == 78)
            #expect(run.stderr.contains("run 'referrald migrate'"))
        }
    }

    @Test func configurationErrorNamesKeyAndLineAndExits78() async throws {
        try await Workspace.with { w in
            var yaml = try String(contentsOfFile: w.configPath, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "timezone: Europe/London", with: "timezone: Europe/London\npoll: 5s")
            try yaml.write(toFile: w.configPath, atomically: true, encoding: .utf8)
            let run = try w.run(["config", "check"])
            #expect(run.status == 78)
            #expect(run.stderr.contains("referrald.yaml:4: poll: unknown key"))
        }
    }

    @Test func checkPrintsTheSpecJSONAndTouchesNoDatabase() async throws {
        try await Workspace.with { w in
            // An unreachable database proves check needs none.
            try w.writeConfig(conninfo: "host=/nonexistent dbname=x")
            let run = try w.run(["check", "--partner", "police", try w.sample("police"), "--format", "json"])
            #expect(run.status == 1)
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            #expect(object["partner"] as? String == "police")
            #expect(object["rows"] as? Int == 50)
            let counts = ["accepted", "rejected", "duplicates"].map { object[$0] as? Int ?? -1 }
            #expect(counts == [45, 4, 1])
            let issues = object["issues"] as! [[String: Any]]
            #expect(Set(issues.flatMap { $0.keys }) == ["row", "field", "rule", "severity", "message"])
            #expect(issues.contains { $0["rule"] as? String == "partner_ref.missing" && $0["row"] as? Int == 28 })
        }
    }

    @Test func shippedSamplesIngestWithTheirDocumentedCounts() async throws {
        // samples/README.md: rows, accepted, refused, duplicate per sample.
        let expected: [(partner: String, profilePartner: String, counts: String)] = [
            ("standard", "acme", "rows=60 loaded=53 rejected=6 duplicate=1"),
            ("health", "health", "rows=55 loaded=49 rejected=5 duplicate=1"),
            ("police", "police", "rows=50 loaded=45 rejected=4 duplicate=1"),
            ("schools", "schools", "rows=50 loaded=45 rejected=4 duplicate=1"),
        ]
        try await Workspace.with { w in
            try w.run(["migrate"])
            for sample in expected {
                let run = try w.run(["ingest", "--partner", sample.profilePartner, try w.sample(sample.partner)])
                #expect(run.status == 1, "\(sample.partner): \(run.output)")
                #expect(run.stdout.contains(sample.counts), "\(sample.partner): \(run.stdout)")
            }
        }
    }
}
