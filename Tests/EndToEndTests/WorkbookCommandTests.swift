import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// Workbooks through the built binary (extract.md, Workbooks): `check` and `ingest` read an
/// `.xlsx` like its CSV, name sheet cells, keep refused rows as CSV lines, and refuse hostile or
/// foreign files with exit status 2 and nothing loaded.
@Suite("workbooks through the commands", .serialized)
struct WorkbookCommandTests {
    static let fixtures = Workspace.packageRoot.appendingPathComponent("Tests/WorkbookTests/Fixtures")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// `check --format json`'s counts and (row, field, rule) of every issue.
    static func summary(_ json: String) throws -> (counts: [Int], issues: [String], messages: [String]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let counts = ["rows", "accepted", "rejected", "duplicates", "warnings"].map { object[$0] as? Int ?? -1 }
        let issues = (object["issues"] as? [[String: Any]] ?? []).map { "\($0["row"]!) \($0["field"]!) \($0["rule"]!)" }
        let messages = (object["issues"] as? [[String: Any]] ?? []).map { $0["message"] as? String ?? "" }
        return (counts, issues, messages)
    }

    @Test func schoolsWorkbookChecksAndLoadsLikeItsCSV() async throws {
        try await Workspace.with { w in
            #expect(try w.run(["migrate"]).status == 0)
            let csvPath = try w.sample("schools")
            let xlsxPath = csvPath.replacingOccurrences(of: ".csv", with: ".xlsx")
            let csv = try w.run(["check", "--partner", "schools", "--format", "json", csvPath])
            let xlsx = try w.run(["check", "--partner", "schools", "--format", "json", xlsxPath])
            #expect(csv.status == 1 && xlsx.status == 1)
            let a = try Self.summary(csv.stdout), b = try Self.summary(xlsx.stdout)
            #expect(a.counts == [50, 45, 4, 1, 6])
            #expect(b.counts == a.counts)
            #expect(b.issues == a.issues)
            #expect(b.messages.contains { $0.hasSuffix("(cell B18)") }, "row 17's empty Date Logged is cell B18 (header in row 1)")
            #expect(!a.messages.contains { $0.contains("(cell ") })
            // Every row issue names a sheet cell (a whole-row one its row's first), but for
            // `row.duplicate`, which is found after the rows are read.
            let rowMessages = zip(b.issues, b.messages).filter { !$0.0.hasPrefix("0 ") && !$0.0.hasSuffix("row.duplicate") }.map(\.1)
            #expect(rowMessages.count == 9 && rowMessages.allSatisfy { $0.contains("(cell ") }, "\(rowMessages)")
            #expect(b.messages.contains { $0.hasPrefix("no valid NHS number") && $0.hasSuffix("(cell A30)") })

            let loaded = try w.run(["ingest", "--partner", "schools", xlsxPath])
            #expect(loaded.status == 1, "\(loaded.output)")
            #expect(loaded.stdout.contains("loaded rows=50 loaded=45 rejected=4 duplicate=1"), "\(loaded.stdout)")
            let db = try PostgresConnection(conninfo: w.conninfo)
            let raw = try db.query("SELECT convert_from(raw, 'UTF8') FROM referrald.rejected_row WHERE row_number = 17")
            let line = try #require(raw[0, 0])
            #expect(line.hasPrefix("SR-") && line.contains(",,"), "a refused row keeps its cells as one CSV line")
            #expect(line.split(separator: ",", omittingEmptySubsequences: false).count >= 9)
        }
    }

    @Test(arguments: [
        ("encrypted.xlsx", "file.encrypted"), ("legacy.xls", "file.unsupported_format"),
        ("spreadsheet.ods", "file.unsupported_format"), ("binary.xlsb", "file.unsupported_format"),
        ("dtd.xlsx", "file.malformed"), ("truncated.xlsx", "file.malformed"), ("bomb-ratio.xlsx", "file.too_large"),
    ])
    func hostileAndForeignFilesAreRefusedWhole(name: String, rule: String) async throws {
        let partners = """
              acme: { profile: standard }
              books: { profile: \(Workspace.packageRoot.path)/config/partners/annexa.yaml }
              mixed: { profile: schools }
            """
        try await Workspace.with(partners: partners) { w in
            try w.run(["migrate"])
            // Named .xlsx whatever it is; with format: auto (schools) the signature decides too.
            let path = try w.file("return.xlsx", try Self.fixture(name))
            for partner in ["books", "mixed"] {
                let run = try w.run(["ingest", "--partner", partner, path])
                #expect(run.status == 2, "\(partner) \(name): \(run.output)")
                #expect(run.stdout.contains("refused \(rule)"), "\(partner) \(name): \(run.stdout)")
                let check = try w.run(["check", "--partner", partner, path])
                #expect(check.status == 2 && check.stdout.contains(rule), "\(check.output)")
            }
            let db = try PostgresConnection(conninfo: w.conninfo)
            #expect(try db.query("SELECT count(*) FROM referrald.referral")[0, 0] == "0")
            #expect(try db.query("SELECT count(*) FROM referrald.row_issue WHERE rule = $1", [rule])[0, 0] == "2")
        }
    }

    @Test func aWorkbookBrokenAfterRowsWereStagedIsRefusedWholeWithNothingLoaded() async throws {
        let profile = NSTemporaryDirectory() + "/referrald-late-\(UUID().uuidString).yaml"
        try "name: stdx\nformat: auto\ndate_formats: [yyyy-MM-dd]\n".write(toFile: profile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: profile) }
        try await Workspace.with(partners: "  acme: { profile: \(profile) }") { w in
            try w.run(["migrate"])
            let path = try w.file("late.xlsx", try Self.fixture("late-error.xlsx"))
            let run = try w.run(["ingest", "--partner", "acme", path])
            #expect(run.status == 2, "\(run.output)")
            #expect(run.stdout.contains("refused file.malformed"), "\(run.stdout)")
            let db = try PostgresConnection(conninfo: w.conninfo)
            #expect(try db.query("SELECT count(*) FROM referrald.referral")[0, 0] == "0")
            #expect(try db.query("SELECT status FROM referrald.ingested_file")[0, 0] == "refused")
            let check = try w.run(["check", "--partner", "acme", path])
            #expect(check.status == 2 && check.stdout.contains("file.malformed"), "\(check.output)")
        }
    }

    @Test func annexAList3IsReadFromItsSheetAndAMissingSheetIsNamed() async throws {
        let partners = """
              books: { profile: \(Workspace.packageRoot.path)/config/partners/annexa.yaml }
            """
        try await Workspace.with(partners: partners) { w in
            try w.run(["migrate"])
            let annex = try w.run(["check", "--partner", "books", "--format", "json", Self.fixtures.appendingPathComponent("annex-a.xlsx").path])
            #expect(annex.status == 0, "\(annex.output)")
            #expect(try Self.summary(annex.stdout).counts == [3, 3, 0, 0, 0])
            let other = try w.run(["check", "--partner", "books", Self.fixtures.appendingPathComponent("openpyxl-banner.xlsx").path])
            #expect(other.status == 2)
            #expect(other.stdout.contains("file.sheet_missing") && other.stdout.contains("\"Referrals\""), "\(other.stdout)")
        }
    }
}
