import Testing
@testable import ReferralCore

@Suite struct ExtractScannerTests {
    static let header = "partner_ref,referral_date,nhs_number,forename,surname,la_child_id\n"

    func only(_ text: String, profile: PartnerProfile = .standard) throws -> ScannedRow {
        let rows = try scanAll(text, profile: profile).rows
        try #require(rows.count == 1)
        return rows[0]
    }

    func malformedField(_ row: ScannedRow) -> String? {
        guard case .refused(let issues) = row.outcome, issues.count == 1, issues[0].rule == "row.malformed",
              issues[0].severity == .error else { return nil }
        return issues[0].field
    }

    // MARK: - row.malformed

    @Test func rightFieldCountIsAccepted() throws {
        let row = try only(Self.header + "R1,2024-05-01,9876543210,Jo,Smith,\n")
        #expect(row.outcome.issues == [])
        #expect(row.outcome.record?.forename == "Jo")
        #expect(row.row == 1)
        #expect(row.raw == [])
        #expect(row.partnerRef == "R1")
    }

    @Test(arguments: ["R1,2024-05-01,9876543210,Jo,Smith\n", "R1,2024-05-01,9876543210,Jo,Smith,,\n"])
    func wrongFieldCountIsMalformed(_ line: String) throws {
        let row = try only(Self.header + line)
        #expect(malformedField(row) == "row")
        #expect(row.raw == Array(line.dropLast().utf8))
        #expect(row.partnerRef == nil)
    }

    @Test func unterminatedQuoteIsMalformed() throws {
        let rows = try scanAll(Self.header + "R1,2024-05-01,9876543210,Jo,Smith,\n" + "R2,2024-05-01,9876543210,\"Jo,Smith,\nR3,2024-05-01,9876543210,Jo,Smith,\n").rows
        #expect(rows.count == 2)
        #expect(rows[0].outcome.issues == [])
        #expect(malformedField(rows[1]) == "row")
        #expect(rows[1].row == 2)
    }

    @Test func strayQuoteIsMalformed() throws {
        let row = try only(Self.header + "R1,2024-05-01,9876543210,Jo\"e,Smith,\n")
        #expect(malformedField(row) == "forename")
    }

    @Test func invalidUTF8IsMalformed() throws {
        var bytes = Array((Self.header + "R1,2024-05-01,9876543210,Zo").utf8)
        bytes += [0xFF]
        bytes += Array(",Smith,\n".utf8)
        let row = try #require(try scanAll(bytes).rows.first)
        #expect(malformedField(row) == "forename")
        #expect(row.raw == Array(bytes[Self.header.utf8.count...].dropLast()))
    }

    @Test func validUTF8IsDecoded() throws {
        let row = try only(Self.header + "R1,2024-05-01,9876543210,Zoë,Smith,\n")
        #expect(row.outcome.record?.forename == "Zo\u{EB}")
    }

    static let windows1252 = PartnerProfile(
        name: "schools", encoding: .windows1252, dateFormats: [DateFormat(pattern: "dd/MM/yyyy")!],
        nameOrder: .surnameFirst, columns: [.partnerRef: "Ref", .referralDate: "Date", .fullName: "Name", .laChildId: "ID"])

    @Test func windows1252NamesDecode() throws {
        var bytes = Array("Ref,Date,Name,ID\r\nS1,01/05/2024,\"Smith, Zo".utf8)
        bytes += [0xEB]
        bytes += Array("\",C1\r\nS2,01/05/2024,\"".utf8) + [0x8A] + Array("imek, Ana\",C2\r\n".utf8)
        let rows = try scanAll(bytes, profile: Self.windows1252).rows
        #expect(rows.count == 2)
        #expect(rows[0].outcome.issues == [])
        #expect(rows[0].outcome.record?.forename == "Zo\u{EB}")
        #expect(rows[0].outcome.record?.surname == "Smith")
        #expect(rows[1].outcome.record?.surname == "\u{160}imek")
    }

    @Test func bytesUndefinedInWindows1252AreMalformed() throws {
        var bytes = Array("Ref,Date,Name,ID\r\nS1,01/05/2024,Zo".utf8)
        bytes += [0x81]
        bytes += Array(" Smith,C1\r\n".utf8)
        let row = try #require(try scanAll(bytes, profile: Self.windows1252).rows.first)
        #expect(malformedField(row) == "full_name")
    }

    @Test func partnerRefOf64CharactersIsAcceptedAnd65IsMalformed() throws {
        let ok = try only(Self.header + String(repeating: "R", count: 64) + ",2024-05-01,9876543210,Jo,Smith,\n")
        #expect(ok.outcome.issues == [])
        #expect(ok.outcome.record?.partnerRef.count == 64)
        let long = try only(Self.header + String(repeating: "R", count: 65) + ",2024-05-01,9876543210,Jo,Smith,\n")
        #expect(malformedField(long) == "partner_ref")
    }

    @Test func limitCountsCharactersNotBytes() throws {
        let ok = try only(Self.header + String(repeating: "é", count: 64) + ",2024-05-01,9876543210,Jo,Smith,\n")
        #expect(ok.outcome.issues == [])
        let long = try only(Self.header + String(repeating: "é", count: 65) + ",2024-05-01,9876543210,Jo,Smith,\n")
        #expect(malformedField(long) == "partner_ref")
    }

    @Test func forenameOf100CharactersIsAcceptedAnd101IsMalformed() throws {
        let ok = try only(Self.header + "R1,2024-05-01,9876543210," + String(repeating: "a", count: 100) + ",Smith,\n")
        #expect(ok.outcome.record?.forename?.count == 100)
        let long = try only(Self.header + "R1,2024-05-01,9876543210," + String(repeating: "a", count: 101) + ",Smith,\n")
        #expect(malformedField(long) == "forename")
    }

    @Test func laChildIdOf20CharactersIsAcceptedAnd21IsMalformed() throws {
        let ok = try only(Self.header + "R1,2024-05-01,,Jo,Smith," + String(repeating: "7", count: 20) + "\n")
        #expect(ok.outcome.record?.childKey == "la:" + String(repeating: "7", count: 20))
        let long = try only(Self.header + "R1,2024-05-01,,Jo,Smith," + String(repeating: "7", count: 21) + "\n")
        #expect(malformedField(long) == "la_child_id")
    }

    @Test func reasonOf4000CharactersIsAcceptedAnd4001IsMalformed() throws {
        let head = "partner_ref,referral_date,nhs_number,reason\n"
        let ok = try only(head + "R1,2024-05-01,9876543210,\"" + String(repeating: "x", count: 3999) + ",\"\n")
        #expect(ok.outcome.record?.reason?.count == 4000)
        let long = try only(head + "R1,2024-05-01,9876543210," + String(repeating: "x", count: 4001) + "\n")
        #expect(malformedField(long) == "reason")
    }

    @Test func aMalformedRowDoesNotStopTheFile() throws {
        let rows = try scanAll(Self.header + "R1,2024-05-01\nR2,2024-05-01,9876543210,Jo,Smith,\n").rows
        #expect(rows.map(\.row) == [1, 2])
        #expect(malformedField(rows[0]) == "row")
        #expect(rows[1].outcome.record?.partnerRef == "R2")
    }

    @Test func refusedRowKeepsItsBytesAndReference() throws {
        let line = "R9,1999-12-31,9876543210,Jo,Smith,"
        let row = try only(Self.header + line + "\r\n")
        #expect(row.outcome.rules == ["referral_date.too_old"])
        #expect(row.raw == Array(line.utf8))
        #expect(row.partnerRef == "R9")
    }

    // MARK: - Standard header

    @Test func standardHeaderAnyCaseOrderAndUnknownColumns() throws {
        let text = " Surname ,REFERRAL_DATE,Worker,  Partner_Ref,Team,NHS_NUMBER\r\nSmith,2024-05-01,Ann,R1,East,987 654 3210\r\n"
        let (warnings, rows) = try scanAll(text)
        #expect(warnings.count == 1)
        #expect(warnings.first?.rule == "file.unknown_columns")
        #expect(warnings.first?.row == 0)
        #expect(rows.count == 1)
        #expect(rows[0].outcome.issues == [])
        let record = try #require(rows[0].outcome.record)
        #expect(record.partnerRef == "R1")
        #expect(record.surname == "Smith")
        #expect(record.nhsNumber == "9876543210")
    }

    @Test func standardFileWithoutPartnerRefDerivesStableKeys() throws {
        let text = "referral_date,nhs_number,surname,date_of_birth,referral_source\n"
            + "2024-05-01,9876543210,,,\n"          // 1
            + "2024-05-01,9876543210,,,\n"          // 2: same child, date, source → same key
            + "2024-05-01,4000000632,,,\n"          // 3: another child
            + "2024-05-02,9876543210,,,\n"          // 4: another date
            + "2024-05-01,9876543210,,,6\n"         // 5: another source
            + "2024-05-01,,Smith,2010-03-04,\n"     // 6: by name and birth
        let rows = try scanAll(text).rows
        let keys = rows.map { $0.outcome.record?.partnerRef }
        #expect(keys.allSatisfy { $0?.hasPrefix("~") == true })
        #expect(keys[0] == "~0d8306fac8522fbc")
        #expect(keys[0] == keys[1])
        #expect(Set([keys[0], keys[2], keys[3], keys[4], keys[5]]).count == 5)
        // The same file scanned again gives the same keys.
        #expect(try scanAll(text).rows.map { $0.outcome.record?.partnerRef } == keys)
    }

    @Test func standardFileWithPartnerRefColumnRefusesAnEmptyReference() throws {
        let rows = try scanAll(Self.header + ",2024-05-01,9876543210,Jo,Smith,\n  ,2024-05-01,9876543210,Jo,Smith,\n").rows
        #expect(rows.map(\.outcome.rules) == [["partner_ref.missing"], ["partner_ref.missing"]])
    }

    @Test func emptyCellsReadAsAbsent() throws {
        let row = try only("partner_ref,referral_date,nhs_number,sex,ethnicity,referral_source\nR1,2024-05-01,9876543210,, ,\n")
        #expect(row.outcome.issues == [])
        #expect(row.outcome.record?.sex == "U")
        #expect(row.outcome.record?.ethnicity == "NOBT")
        #expect(row.outcome.record?.referralSource == "10")
    }

    @Test func emptyReferralDateCellIsMissing() throws {
        #expect(try only(Self.header + "R1,,9876543210,Jo,Smith,\n").outcome.rules == ["referral_date.missing"])
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("partner_ref,referral_date,nhs_number\r\nR1,2024-05-01,9876543210\r\n".utf8)
        let (warnings, rows) = try scanAll(bytes)
        #expect(warnings == [])
        #expect(rows.count == 1)
        #expect(rows[0].outcome.record?.partnerRef == "R1")
        #expect(rows[0].outcome.issues == [])
    }

    // MARK: - File refusals

    @Test func emptyFileIsRefused() {
        #expect(headerRefusal([])?.rule == "file.empty")
        #expect(headerRefusal([0xEF, 0xBB, 0xBF])?.rule == "file.empty")
    }

    @Test func binaryHeaderIsNotText() {
        #expect(headerRefusal([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x0A, 0x00])?.rule == "file.not_text")
        #expect(headerRefusal(Array("referral_date,nhs\0number\n".utf8))?.rule == "file.not_text")
        #expect(headerRefusal([0x72, 0x65, 0xFF, 0xFE, 0x0A])?.rule == "file.not_text")
    }

    @Test func utf16FileIsNotText() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "referral_date,nhs_number\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(headerRefusal(bytes)?.rule == "file.not_text")
    }

    @Test func textHeaderIsTaken() {
        #expect(headerRefusal(Array("referral_date,nhs_number\n".utf8)) == nil)
    }

    @Test func standardHeaderWithoutReferralDateIsRefused() {
        #expect(headerRefusal(Array("partner_ref,nhs_number\nR1,9876543210\n".utf8))?.rule == "file.missing_columns")
    }

    static let police = PartnerProfile(
        name: "police", headerRow: 3,
        dateFormats: [DateFormat(pattern: "dd-MMM-yyyy")!, DateFormat(pattern: "dd/MM/yyyy")!],
        nameOrder: .surnameFirst,
        columns: [.partnerRef: "Occurrence Ref", .referralDate: "Date Reported", .fullName: "Child Name", .dateOfBirth: "Child DOB",
                  .referralSource: "Source"],
        values: [.referralSource: ["PPN": "6", "Police": "7"]],
        defaults: [.referralSource: "6"])

    @Test func profileMappingAColumnTheHeaderLacksIsRefused() {
        let text = "Banner\nExported 2024-06-15\nOccurrence Ref,Date Reported,Child Name,Source\nP1,03-May-2024,\"Smith, Jo\",PPN\n"
        let refusal = headerRefusal(Array(text.utf8), profile: Self.police)
        #expect(refusal?.rule == "file.missing_columns")
        #expect(refusal?.message.contains("Child DOB") == true)
    }

    @Test func fileEndingBeforeTheHeaderRowIsEmpty() {
        #expect(headerRefusal(Array("Banner\nExported\n".utf8), profile: Self.police)?.rule == "file.empty")
    }
}
