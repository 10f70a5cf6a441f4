import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald retention`: opt-in, removes exactly what is past its age, logs counts only.
@Suite("referrald retention", .serialized)
struct RetentionTests {
    static let day = 86_400.0

    /// A file at `path` whose modification time is `age` seconds ago.
    func place(_ path: String, age: Double) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 500).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
    }

    @Test func removesExactlyWhatIsPastItsAgeAndKeepsTheLedger() async throws {
        try await Workspace.with { w in
            try w.run(["migrate"])
            // Two files with one refused row each: their raw bytes sit in rejected_row.
            for (name, seed) in [("old.csv", 9), ("young.csv", 10)] {
                let text = ExtractFixture.header + "\nX\(seed),,,,,,,,,,,,,,\n" + ExtractFixture.row(seed) + "\n"
                #expect(try w.run(["ingest", "--partner", "acme", try w.file(name, Array(text.utf8))]).status == 1)
            }
            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            try db.query("UPDATE referrald.ingested_file SET finished_at = now() - interval '401 days' WHERE file_name = 'old.csv'")
            try db.query("UPDATE referrald.ingested_file SET finished_at = now() - interval '399 days' WHERE file_name = 'young.csv'")
            let processed = w.drop("acme", "processed")
            let old = [processed + "/2020-01/old.csv", w.drop("acme", "reports") + "/old.csv.report.csv"]
            let kept = [processed + "/2020-01/young.csv", w.drop("acme", "reports") + "/young.csv.report.csv", w.drop("acme", "rejected") + "/refused.csv"]
            for path in old { try place(path, age: 401 * Self.day) }
            for path in kept.prefix(2) { try place(path, age: 399 * Self.day) }
            try place(kept[2], age: 900 * Self.day)
            let counts = "SELECT (SELECT count(*) FROM referrald.ingested_file), (SELECT count(*) FROM referrald.row_issue), (SELECT count(*) FROM referrald.referral)"
            let before = try db.query(counts)
            func rejectedRows(_ file: String) throws -> String? {
                try db.query("SELECT count(*) FROM referrald.rejected_row r JOIN referrald.ingested_file f ON f.id = r.file_id WHERE f.file_name = $1", [file])[0, 0]
            }

            // No retention: section: nothing is removed.
            let off = try w.run(["retention"])
            #expect(off.status == 0)
            #expect(off.stdout.contains("not configured"))
            #expect((old + kept).allSatisfy { FileManager.default.fileExists(atPath: $0) })

            let yaml = try String(contentsOfFile: w.configPath, encoding: .utf8)
            try (yaml + "\nretention:\n  processed_files: 400d\n  rejected_rows: 400d\n").write(toFile: w.configPath, atomically: true, encoding: .utf8)
            #expect(try w.run(["config", "check"]).stdout.contains("retention: processed files 400d, refused rows 400d"))

            let dry = try w.run(["retention", "--dry-run"])
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.stdout.contains("would remove 2 archived file(s), 1000 bytes; kept 2"), "\(dry.stdout)")
            #expect(dry.stdout.contains("would remove 1 refused row(s) of 1 file(s)"), "\(dry.stdout)")
            #expect((old + kept).allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(try rejectedRows("old.csv") == "1")

            let run = try w.run(["retention"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.stdout.contains("removed 2 archived file(s), 1000 bytes; kept 2"), "\(run.stdout)")
            #expect(run.stdout.contains("removed 1 refused row(s) of 1 file(s)"), "\(run.stdout)")
            #expect(old.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
            #expect(kept.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(try rejectedRows("old.csv") == "0")
            #expect(try rejectedRows("young.csv") == "1")
            let after = try db.query(counts)
            #expect((0..<3).map { after[0, $0] } == (0..<3).map { before[0, $0] }, "the ledger, issues and referrals are never deleted")
            // Counts only in the log: no file name, no row content.
            #expect(run.stderr.contains("retention files") && run.stderr.contains("files=2") && run.stderr.contains("rows=1"), "\(run.stderr)")
            #expect(!run.stderr.contains("old.csv") && !run.stderr.contains("X9"))

            #expect(try w.run(["retention"]).stdout.contains("removed 0 archived file(s)"), "a second pass finds nothing")
        }
    }

    /// The daemon's role may not delete refused rows: retention says to use the owner's role,
    /// and with `retention.conninfo` naming a member of the owner (provision-db --migrator) it does.
    /// Roles of their own, so this never races the database-roles suite over the default names.
    @Test func refusedRowsAreDeletedAsTheOwnersRoleOnly() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let admin = try PostgresConnection(conninfo: conninfo)
            defer { admin.close() }
            let database = try #require(try admin.query("SELECT current_database()")[0, 0])
            let provision = try Spawn.run([
                DatabaseRolesTests.script, "--owner", "rt_keep_owner", "--daemon", "rt_keep_daemon", "--migrator", "rt_keep_retention", database,
            ])
            #expect(provision.status == 0, "\(provision.output)")
            let owner = conninfo + " user=rt_keep_retention"
            try Workspace.with(conninfo: owner, partners: Workspace.defaultPartners, drop: "") { w in
                #expect(try w.run(["migrate"]).status == 0)
                try w.writeConfig(conninfo: conninfo + " user=rt_keep_daemon")
                let text = ExtractFixture.header + "\nX1,,,,,,,,,,,,,,\n" + ExtractFixture.row(1) + "\n"
                #expect(try w.run(["ingest", "--partner", "acme", try w.file("a.csv", Array(text.utf8))]).status == 1)
                try admin.query("UPDATE referrald.ingested_file SET finished_at = now() - interval '2 days'")
                let yaml = try String(contentsOfFile: w.configPath, encoding: .utf8)

                try (yaml + "\nretention: { rejected_rows: 1d }\n").write(toFile: w.configPath, atomically: true, encoding: .utf8)
                let refused = try w.run(["retention"])
                #expect(refused.status == 78, "\(refused.output)")
                #expect(refused.stderr.contains("set retention.conninfo to the schema owner's role"))
                #expect(try admin.query("SELECT count(*) FROM referrald.rejected_row")[0, 0] == "1")

                let quoted = owner.replacingOccurrences(of: "'", with: "''")
                try (yaml + "\nretention: { rejected_rows: 1d, conninfo: '\(quoted)' }\n").write(toFile: w.configPath, atomically: true, encoding: .utf8)
                let run = try w.run(["retention"])
                #expect(run.status == 0, "\(run.output)")
                #expect(run.stdout.contains("removed 1 refused row(s) of 1 file(s)"))
                #expect(try admin.query("SELECT count(*) FROM referrald.rejected_row")[0, 0] == "0")
                #expect(try admin.query("SELECT count(*) FROM referrald.row_issue")[0, 0] != "0")
            }
        }
    }
}
