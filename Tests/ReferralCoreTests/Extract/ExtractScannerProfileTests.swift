import Testing
@testable import ReferralCore

extension ExtractScannerTests {
    // MARK: - Profiles

    static let policeFile = "Force PPN export,,,,\n"
        + "\"Run by: system, nightly\",,\n"
        + "Occurrence Ref,Date Reported,Child Name,Child DOB,Source\n"
        + "P1,03-May-2024,\"Smith, Jo\",04-Mar-2010,PPN\n"
        + "P2,04-may-2024,\"Brown,\nAnn\",01/02/2012,\n"
        + "P3,05-May-2024,Jones Tom,01-Jan-2011,police\n"
        + "P4,06-May-2024,Evans Sam,01-Jan-2011,unheard of\n"

    @Test func headerRowSkipsBannersAndRowsCountFromTheHeader() throws {
        let (warnings, rows) = try scanAll(Self.policeFile, profile: Self.police)
        #expect(warnings == [])
        // P2's name holds a line break: it is still one row, so P3 is row 3.
        #expect(rows.map(\.row) == [1, 2, 3, 4])
        #expect(rows.map(\.partnerRef) == ["P1", "P2", "P3", "P4"])
    }

    @Test func policeProfileValuesDefaultsAndDates() throws {
        let rows = try scanAll(Self.policeFile, profile: Self.police).rows
        let p1 = try #require(rows[0].outcome.record)
        #expect(p1.referralDate == civil("2024-05-03"))
        #expect(p1.surname == "Smith")
        #expect(p1.forename == "Jo")
        #expect(p1.dateOfBirth == civil("2010-03-04"))
        #expect(p1.referralSource == "6")
        let p2 = try #require(rows[1].outcome.record)
        #expect(p2.surname == "Brown")
        #expect(p2.forename == "Ann")
        #expect(p2.referralSource == "6")        // empty cell: the default, no warning
        #expect(rows[1].outcome.issues == [])
        // `police` is listed by the partner as 7: its meaning wins over the recogniser's 6.
        #expect(rows[2].outcome.record?.referralSource == "7")
        #expect(rows[2].outcome.issues == [])
        #expect(rows[2].outcome.record?.surname == "Jones")
        #expect(rows[3].outcome.rules == ["referral_source.invalid"])
        #expect(rows[3].outcome.record?.referralSource == "6")
        #expect(rows[3].outcome.issues.first?.row == 4)
    }

    @Test func defaultsFillAColumnTheProfileDoesNotMap() throws {
        var profile = Self.police
        profile.columns[.referralSource] = nil
        let text = "a\nb\nOccurrence Ref,Date Reported,Child Name,Child DOB\nP1,03-May-2024,\"Smith, Jo\",04-Mar-2010\n"
        let rows = try scanAll(text, profile: profile).rows
        #expect(rows.first?.outcome.record?.referralSource == "6")
        #expect(rows.first?.outcome.issues == [])
    }

    @Test func forenameFirstFullName() throws {
        var profile = Self.police
        profile.nameOrder = .forenameFirst
        profile.headerRow = 1
        let text = "Occurrence Ref,Date Reported,Child Name,Child DOB,Source\nP1,03-May-2024,Jo Ann  Smith,04-Mar-2010,PPN\n"
        let record = try #require(try scanAll(text, profile: profile).rows.first?.outcome.record)
        #expect(record.forename == "Jo Ann")
        #expect(record.surname == "Smith")
    }

    @Test func tabDelimitedProfile() throws {
        var profile = Self.police
        profile.delimiter = UInt8(ascii: "\t")
        profile.headerRow = 1
        let text = "Occurrence Ref\tDate Reported\tChild Name\tChild DOB\tSource\nP1\t03-May-2024\tSmith, Jo\t04-Mar-2010\tPPN\n"
        let record = try #require(try scanAll(text, profile: profile).rows.first?.outcome.record)
        #expect(record.surname == "Smith")
        #expect(record.partnerRef == "P1")
    }
}
