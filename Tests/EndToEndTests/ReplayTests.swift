import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald replay`: a file the daemon refused, replayed after its profile was fixed.
@Suite("referrald replay", .serialized)
struct ReplayTests {
    /// The partner's extract names the referral date `Date Referred`: the first profile (the
    /// standard header) has no mapping for it, so the daemon refuses the file whole.
    static let brokenProfile = "name: acme\ndate_formats: [yyyy-MM-dd]\n"
    static let fixedProfile = """
        name: acme
        date_formats: [yyyy-MM-dd]
        columns:
        \(ExtractFixture.header.split(separator: ",").map { "  \($0): \($0 == "referral_date" ? "Date Referred" : String($0))" }.joined(separator: "\n"))

        """

    static func extract(rows: Int) -> [UInt8] {
        let text = String(decoding: ExtractFixture.extract(rows: rows), as: UTF8.self)
        return Array(text.replacingOccurrences(of: ",referral_date,", with: ",Date Referred,").utf8)
    }

    @Test func refusedFileReplayedAfterTheProfileIsFixedLoadsOnceAndMoves() async throws {
        try await Workspace.with(partners: "  acme: { profile: ./acme.yaml }\n  police: { profile: police }", drop: DaemonTests.fast) { w in
            let profile = w.directory.appendingPathComponent("acme.yaml").path
            try Self.brokenProfile.write(toFile: profile, atomically: true, encoding: .utf8)
            try w.run(["migrate"])
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try FileManager.default.createDirectory(atPath: w.drop("acme"), withIntermediateDirectories: true)
            try w.deliver("acme", "may.csv", Self.extract(rows: 20))
            #expect(daemon.waitForLog("file refused"), "\(daemon.log)")
            #expect(daemon.terminate()?.status == 0)
            #expect(w.files("acme", "rejected") == ["may.csv", "may.csv.report.txt"])

            // Replayed with the old profile: still refused, left where it is, a new ledger row.
            let rejected = w.drop("acme", "rejected") + "/may.csv"
            let again = try w.run(["replay", "--partner", "acme", rejected])
            #expect(again.status == 2, "\(again.output)")
            #expect(again.stdout.contains("refused file.missing_columns"))
            #expect(w.files("acme", "rejected") == ["may.csv", "may.csv.report.txt"])

            // The profile fixed: loaded, moved to processed/, its refusal report gone.
            try Self.fixedProfile.write(toFile: profile, atomically: true, encoding: .utf8)
            let replay = try w.run(["replay", "--partner", "acme", rejected])
            #expect(replay.status == 0, "\(replay.output)")
            #expect(replay.stdout.contains("acme/may.csv: loaded rows=20 loaded=20 rejected=0 duplicate=0"), "\(replay.stdout)")
            #expect(replay.stderr.contains("file replayed"))
            let personal = (0..<20).map { ExtractFixture.nhsNumber($0) } + ["Amelia", "Oliver", "Smith", "Jones", "LS1 0AB"]
            #expect(!personal.contains { again.output.contains($0) || replay.output.contains($0) }, "no personal value in any output")
            let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
            #expect(w.files("acme", "rejected") == [])
            #expect(w.files("acme", "processed") == ["\(month)/may.csv"])

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            let ledger = try db.query("SELECT status FROM referrald.ingested_file WHERE partner = 'acme' ORDER BY id")
            #expect((0..<ledger.rowCount).map { ledger[$0, 0]! } == ["refused", "refused", "loaded"])
            #expect(try db.query("SELECT count(*) FROM referrald.referral WHERE partner = 'acme'")[0, 0] == "20")
            #expect(try db.query("SELECT state FROM referrald.file_claim WHERE partner = 'acme'")[0, 0] == "archived")

            // Replayed again: the file is no longer in rejected/.
            let gone = try w.run(["replay", "--partner", "acme", rejected])
            #expect(gone.status == 65)
            #expect(gone.stderr.contains("no such file in \(w.drop("acme", "rejected"))/"), "\(gone.stderr)")

            // The same bytes refused earlier under another name: a duplicate, moved, nothing loaded twice.
            try Data(Self.extract(rows: 20)).write(to: URL(fileURLWithPath: w.drop("acme", "rejected") + "/may-resent.csv"))
            let duplicate = try w.run(["replay", "--partner", "acme", w.drop("acme", "rejected") + "/may-resent.csv"])
            #expect(duplicate.status == 0, "\(duplicate.output)")
            #expect(duplicate.stdout.contains("acme/may-resent.csv: duplicate"))
            #expect(w.files("acme", "processed") == ["\(month)/may-resent.csv", "\(month)/may.csv"])
            #expect(try db.query("SELECT count(*) FROM referrald.referral WHERE partner = 'acme'")[0, 0] == "20")
            #expect(try db.query("SELECT count(*) FROM referrald.ingested_file WHERE partner = 'acme'")[0, 0] == "4")

            // A later extract with some of the same referrals: each referral is still there once.
            try Data(Self.extract(rows: 30)).write(to: URL(fileURLWithPath: w.drop("acme", "rejected") + "/june.csv"))
            #expect(try w.run(["replay", "--partner", "acme", w.drop("acme", "rejected") + "/june.csv"]).status == 0)
            #expect(try db.query("SELECT count(*) FROM referrald.referral WHERE partner = 'acme'")[0, 0] == "30")
        }
    }

    /// A Windows-1252 file (`Référence` in its header) under a UTF-8 profile is refused whole;
    /// with the encoding fixed it loads, and its warning goes to `reports/`.
    @Test func fileRefusedForItsEncodingReplaysAfterTheProfileNamesIt() async throws {
        try await Workspace.with(partners: "  acme: { profile: ./acme.yaml }") { w in
            let profile = w.directory.appendingPathComponent("acme.yaml").path
            try "name: acme\nencoding: utf-8\n".write(toFile: profile, atomically: true, encoding: .utf8)
            try w.run(["migrate"])
            let lines = String(decoding: ExtractFixture.extract(rows: 5), as: UTF8.self).split(separator: "\n")
            var bytes = Array((lines[0] + ",R").utf8) + [0xE9] + Array("f\n".utf8)
            for line in lines.dropFirst() { bytes += Array((line + ",x\n").utf8) }
            try FileManager.default.createDirectory(atPath: w.drop("acme", "rejected"), withIntermediateDirectories: true)
            let path = w.drop("acme", "rejected") + "/latin.csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let refused = try w.run(["replay", "--partner", "acme", path])
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.stdout.contains("refused file.not_text"))
            #expect(try String(contentsOfFile: path + ".report.txt", encoding: .utf8).contains("rule: file.not_text"))

            try "name: acme\nencoding: windows-1252\n".write(toFile: profile, atomically: true, encoding: .utf8)
            let loaded = try w.run(["replay", "--partner", "acme", path])
            #expect(loaded.status == 0, "\(loaded.output)")
            #expect(loaded.stdout.contains("acme/latin.csv: loaded rows=5 loaded=5 rejected=0 duplicate=0 warnings=1"), "\(loaded.stdout)")
            #expect(w.files("acme", "rejected") == [])
            #expect(w.files("acme", "reports") == ["latin.csv.report.csv"])
            let report = try String(contentsOfFile: w.drop("acme", "reports") + "/latin.csv.report.csv", encoding: .utf8)
            #expect(report.contains("file.unknown_columns"))
        }
    }

    @Test func onlyAFileInThePartnersRejectedDirectoryIsReplayed() async throws {
        try await Workspace.with { w in
            try w.run(["migrate"])
            for partner in ["acme", "police"] {
                for sub in ["incoming", "rejected"] {
                    try FileManager.default.createDirectory(atPath: w.drop(partner, sub), withIntermediateDirectories: true)
                }
            }
            let outside = try w.file("outside.csv", ExtractFixture.extract(rows: 3))
            let incoming = w.drop("acme", "incoming") + "/waiting.csv"
            try Data(ExtractFixture.extract(rows: 3)).write(to: URL(fileURLWithPath: incoming))
            let otherPartner = w.drop("police", "rejected") + "/theirs.csv"
            try Data(ExtractFixture.extract(rows: 3)).write(to: URL(fileURLWithPath: otherPartner))
            let link = w.drop("acme", "rejected") + "/link.csv"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside)
            let linkedDirectory = w.directory.appendingPathComponent("looks-like-rejected").path
            try FileManager.default.createSymbolicLink(atPath: linkedDirectory, withDestinationPath: w.drop("acme", "incoming"))

            let attempts: [(path: String, says: String)] = [
                (outside, "only a file in"),
                (incoming, "only a file in"),
                (w.drop("acme", "rejected") + "/../incoming/waiting.csv", "only a file in"),
                (linkedDirectory + "/waiting.csv", "only a file in"),
                (otherPartner, "only a file in"),
                (link, "not a regular file"),
                (w.drop("acme", "rejected") + "/may.csv.report.txt", "not an extract"),
            ]
            for attempt in attempts {
                let run = try w.run(["replay", "--partner", "acme", attempt.path])
                #expect(run.status == 64, "\(attempt.path): \(run.output)")
                #expect(run.stderr.contains("replay refused: ") && run.stderr.contains(attempt.says), "\(attempt.path): \(run.stderr)")
            }
            #expect(try w.run(["replay", "--partner", "nobody", outside]).status == 64)
            // Nothing was recorded or moved.
            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            #expect(try db.query("SELECT count(*) FROM referrald.ingested_file")[0, 0] == "0")
            #expect(FileManager.default.fileExists(atPath: incoming) && FileManager.default.fileExists(atPath: otherPartner))
        }
    }
}
