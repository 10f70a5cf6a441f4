import Testing
import Workbook

/// `SheetSample`: what `referrald profile draft` reads from a workbook.
@Suite struct SheetSampleTests {
    @Test func readsTheFirstVisibleSheetWithRowsAtTheirNumbers() throws {
        // openpyxl-banner.xlsx: a hidden `Lookups` sheet first; a banner, a blank row, the header in row 3.
        let sample = try SheetSample(WorkbookFixture.open("openpyxl-banner.xlsx"), limit: 100)
        #expect(sample.position == 2)
        #expect(sample.sheet.name == "Referrals")
        #expect(sample.rows.count == 6)
        #expect(sample.rows[0].first == "Referrals export")
        #expect(sample.rows[1].allSatisfy { $0.isEmpty }, "the blank row keeps its place")
        #expect(sample.rows[2] == ["Ref", "Referred", "NHS", "LA id", "DOB", "Surname"])
        #expect(sample.rows[3][1] == "2013-05-01" && sample.rows[3][2] == "9434765919")
        #expect(sample.rows[5].first == "R3")
    }

    @Test func readsAtMostTheLimit() throws {
        let sample = try SheetSample(WorkbookFixture.open("openpyxl-banner.xlsx"), limit: 3)
        #expect(sample.rows.count == 3)
        #expect(sample.rows.last?.first == "Ref")
    }
}
