import Foundation
import PostgresLibPQ
import ReferralCore
import ReferralStore
import Testing
import TestSupport

@Suite("Loading files", .serialized)
struct ReferralLoaderTests {
    @Test func thousandRowExtractLoadsEveryRow() async throws {
        try await StoreHarness.with { h in
            let s = try h.load(ExtractFixture.extract(rows: 1000))
            #expect(s.status == .loaded)
            #expect(s.counts == [1000, 1000, 0, 0])
            #expect(try h.count("SELECT count(*) FROM referral") == 1000)
            #expect(try h.scalar("SELECT status || ' ' || rows_total || '/' || rows_loaded || '/' || rows_rejected || '/' || rows_duplicate FROM ingested_file") == "loaded 1000/1000/0/0")
            #expect(try h.scalar("SELECT nhs_number FROM referral WHERE partner_ref = 'REF7'") == ExtractFixture.nhsNumber(7))
            #expect(try h.scalar("SELECT forename FROM referral WHERE partner_ref = 'REF10'") == "Zoë")
        }
    }

    @Test func sameBytesAgainAreADuplicateAndChangeNothing() async throws {
        try await StoreHarness.with { h in
            let bytes = ExtractFixture.extract(rows: 50)
            let first = try h.load(bytes, name: "may.csv")
            let again = try h.load(bytes, name: "may-copy.csv")
            #expect(again.status == .duplicate)
            #expect(again.duplicateOf == first.fileId)
            #expect(again.counts == [0, 0, 0, 0])
            #expect(try h.count("SELECT count(*) FROM referral WHERE last_file_id = $1", [String(again.fileId)]) == 0)
            #expect(try h.count("SELECT count(*) FROM ingested_file WHERE status = 'duplicate'") == 1)
            // The same bytes from another partner are that partner's data, not a duplicate.
            #expect(try h.load(bytes, partner: "other").status == .loaded)
        }
    }

    @Test func cumulativeResendReplacesChangedRowsOnly() async throws {
        try await StoreHarness.with { h in
            let first = try h.load(ExtractFixture.extract(rows: 100))
            let second = try h.load(ExtractFixture.extract(rows: 120, version: 2, changedEvery: 10))
            #expect(second.counts == [120, 120, 0, 0])
            #expect(try h.count("SELECT count(*) FROM referral") == 120)
            // Changed rows (every 10th) and new rows moved to the second file; unchanged rows stayed.
            #expect(try h.count("SELECT count(*) FROM referral WHERE last_file_id = $1", [String(second.fileId)]) == 10 + 20)
            #expect(try h.count("SELECT count(*) FROM referral WHERE first_file_id = $1", [String(first.fileId)]) == 100)
            #expect(try h.scalar("SELECT reason FROM referral WHERE partner_ref = 'REF30'") == "Concern raised, updated 2")
        }
    }

    @Test func refusedRowsKeepTheirRawBytesAndEveryRowIsAccountedFor() async throws {
        try await StoreHarness.with { h in
            let good = ExtractFixture.row(1)
            let futureRow = ExtractFixture.row(2).replacingOccurrences(of: "2013-05-03", with: "2099-01-01")
            let malformed = "REF3,2013-05-01,\"unterminated"
            let text = [ExtractFixture.header, good, futureRow, good, "REF4,2013-05-01,,,,,,,,,,,,,tab\there", malformed].joined(separator: "\r\n")
            let s = try h.load(Array(text.utf8))
            #expect(s.counts == [5, 1, 3, 1])
            #expect(s.balances)
            let raw = try h.connection.query("SELECT row_number, encode(raw, 'escape') FROM rejected_row ORDER BY row_number")
            #expect(raw.rowCount == 3)
            #expect(raw[0, 1] == futureRow)
            #expect(raw[1, 1] == "REF4,2013-05-01,,,,,,,,,,,,,tab\there")
            #expect(raw[2, 1] == malformed)
            let rules = try h.connection.query("SELECT row_number || ':' || rule FROM row_issue ORDER BY row_number, rule")
            #expect((0..<rules.rowCount).map { rules[$0, 0] ?? "" } == ["2:referral_date.future", "3:row.duplicate", "4:child.unidentifiable", "5:row.malformed"])
        }
    }

    @Test func refusedFileRecordsItsReasonAndLoadsNothing() async throws {
        try await StoreHarness.with { h in
            let s = try h.load(Array("surname,forename\nSmith,Jo\n".utf8))
            #expect(s.status == .refused)
            #expect(s.refusal?.rule == "file.missing_columns")
            #expect(try h.count("SELECT count(*) FROM referral") == 0)
            #expect(try h.scalar("SELECT rule FROM row_issue WHERE file_id = $1 AND row_number = 0", [String(s.fileId)]) == "file.missing_columns")
            let empty = try h.load([], name: "empty.csv")
            #expect(empty.refusal?.rule == "file.empty")
        }
    }

    @Test func issuesReadBackInRowOrderForTheReport() async throws {
        try await StoreHarness.with { h in
            var lines = [ExtractFixture.header + ",extra"]
            for i in 0..<12_000 { lines.append(ExtractFixture.row(i).replacingOccurrences(of: ",LS", with: ",BAD") + ",x") }
            let s = try h.load(Array(lines.joined(separator: "\n").utf8))
            #expect(s.warnings == 12_001)
            var rows: [Int] = []
            try IssueQuery(connection: h.connection).forEachIssue(fileId: s.fileId, pageSize: 5000) { issue, _ in rows.append(issue.row) }
            #expect(rows.count == 12_001)
            #expect(rows == rows.sorted())
            #expect(rows.first == 0)
        }
    }
}

extension FileSummary {
    /// total, loaded, rejected, duplicate: the ledger's four counts.
    var counts: [Int] { [rowsTotal, rowsLoaded, rowsRejected, rowsDuplicate] }
}
