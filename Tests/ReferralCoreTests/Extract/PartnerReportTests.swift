import Testing
@testable import ReferralCore

@Suite struct PartnerReportTests {
    @Test func headerNamesTheSixColumns() {
        #expect(PartnerReport.header == "row,partner_ref,field,rule,severity,message\r\n")
    }

    @Test func lineHoldsExactlyTheSixCells() {
        let issue = RowIssue(row: 12, field: "nhs_number", rule: "nhs_number.invalid", severity: .warning,
                             message: "the NHS number has a bad format or check digit")
        #expect(PartnerReport.line(issue, partnerRef: "R-1")
            == "12,R-1,nhs_number,nhs_number.invalid,warning,the NHS number has a bad format or check digit\r\n")
    }

    @Test func missingReferenceIsAnEmptyCell() {
        let issue = RowIssue(row: 3, field: "row", rule: "row.malformed", severity: .error, message: "bad")
        #expect(PartnerReport.line(issue, partnerRef: nil) == "3,,row,row.malformed,error,bad\r\n")
    }

    @Test(arguments: [
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+441234", "'+441234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\"'\r=1\""),
    ])
    func formulaCellsGetALeadingQuote(_ value: String, _ expected: String) {
        #expect(PartnerReport.cell(value) == expected)
    }

    @Test(arguments: [
        ("PPN/2013/1", "PPN/2013/1"),
        ("a=b", "a=b"),
        ("R 1-2", "R 1-2"),
        ("", ""),
        ("'quoted", "'quoted"),
    ])
    func ordinaryCellsAreUnchanged(_ value: String, _ expected: String) {
        #expect(PartnerReport.cell(value) == expected)
    }

    @Test(arguments: [
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rlf", "\"cr\rlf\""),
        ("\"", "\"\"\"\""),
    ])
    func specialCharactersAreQuoted(_ value: String, _ expected: String) {
        #expect(PartnerReport.cell(value) == expected)
    }

    @Test func hostileReferenceInALine() {
        let issue = RowIssue(row: 1, field: "referral_date", rule: "referral_date.future", severity: .error, message: "after, arrival")
        #expect(PartnerReport.line(issue, partnerRef: "=cmd|' /C calc'!A0,x")
            == "1,\"'=cmd|' /C calc'!A0,x\",referral_date,referral_date.future,error,\"after, arrival\"\r\n")
    }

    @Test func lineParsesBackToSixFields() throws {
        let issue = RowIssue(row: 40, field: "sex", rule: "sex.invalid", severity: .warning, message: "odd, \"value\"\nhere")
        let line = PartnerReport.line(issue, partnerRef: "-R,\"1\"")
        let records = try readAll(line)
        #expect(records.count == 1)
        #expect(fieldStrings(records) == [["40", "'-R,\"1\"", "sex", "sex.invalid", "warning", "odd, \"value\"\nhere"]])
        #expect(records.first?.malformation == nil)
    }
}
