import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// The issue's acceptance test: the same rows as CSV and as `.xlsx` written by openpyxl and by
/// LibreOffice load to identical `referral` rows, the same row issues (row, field, rule) and the
/// same refused rows, cell names in messages and the refused rows' raw form aside.
/// scripts/test makes the files (scripts/lib/workbooks.sh, 100,000 rows with planted faults).
@Suite("workbooks load like their CSV", .serialized)
struct WorkbookEquivalenceTests {
    static let directory = ProcessInfo.processInfo.environment["REFERRALD_TEST_WORKBOOKS"]

    struct Loaded: Equatable {
        var referrals: [String]
        var issues: [String]
        var refusedRows: [String]
    }

    /// Loads `file` into a fresh database under a standard-header profile read as `format: auto`.
    static func load(_ file: String) async throws -> Loaded {
        var loaded = Loaded(referrals: [], issues: [], refusedRows: [])
        let profile = NSTemporaryDirectory() + "/referrald-stdx-\(UUID().uuidString).yaml"
        try "name: stdx\nformat: auto\ndate_formats: [yyyy-MM-dd, dd/MM/yyyy]\n".write(toFile: profile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: profile) }
        try await Workspace.with(partners: "  acme: { profile: \(profile) }") { w in
            #expect(try w.run(["migrate"]).status == 0)
            let run = try w.run(["ingest", "--partner", "acme", file])
            #expect(run.status == 1, "\(run.output)")
            let db = try PostgresConnection(conninfo: w.conninfo)
            loaded.referrals = try Self.lines(db, """
                SELECT concat_ws('|', partner_ref, referral_date, nhs_number, upn, la_child_id, forename, surname,
                    date_of_birth, expected_date_of_birth, sex, ethnicity, postcode, referral_source, primary_need,
                    reason, child_key) FROM referrald.referral ORDER BY partner_ref
                """)
            loaded.issues = try Self.lines(db, "SELECT concat_ws('|', row_number, field, rule, severity) FROM referrald.row_issue ORDER BY row_number, field, rule")
            loaded.refusedRows = try Self.lines(db, "SELECT row_number::text FROM referrald.rejected_row ORDER BY row_number")
        }
        return loaded
    }

    static func lines(_ db: PostgresConnection, _ sql: String) throws -> [String] {
        let result = try db.query(sql)
        return (0..<result.rowCount).map { result[$0, 0] ?? "" }
    }

    @Test(.enabled(if: directory != nil, "scripts/test makes the workbooks (REFERRALD_TEST_WORKBOOKS)"))
    func openpyxlAndLibreOfficeWorkbooksLoadLikeTheCSV() async throws {
        let dir = try #require(Self.directory)
        let csv = try await Self.load(dir + "/extract.csv")
        let dataLines = try String(contentsOfFile: dir + "/extract.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(csv.referrals.count > dataLines * 9 / 10, "most of the \(dataLines) rows load")
        #expect(!csv.issues.isEmpty && !csv.refusedRows.isEmpty)
        for name in ["extract-openpyxl.xlsx", "extract-libreoffice.xlsx"] {
            let workbook = try await Self.load(dir + "/" + name)
            #expect(workbook.referrals.count == csv.referrals.count, "\(name)")
            #expect(workbook.referrals == csv.referrals, "\(name): first difference \(zip(workbook.referrals, csv.referrals).first { $0 != $1 }.map { "\($0.0.prefix(12))" } ?? "none")")
            #expect(workbook.issues == csv.issues, "\(name)")
            #expect(workbook.refusedRows == csv.refusedRows, "\(name)")
        }
    }
}
