import Testing
import Workbook

/// Cells to text and rows from references (extract.md, Workbooks), on workbooks that other
/// software wrote and on a hand-built one that pins every cell kind.
@Suite struct WorkbookReadingTests {
    @Test func handBuiltCellsReadAsTheSpecSays() throws {
        let rows = try WorkbookFixture.rows("handmade.xlsx")
        #expect(rows.map(\.number) == [1, 3, 4, 5])
        #expect(rows[0].cells.map(\.column) == [0, 1, 3])
        #expect(rows[0][1] == "Referred ", "runs joined, the phonetic hint left out")
        let r = rows[1]
        #expect(r[0] == "R1", "a formula reads its cached value")
        #expect(r[1] == "2013-05-01", "built-in format 14 is a date")
        #expect(r[2] == "00000123", "an all-zeros format pads")
        #expect(r[3] == "A & B <C> é")
        #expect(r[4] == "TRUE")
        #expect(r[5] == "", "an error cell is empty")
        #expect(r[6] == "1900-02-29", "serial 60 under a custom date format is the non-existent day")
        #expect(r[7] == "1.5", "elapsed time is not a date")
        #expect(r[8] == "0.25", "built-in time-only format 20 is not a date")
        #expect(r[9] == "9434765919", "an NHS number typed as a number")
        #expect(r[10] == "0.1")
        #expect(r[11] == "2013-05-01", "a t=\"d\" cell")
        #expect(r[12] == "1900-02-28")
        #expect(r[13] == "1900-03-01")
        #expect(rows[2].cells.isEmpty, "styled but blank cells are an empty row")
        #expect(rows[3][0] == "7" && rows[3][1] == "inline", "rows and cells without references follow on")
    }

    @Test func openpyxlBannerHiddenSheetDatesAndNumbers() throws {
        let workbook = try WorkbookFixture.open("openpyxl-banner.xlsx")
        #expect(workbook.sheets.map(\.name) == ["Lookups", "Referrals"])
        #expect(workbook.sheets.map(\.hidden) == [true, false])
        let rows = try WorkbookFixture.rows("openpyxl-banner.xlsx")
        #expect(rows.first?[0] == "Referrals export", "the first visible sheet, not the hidden lookups")
        let header = try #require(rows.first { $0.number == 3 })
        #expect(header.cells.map(\.text) == ["Ref", "Referred", "NHS", "LA id", "DOB", "Surname"])
        let r1 = try #require(rows.first { $0.number == 4 })
        #expect(r1.cells.map(\.text) == ["R1", "2013-05-01", "9434765919", "00000123", "2010-02-03", "Smith"])
        let r2 = try #require(rows.first { $0.number == 5 })
        #expect(r2[1] == "01/05/2013", "a date typed as text stays text")
        #expect(r2[2] == "943 476 5919")
        let r3 = try #require(rows.first { $0.number == 6 })
        #expect(r3.cells.map(\.column) == [0, 1, 2])
        let hidden = try WorkbookFixture.rows("openpyxl-banner.xlsx", sheet: .name("Lookups"))
        #expect(hidden.last?.cells.map(\.text) == ["6", "Police"])
        let byIndex = try WorkbookFixture.rows("openpyxl-banner.xlsx", sheet: .index(1))
        #expect(byIndex == hidden)
    }

    @Test func the1904SystemCountsFrom1904() throws {
        #expect(try WorkbookFixture.open("openpyxl-1904.xlsx").date1904)
        let rows = try WorkbookFixture.rows("openpyxl-1904.xlsx")
        #expect(rows.map { $0[1] } == ["Referred", "2013-05-01", "1904-01-02"])
    }

    @Test(arguments: ["libreoffice-csv.xlsx", "libreoffice-formulas.xlsx"])
    func libreOfficeWorkbooksRead(name: String) throws {
        let rows = try WorkbookFixture.rows(name)
        if name == "libreoffice-csv.xlsx" {
            #expect(rows.first?[0] == "Referral export")
            let data = rows.filter { $0[0].hasPrefix("L") }
            #expect(data.map { $0[2] } == ["9434765919", "9876543210"], "numbers LibreOffice detected read as integers")
            #expect(data.map { $0[1] } == ["2013-05-01", "2013-06-02"])
        } else {
            #expect(rows.last?.cells.map(\.text) == ["F1", "5", "R9"], "formulas' cached values")
        }
    }

    @Test func cellNamesAndReferences() {
        #expect(SheetRow.cellName(column: 2, row: 17) == "C17")
        #expect(SheetRow.columnName(25) == "Z")
        #expect(SheetRow.columnName(26) == "AA")
        #expect(SheetRow.columnName(16_383) == "XFD")
    }

    @Test func datesAcrossTheSystems() {
        #expect(CellText.date(serial: 1, date1904: false) == "1900-01-01")
        #expect(CellText.date(serial: 41395.75, date1904: false) == "2013-05-01")
        #expect(CellText.date(serial: 0, date1904: true) == "1904-01-01")
        #expect(CellText.date(serial: 39933, date1904: true) == "2013-05-01", "1,462 days after the 1900 serial 41395")
        #expect(CellText.date(serial: -1, date1904: false) == nil)
        #expect(NumberFormat.custom("dd/mm/yyyy") == .date)
        #expect(NumberFormat.custom("h:mm") == .general)
        #expect(NumberFormat.custom("mmm-yy") == .date)
        #expect(NumberFormat.custom("[h]:mm") == .general)
        #expect(NumberFormat.custom("\"day\" 0") == .general)
        #expect(NumberFormat.custom("000000") == .zeroPadded(6))
        #expect(CellText.number(1e20) == "1e+20")
        #expect(CellText.number(-3) == "-3")
    }
}
