import Testing
import Workbook

/// Hostile and foreign files are refused by their rule, within bounds (quality.md, Reliability:
/// hostile workbooks).
@Suite struct WorkbookRefusalTests {
    @Test func passwordProtectedIsEncrypted() throws {
        #expect(WorkbookFixture.refusal(try WorkbookFixture.bytes("encrypted.xlsx")) == .encrypted)
    }

    @Test func legacyXlsIsUnsupported() throws {
        let bytes = try WorkbookFixture.bytes("legacy.xls")
        #expect(Array(bytes.prefix(4)) == [0xD0, 0xCF, 0x11, 0xE0])
        #expect(WorkbookFixture.refusal(bytes) == .unsupportedFormat)
    }

    @Test(arguments: ["spreadsheet.ods", "binary.xlsb"])
    func otherPackagesAreUnsupported(name: String) throws {
        #expect(WorkbookFixture.refusal(try WorkbookFixture.bytes(name)) == .unsupportedFormat)
    }

    @Test func csvBytesAreNotAWorkbook() {
        #expect(WorkbookFixture.refusal(Array("partner_ref,referral_date\n".utf8)) == .unsupportedFormat)
        #expect(WorkbookFixture.refusal([]) == .unsupportedFormat)
    }

    @Test func aDTDIsMalformed() throws {
        #expect(WorkbookFixture.refusal(try WorkbookFixture.bytes("dtd.xlsx")) == .malformed)
    }

    @Test func aTruncatedZipIsMalformed() throws {
        #expect(WorkbookFixture.refusal(try WorkbookFixture.bytes("truncated.xlsx")) == .malformed)
        let whole = try WorkbookFixture.bytes("handmade.xlsx")
        // Every prefix of a workbook is refused or read; none crashes.
        for cut in stride(from: 0, to: whole.count, by: 97) {
            let rule = WorkbookFixture.refusal(Array(whole.prefix(cut)))
            #expect(rule == .malformed || rule == .unsupportedFormat, "cut at \(cut)")
        }
    }

    @Test func corruptDeflateDataIsMalformed() throws {
        var bytes = try WorkbookFixture.bytes("handmade.xlsx")
        // Flip bytes in the middle of the file (inside some part's compressed data).
        for i in stride(from: bytes.count / 3, to: bytes.count / 3 + 40, by: 1) { bytes[i] ^= 0x5A }
        let rule = WorkbookFixture.refusal(bytes)
        #expect(rule == .malformed)
    }

    @Test func aZipBombIsStoppedNotExpanded() throws {
        let bytes = try WorkbookFixture.bytes("bomb-ratio.xlsx")
        #expect(bytes.count < 1 << 20)
        #expect(WorkbookFixture.refusal(bytes) == .tooLarge)
    }

    @Test func thePartsTogetherStayWithinTheFileLimit() throws {
        let bytes = try WorkbookFixture.bytes("openpyxl-banner.xlsx")
        #expect(WorkbookFixture.refusal(bytes, maxTotal: 1 << 20) == nil)
        #expect(WorkbookFixture.refusal(bytes, maxTotal: 2_000) == .tooLarge)
    }

    @Test func aSheetOf16384ColumnsReadsWithinBounds() throws {
        let rows = try WorkbookFixture.rows("wide.xlsx")
        #expect(rows.first?.cells.count == 16_384)
        #expect(rows.first?.cells.last?.column == 16_383)
    }

    @Test func aMissingSheetNamesTheSheets() throws {
        let workbook = try WorkbookFixture.open("openpyxl-banner.xlsx")
        #expect(throws: WorkbookError(.sheetMissing, "the workbook has no sheet named \"List 3\"; its sheets are: \"Lookups\" (hidden), \"Referrals\"")) {
            _ = try workbook.sheet(.name("List 3"))
        }
        #expect(throws: WorkbookError.self) { _ = try workbook.sheet(.index(3)) }
        _ = try WorkbookFixture.open("handmade.xlsx").sheet(.name("list 3"))
    }
}
