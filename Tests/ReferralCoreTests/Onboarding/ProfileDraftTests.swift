import Testing
@testable import ReferralCore

@Suite struct ProfileDraftTests {
    /// A force-style export: two banner rows, `Surname, Forename` names, a column no header word names.
    static let rows: [[String]] = {
        var rows: [[String]] = [["Records System Export"], ["Generated 2024-02-01"],
                                ["Incident ID", "Date Reported", "Subject Name", "D.O.B.", "Gender", "Notice Type", "Source"]]
        let sources = ["ACOM", "ACOM", "ACOM", "ACOM", "SLIH", "SLIH", "SLIH", "Police", "XQZ", "XQZ"]
        for i in 0..<10 {
            rows.append(["I\(i)", "0\(i % 9 + 1)/02/2024", "Surname\(i), Forename\(i)", "1\(i)/03/2015", i % 2 == 0 ? "Male" : "Unknown sex", "PPN", sources[i]])
        }
        return rows
    }()

    @Test func draftsLayoutColumnsDatesAndNameOrder() throws {
        let draft = try ProfileDraft(name: "force", rows: Self.rows)
        #expect(draft.headerRow == 3)
        #expect(draft.dataRows == 10)
        #expect(draft.columns.map(\.field) == [.partnerRef, .referralDate, .fullName, .dateOfBirth, .sex, .referralSource])
        #expect(draft.columns.first { $0.field == .referralSource }?.header == "Source")
        #expect(draft.unused == ["Notice Type"])
        #expect(draft.dateFormats == ["dd/MM/yyyy"])
        #expect(draft.nameOrder == .surnameFirst)
    }

    @Test func listsOnlyUnrecognisedValuesOfThreeRowsOrMore() throws {
        let draft = try ProfileDraft(name: "force", rows: Self.rows)
        #expect(draft.values == [
            .init(field: .referralSource, value: "ACOM", rows: 4),
            .init(field: .referralSource, value: "SLIH", rows: 3),
        ])
        // `Unknown sex` is recognised; `XQZ` (2 rows) and the names are never listed.
        let yaml = draft.yaml(reading: .init(format: .csv, encoding: .utf8, byteOrderMark: false, delimiter: 0x2C), source: "x.csv")
        #expect(yaml.contains("#    \"ACOM\": \"?\"   # 4 rows"))
        #expect(!yaml.contains("XQZ") && !yaml.contains("Surname") && !yaml.contains("Forename"))
        #expect(yaml.contains("header_row: 3"))
        #expect(yaml.contains("delimiter: \",\""))
        #expect(yaml.contains("\nformat: csv\n"))
    }

    /// A workbook's draft says `format: xlsx`, names its sheet when it is not the first, and has
    /// no delimiter or encoding (a workbook has neither); date cells (`yyyy-MM-dd`) need one format.
    @Test func aWorkbookDraftSaysXlsxAndItsSheet() throws {
        var rows = Self.rows
        for i in 3..<rows.count { rows[i][1] = "2024-02-0\(i - 2)" }
        let draft = try ProfileDraft(name: "force", rows: rows)
        #expect(draft.dateFormats == ["yyyy-MM-dd", "dd/MM/yyyy"])
        let first = draft.yaml(reading: .workbook(sheet: nil), source: "x.xlsx")
        #expect(first.contains("\nformat: xlsx\n") && !first.contains("sheet:"))
        #expect(!first.contains("delimiter:") && !first.contains("encoding:"))
        let named = draft.yaml(reading: .workbook(sheet: "PPN \"May\""), source: "x.xlsx")
        #expect(named.contains("\nsheet: \"PPN \\\"May\\\"\""))
        let summary = draft.summary(reading: .workbook(sheet: "Notices"))
        #expect(summary.hasPrefix("detected: format xlsx, sheet \"Notices\", header row 3 (2 row(s) skipped)"))
        #expect(!summary.contains("delimiter") && !summary.contains("encoding"))
    }

    @Test func noHeaderRowIsAFailure() {
        #expect(throws: ProfileDraft.Failure.noHeaderRow) {
            try ProfileDraft(name: "x", rows: [["just", "some"], ["text", "here"]])
        }
    }

    @Test func valuesLongerThanFortyCharactersAreNeverListed() {
        var tally = UnrecognisedValues()
        let long = String(repeating: "x", count: 41)
        for _ in 0..<5 { tally.add(.sex, long); tally.add(.sex, "Q"); tally.add(.reason, "free text") }
        #expect(tally.entries == [.init(field: .sex, value: "Q", rows: 5)])
    }

    @Test func nhsEthnicLettersAreAllLeftToAPerson() throws {
        // `J` and `N` are no census group letters: the column holds NHS categories, so `B` (White
        // Irish there, Mixed in the census) is listed too rather than read as Mixed.
        var rows = [["Ref", "Referral Date", "Ethnicity"]]
        for (i, letter) in ["B", "B", "B", "J", "J", "J", "N", "N", "N", "A"].enumerated() { rows.append(["R\(i)", "01/05/2013", letter]) }
        let draft = try ProfileDraft(name: "trust", rows: rows)
        #expect(draft.values.map(\.value) == ["B", "J", "N"])
        rows[1...3].indices.forEach { rows[$0][2] = "C" }
        let census = try ProfileDraft(name: "la", rows: Array(rows.prefix(4)))
        #expect(census.values.isEmpty) // only census letters: read as their groups
    }
}
