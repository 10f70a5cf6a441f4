import Testing
@testable import ReferralCore

@Suite struct ExtractSnifferTests {
    @Test func encodingByByteOrderMarkThenUTF8ThenWindows1252() {
        #expect(ExtractSniffer([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)).encoding == .utf8)
        #expect(ExtractSniffer([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)).byteOrderMark)
        #expect(ExtractSniffer(Array("Seán,b\n".utf8)).encoding == .utf8)
        #expect(ExtractSniffer(Array("Se".utf8) + [0xE1] + Array("n,b\n".utf8)).encoding == .windows1252)
    }

    @Test func workbooksBySignature() {
        #expect(ExtractSniffer([0x50, 0x4B, 0x03, 0x04, 0, 0]).format == .xlsx)
        #expect(ExtractSniffer([0xD0, 0xCF, 0x11, 0xE0, 0xA1]).format == .xlsx)
        #expect(ExtractSniffer(Array("a,b\n".utf8)).format == .csv)
    }

    @Test func theDelimiterGivingMostLinesOfOneFieldCountWins() {
        // Banner lines (one field) never win; commas inside a field do not fool it.
        let semicolons = "Export, generated 2024-01-01, by system\nRef;Date;Name\n1;02/01/2024;Smith, Jo\n2;03/01/2024;Jones, Al\n"
        #expect(ExtractSniffer(Array(semicolons.utf8)).delimiter == UInt8(ascii: ";"))
        let tabs = "Ref\tDate\tSex\n1\t02/01/2024\tM\n2\t03/01/2024\tF\n"
        #expect(ExtractSniffer(Array(tabs.utf8)).delimiter == 0x09)
        let pipes = "Ref|Date|Sex\n1|02/01/2024|M\n"
        #expect(ExtractSniffer(Array(pipes.utf8)).delimiter == UInt8(ascii: "|"))
        let commas = "Ref,Date,Reason\n1,02/01/2024,\"a; b; c\"\n2,03/01/2024,x\n"
        #expect(ExtractSniffer(Array(commas.utf8)).delimiter == UInt8(ascii: ","))
    }

    @Test func rowsAreDecodedCellTexts() {
        let bytes = Array("Ref;Name\n1;".utf8) + [0xC9] + Array("amon\n".utf8)
        let sniffer = ExtractSniffer(bytes)
        #expect(sniffer.rows(bytes) == [["Ref", "Name"], ["1", "Éamon"]])
    }
}
