import Testing
@testable import ReferralCore

/// extract.md's validation table, rule by rule, on both sides of each boundary.
@Suite struct RowValidatorTests {
    /// A clean row: a reference, a referral date and a valid NHS number.
    static let base: [StandardField: String] = [.partnerRef: "R1", .referralDate: "2024-05-01", .nhsNumber: "9876543210"]

    func validate(
        _ changes: [StandardField: String?] = [:], base: [StandardField: String] = Self.base,
        profile: PartnerProfile = .standard, arrival: CivilDate = testArrival, hasPartnerRef: Bool = true
    ) -> RowOutcome {
        var values = base
        for (field, value) in changes { values[field] = value }
        var validator = RowValidator(profile: profile, arrivalDate: arrival, hasPartnerRef: hasPartnerRef)
        return validator.validate(rawRow(values), row: 7)
    }

    func warning(_ field: String, _ rule: String, _ outcome: RowOutcome) -> RowIssue? {
        outcome.issues.first { $0.rule == rule && $0.field == field && $0.severity == .warning && $0.row == 7 }
    }

    // MARK: - A clean row

    @Test func cleanRowIsAcceptedWithoutWarnings() {
        let outcome = validate()
        #expect(outcome.issues == [])
        let record = outcome.record
        #expect(record?.partnerRef == "R1")
        #expect(record?.referralDate == civil("2024-05-01"))
        #expect(record?.nhsNumber == "9876543210")
        #expect(record?.childKey == "nhs:9876543210")
        #expect(record?.sex == "U")
        #expect(record?.ethnicity == "NOBT")
        #expect(record?.referralSource == "10")
        #expect(record?.primaryNeed == nil)
    }

    // MARK: - partner_ref.missing

    @Test func partnerRefMissingWhenTheReferenceColumnIsEmpty() {
        let outcome = validate([.partnerRef: nil])
        #expect(outcome.issues == [RowIssue(row: 7, field: "partner_ref", rule: "partner_ref.missing", severity: .error,
                                            message: "the reference column is empty")])
        #expect(outcome.isRefused)
    }

    @Test func partnerRefOfOnlyWhitespaceIsMissing() {
        #expect(validate([.partnerRef: " \t "]).rules == ["partner_ref.missing"])
    }

    @Test func partnerRefPresentIsKeptTrimmedAndCollapsed() {
        #expect(validate([.partnerRef: "  PPN  2013 /  0042 "]).record?.partnerRef == "PPN 2013 / 0042")
    }

    @Test func withoutReferenceColumnTheKeyIsDerived() {
        let outcome = validate([.partnerRef: nil], hasPartnerRef: false)
        #expect(outcome.issues == [])
        // `~` + the first 8 bytes of SHA-256("nhs:9876543210|2024-05-01|10") in hex.
        #expect(outcome.record?.partnerRef == "~0d8306fac8522fbc")
    }

    @Test func derivedKeyChangesWithChildDateAndSource() {
        func key(_ changes: [StandardField: String?]) -> String? {
            var all = changes
            all[.partnerRef] = .some(nil)
            return validate(all, hasPartnerRef: false).record?.partnerRef
        }
        let original = key([:])
        #expect(original == key([:]))
        #expect(original != nil)
        let keys = [
            original,
            key([.nhsNumber: "4000000632"]),
            key([.referralDate: "2024-05-02"]),
            key([.referralSource: "6"]),
        ]
        #expect(Set(keys.compactMap { $0 }).count == 4)
        #expect(keys.allSatisfy { $0?.hasPrefix("~") == true && $0?.count == 17 })
    }

    // MARK: - referral_date

    @Test func referralDateMissing() {
        let outcome = validate([.referralDate: nil])
        #expect(outcome.issues.map(\.rule) == ["referral_date.missing"])
        #expect(outcome.issues.first?.severity == .error)
        #expect(outcome.issues.first?.field == "referral_date")
        #expect(outcome.isRefused)
    }

    @Test(arguments: ["31/02/2013", "2013-02-31", "29/02/2013", "2013-13-01", "yesterday", "01.05.2024"])
    func referralDateInvalid(_ text: String) {
        let outcome = validate([.referralDate: text])
        #expect(outcome.rules == ["referral_date.invalid"])
        #expect(outcome.isRefused)
    }

    @Test(arguments: [("28/02/2013", "2013-02-28"), ("2013-02-28", "2013-02-28"), ("29/02/2012", "2012-02-29")])
    func referralDateValidInEitherStandardFormat(_ text: String, _ expected: String) {
        let outcome = validate([.referralDate: text])
        #expect(outcome.issues == [])
        #expect(outcome.record?.referralDate == civil(expected))
    }

    @Test func referralDateOnTheArrivalDayIsAccepted() {
        let outcome = validate([.referralDate: "2024-06-15"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.referralDate == testArrival)
    }

    @Test func referralDateTheDayAfterArrivalIsFuture() {
        let outcome = validate([.referralDate: "2024-06-16"])
        #expect(outcome.rules == ["referral_date.future"])
        #expect(outcome.isRefused)
        #expect(validate([.referralDate: "16/06/2024"]).rules == ["referral_date.future"])
    }

    @Test func referralDateBefore2000IsTooOld() {
        let outcome = validate([.referralDate: "1999-12-31"])
        #expect(outcome.rules == ["referral_date.too_old"])
        #expect(outcome.isRefused)
    }

    @Test func referralDateOnFirstJanuary2000IsAccepted() {
        let outcome = validate([.referralDate: "2000-01-01"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.referralDate == civil("2000-01-01"))
    }

    // MARK: - child.unidentifiable

    static let noChild: [StandardField: String] = [.partnerRef: "R1", .referralDate: "2024-05-01"]

    @Test(arguments: [
        ([StandardField.nhsNumber: "9876543210"], "nhs:9876543210"),
        ([.upn: "B801200005001"], "upn:B801200005001"),
        ([.upn: "b801200005001"], "upn:B801200005001"),
        ([.laChildId: "LA-000123"], "la:LA-000123"),
        ([.surname: "Smith", .dateOfBirth: "2010-03-04"], "h:f801478216765d49d75b6abd"),
        ([.surname: " SMITH ", .expectedDateOfBirth: "04/03/2010"], "h:f801478216765d49d75b6abd"),
    ])
    func eachIdentifierSuffices(_ fields: [StandardField: String], _ childKey: String) {
        let outcome = validate(fields, base: Self.noChild)
        #expect(outcome.issues == [])
        #expect(outcome.record?.childKey == childKey)
    }

    @Test func noIdentifierAtAllIsUnidentifiable() {
        let outcome = validate(base: Self.noChild)
        #expect(outcome.issues.map(\.rule) == ["child.unidentifiable"])
        #expect(outcome.issues.first?.severity == .error)
        #expect(outcome.issues.first?.field == "child")
        #expect(outcome.isRefused)
    }

    @Test func invalidNHSNumberAloneIsUnidentifiable() {
        let outcome = validate([.nhsNumber: "1234567890"], base: Self.noChild)
        #expect(outcome.rules == ["nhs_number.invalid", "child.unidentifiable"])
        #expect(outcome.isRefused)
    }

    @Test func invalidUPNAloneIsUnidentifiable() {
        #expect(validate([.upn: "A801200005001"], base: Self.noChild).rules == ["upn.invalid", "child.unidentifiable"])
    }

    @Test func surnameAloneIsUnidentifiable() {
        #expect(validate([.surname: "Smith", .forename: "Jo"], base: Self.noChild).rules == ["child.unidentifiable"])
    }

    @Test func dateOfBirthWithoutSurnameIsUnidentifiable() {
        #expect(validate([.forename: "Jo", .dateOfBirth: "2010-03-04"], base: Self.noChild).rules == ["child.unidentifiable"])
    }

    @Test func surnameWithAnInvalidDateOfBirthIsUnidentifiable() {
        let outcome = validate([.surname: "Smith", .dateOfBirth: "2010-02-30"], base: Self.noChild)
        #expect(outcome.rules == ["date_of_birth.invalid", "child.unidentifiable"])
    }

    @Test func identifierPrecedenceIsNHSThenUPNThenLAThenName() {
        let all: [StandardField: String?] = [
            .nhsNumber: "4000000632", .upn: "B801200005001", .laChildId: "X1", .surname: "Smith", .dateOfBirth: "2010-03-04",
        ]
        #expect(validate(all, base: Self.noChild).record?.childKey == "nhs:4000000632")
        var noNHS = all
        noNHS[.nhsNumber] = .some(nil)
        #expect(validate(noNHS, base: Self.noChild).record?.childKey == "upn:B801200005001")
        noNHS[.upn] = .some(nil)
        #expect(validate(noNHS, base: Self.noChild).record?.childKey == "la:X1")
    }

    @Test func severalErrorsAreAllReported() {
        let outcome = validate([.partnerRef: nil, .referralDate: nil, .nhsNumber: nil])
        #expect(outcome.rules == ["partner_ref.missing", "referral_date.missing", "child.unidentifiable"])
        #expect(outcome.issues.allSatisfy { $0.severity == .error && $0.row == 7 })
    }

    // MARK: - Birth dates

    @Test func dateOfBirthInvalidWarnsAndIsStoredEmpty() {
        let outcome = validate([.dateOfBirth: "31/02/2013"])
        #expect(outcome.rules == ["date_of_birth.invalid"])
        #expect(warning("date_of_birth", "date_of_birth.invalid", outcome) != nil)
        #expect(outcome.record != nil)
        #expect(outcome.record?.dateOfBirth == nil)
    }

    @Test func dateOfBirthValidIsStored() {
        let outcome = validate([.dateOfBirth: "28/02/2013"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.dateOfBirth == civil("2013-02-28"))
    }

    @Test func expectedDateOfBirthInvalidWarnsAndIsStoredEmpty() {
        let outcome = validate([.expectedDateOfBirth: "2024-09-31"])
        #expect(outcome.rules == ["expected_date_of_birth.invalid"])
        #expect(warning("expected_date_of_birth", "expected_date_of_birth.invalid", outcome) != nil)
        #expect(outcome.record?.expectedDateOfBirth == nil)
    }

    @Test func expectedDateOfBirthValidIsStored() {
        let outcome = validate([.expectedDateOfBirth: "2024-09-30"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.expectedDateOfBirth == civil("2024-09-30"))
    }

    @Test func dateOfBirth280DaysAfterReferralBecomesExpected() {
        let referral = civil("2024-01-10")
        let dob = referral.adding(days: 280)
        let outcome = validate([.referralDate: "2024-01-10", .dateOfBirth: dob.description])
        #expect(outcome.rules == ["date_of_birth.after_referral"])
        #expect(warning("date_of_birth", "date_of_birth.after_referral", outcome) != nil)
        #expect(outcome.record?.dateOfBirth == nil)
        #expect(outcome.record?.expectedDateOfBirth == dob)
    }

    @Test func dateOfBirth281DaysAfterReferralIsCleared() {
        let dob = civil("2024-01-10").adding(days: 281)
        let outcome = validate([.referralDate: "2024-01-10", .dateOfBirth: dob.description])
        #expect(outcome.rules == ["date_of_birth.after_referral"])
        #expect(outcome.record?.dateOfBirth == nil)
        #expect(outcome.record?.expectedDateOfBirth == nil)
    }

    @Test func dateOfBirthTheDayAfterReferralIsExpected() {
        let outcome = validate([.referralDate: "2024-01-10", .dateOfBirth: "2024-01-11"])
        #expect(outcome.rules == ["date_of_birth.after_referral"])
        #expect(outcome.record?.expectedDateOfBirth == civil("2024-01-11"))
    }

    @Test func dateOfBirthOnTheReferralDayIsKept() {
        let outcome = validate([.referralDate: "2024-01-10", .dateOfBirth: "2024-01-10"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.dateOfBirth == civil("2024-01-10"))
    }

    @Test func dateOfBirthMovedToExpectedStillIdentifiesByName() {
        let dob = civil("2024-01-10").adding(days: 280)
        let moved = validate([.referralDate: "2024-01-10", .surname: "Smith", .dateOfBirth: dob.description], base: Self.noChild)
        #expect(moved.record?.expectedDateOfBirth == dob)
        #expect(moved.record?.childKey.hasPrefix("h:") == true)
        let cleared = validate(
            [.referralDate: "2024-01-10", .surname: "Smith", .dateOfBirth: dob.adding(days: 1).description], base: Self.noChild)
        #expect(cleared.rules == ["date_of_birth.after_referral", "child.unidentifiable"])
    }

    @Test func dateOfBirthAfterReferralKeepsAGivenExpectedDate() {
        let outcome = validate([.referralDate: "2024-01-10", .dateOfBirth: "2024-02-01", .expectedDateOfBirth: "2024-03-01"])
        #expect(outcome.rules == ["date_of_birth.after_referral"])
        #expect(outcome.record?.expectedDateOfBirth == civil("2024-03-01"))
    }

    @Test func seventeenYears364DaysIsNotAdult() {
        let outcome = validate([.referralDate: "2024-05-01", .dateOfBirth: "2006-05-02"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.dateOfBirth == civil("2006-05-02"))
    }

    @Test func eighteenthBirthdayIsAdult() {
        let outcome = validate([.referralDate: "2024-05-01", .dateOfBirth: "2006-05-01"])
        #expect(outcome.rules == ["date_of_birth.adult"])
        #expect(warning("date_of_birth", "date_of_birth.adult", outcome) != nil)
        // A warning only: the row and its date of birth are kept.
        #expect(outcome.record?.dateOfBirth == civil("2006-05-01"))
    }

    @Test func olderThanEighteenIsAdult() {
        #expect(validate([.referralDate: "2024-05-01", .dateOfBirth: "1990-01-01"]).rules == ["date_of_birth.adult"])
    }

    // MARK: - Identifiers and postcode: warning, stored empty, row accepted

    @Test(arguments: [
        (StandardField.nhsNumber, "1234567890", "nhs_number.invalid"),
        (.nhsNumber, "98765", "nhs_number.invalid"),
        (.upn, "A801200005001", "upn.invalid"),
        (.upn, "B80120000500", "upn.invalid"),
        (.postcode, "SW1A 1AAA", "postcode.invalid"),
        (.postcode, "not known", "postcode.invalid"),
    ])
    func badSecondaryFieldWarnsAndIsStoredEmpty(_ field: StandardField, _ value: String, _ rule: String) throws {
        var changes: [StandardField: String?] = [.laChildId: "LA1", .nhsNumber: nil]
        changes[field] = .some(value)
        let outcome = validate(changes)
        #expect(outcome.rules == [rule])
        #expect(warning(field.rawValue, rule, outcome) != nil)
        let record = try #require(outcome.record)
        switch field {
        case .nhsNumber: #expect(record.nhsNumber == nil)
        case .upn: #expect(record.upn == nil)
        default: #expect(record.postcode == nil)
        }
        #expect(record.childKey == "la:LA1")
    }

    @Test func nhsNumberWithSpacesIsStoredAsTenDigits() {
        let outcome = validate([.nhsNumber: " 987 654 3210 "])
        #expect(outcome.issues == [])
        #expect(outcome.record?.nhsNumber == "9876543210")
        #expect(validate([.nhsNumber: "400-000-0632"]).record?.nhsNumber == "4000000632")
    }

    @Test func upnIsStoredUpperCase() {
        #expect(validate([.upn: " a950000178301 "]).record?.upn == "A950000178301")
    }

    @Test(arguments: [("sw1a1aa", "SW1A 1AA"), ("  M1   1AE ", "M1 1AE"), ("zz99 3vz", "ZZ99 3VZ"), ("CR2 6XH", "CR2 6XH")])
    func postcodeIsNormalised(_ text: String, _ expected: String) {
        let outcome = validate([.postcode: text])
        #expect(outcome.issues == [])
        #expect(outcome.record?.postcode == expected)
    }

    // MARK: - Codes

    @Test func sexUnrecognisedBecomesUWithWarning() {
        let outcome = validate([.sex: "X"])
        #expect(outcome.rules == ["sex.invalid"])
        #expect(warning("sex", "sex.invalid", outcome) != nil)
        #expect(outcome.record?.sex == "U")
    }

    @Test(arguments: [("F", "F"), ("b) Female", "F"), ("1", "M"), ("Male", "M"), ("Not stated", "U")])
    func sexRecognised(_ text: String, _ code: String) {
        let outcome = validate([.sex: text])
        #expect(outcome.issues == [])
        #expect(outcome.record?.sex == code)
    }

    @Test func ethnicityUnrecognisedBecomesNOBTWithWarning() {
        let outcome = validate([.ethnicity: "ZZZZ"])
        #expect(outcome.rules == ["ethnicity.invalid"])
        #expect(warning("ethnicity", "ethnicity.invalid", outcome) != nil)
        #expect(outcome.record?.ethnicity == "NOBT")
    }

    @Test func ethnicityRecognised() {
        #expect(validate([.ethnicity: "a) WBRI"]).record?.ethnicity == "WBRI")
        #expect(validate([.ethnicity: "BAFR - Black African"]).issues == [])
    }

    @Test func referralSourceUnrecognisedBecomes10WithoutProfileDefault() {
        let outcome = validate([.referralSource: "carrier pigeon"])
        #expect(outcome.rules == ["referral_source.invalid"])
        #expect(warning("referral_source", "referral_source.invalid", outcome) != nil)
        #expect(outcome.record?.referralSource == "10")
    }

    @Test func referralSourceUnrecognisedBecomesTheProfileDefault() {
        var profile = PartnerProfile.standard
        profile.defaults = [.referralSource: "6"]
        let outcome = validate([.referralSource: "carrier pigeon"], profile: profile)
        #expect(outcome.rules == ["referral_source.invalid"])
        #expect(outcome.record?.referralSource == "6")
    }

    @Test func referralSourceRecognised() {
        let outcome = validate([.referralSource: "q) 6: Police"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.referralSource == "6")
    }

    @Test func primaryNeedUnrecognisedIsStoredEmptyWithWarning() {
        let outcome = validate([.primaryNeed: "N12"])
        #expect(outcome.rules == ["primary_need.invalid"])
        #expect(warning("primary_need", "primary_need.invalid", outcome) != nil)
        #expect(outcome.record?.primaryNeed == nil)
        #expect(outcome.record != nil)
    }

    @Test func primaryNeedRecognised() {
        let outcome = validate([.primaryNeed: "N4"])
        #expect(outcome.issues == [])
        #expect(outcome.record?.primaryNeed == "N4")
    }

    @Test func emptyCodesTakeDefaultsWithoutWarnings() {
        // Absent (nil, as the scanner passes an empty cell) and whitespace-only values alike.
        for value: String? in [nil, "   "] {
            let outcome = validate([.sex: value, .ethnicity: value, .referralSource: value, .primaryNeed: value])
            #expect(outcome.issues == [])
            #expect(outcome.record?.sex == "U")
            #expect(outcome.record?.ethnicity == "NOBT")
            #expect(outcome.record?.referralSource == "10")
            #expect(outcome.record?.primaryNeed == nil)
        }
    }

    @Test func emptyReferralSourceTakesTheProfileDefaultWithoutWarning() {
        var profile = PartnerProfile.standard
        profile.defaults = [.referralSource: "6"]
        let outcome = validate([.referralSource: nil], profile: profile)
        #expect(outcome.issues == [])
        #expect(outcome.record?.referralSource == "6")
    }

    // MARK: - Profile values and defaults

    @Test func profileValuesWinOverTheRecogniser() {
        // The recogniser reads `1` as male; this partner means female.
        let profile = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats,
                                     values: [.sex: ["1": "F"], .referralSource: ["PPN": "6", "Police": "7"]])
        #expect(validate([.sex: "1"], profile: profile).record?.sex == "F")
        #expect(validate([.sex: "1"]).record?.sex == "M")
        #expect(validate([.referralSource: "Police"], profile: profile).record?.referralSource == "7")
        #expect(validate([.referralSource: "Police"]).record?.referralSource == "6")
    }

    @Test func profileValuesAreCaseInsensitive() {
        let profile = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats,
                                     values: [.referralSource: ["PPN": "6", "Other Agency": "7"]])
        for text in ["PPN", "ppn", "Ppn", " ppn "] {
            let outcome = validate([.referralSource: text], profile: profile)
            #expect(outcome.issues == [], "\(text)")
            #expect(outcome.record?.referralSource == "6", "\(text)")
        }
        #expect(validate([.referralSource: "OTHER AGENCY"], profile: profile).record?.referralSource == "7")
        // Not listed: the recogniser still applies, and an unknown value still warns.
        #expect(validate([.referralSource: "GP"], profile: profile).record?.referralSource == "3A")
        #expect(validate([.referralSource: "PPNX"], profile: profile).rules == ["referral_source.invalid"])
    }

    @Test func profileDefaultsFillAMissingValueButNotAPresentOne() {
        var profile = PartnerProfile.standard
        profile.defaults = [.sex: "F", .ethnicity: "WBRI", .primaryNeed: "N1"]
        let defaulted = validate(profile: profile)
        #expect(defaulted.issues == [])
        #expect(defaulted.record?.sex == "F")
        #expect(defaulted.record?.ethnicity == "WBRI")
        #expect(defaulted.record?.primaryNeed == "N1")
        let sent = validate([.sex: "M", .ethnicity: "BAFR", .primaryNeed: "N4"], profile: profile)
        #expect(sent.record?.sex == "M")
        #expect(sent.record?.ethnicity == "BAFR")
        #expect(sent.record?.primaryNeed == "N4")
    }

    @Test func profileDefaultReferralDateFillsAMissingOne() {
        var profile = PartnerProfile.standard
        profile.defaults = [.referralDate: "2024-01-02"]
        #expect(validate([.referralDate: nil], profile: profile).record?.referralDate == civil("2024-01-02"))
    }

    // MARK: - Names and free text

    @Test func namesTrimmedAndCollapsedCaseKept() {
        let outcome = validate([.forename: "  Jo \t  Ann ", .surname: "mcDONALD  smith"])
        #expect(outcome.record?.forename == "Jo Ann")
        #expect(outcome.record?.surname == "mcDONALD smith")
    }

    @Test func fullNameSplitsByProfileOrder() {
        let surnameFirst = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats, nameOrder: .surnameFirst)
        let forenameFirst = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats, nameOrder: .forenameFirst)
        let a = validate([.fullName: "Smith  Jo Ann"], profile: surnameFirst).record
        #expect(a?.surname == "Smith")
        #expect(a?.forename == "Jo Ann")
        let b = validate([.fullName: "Jo Ann  Smith"], profile: forenameFirst).record
        #expect(b?.surname == "Smith")
        #expect(b?.forename == "Jo Ann")
        let c = validate([.fullName: "Smith, Jo"], profile: forenameFirst).record
        #expect(c?.surname == "Smith")
        #expect(c?.forename == "Jo")
    }

    @Test func fullNameSurnameIdentifiesWithDateOfBirth() {
        let profile = PartnerProfile(name: "p", dateFormats: PartnerProfile.standard.dateFormats, nameOrder: .surnameFirst)
        let outcome = validate([.fullName: "SMITH, Jo", .dateOfBirth: "2010-03-04"], base: Self.noChild, profile: profile)
        #expect(outcome.record?.childKey == "h:f801478216765d49d75b6abd")
    }

    @Test func blankReasonIsStoredEmpty() {
        #expect(validate([.reason: " \r\n "]).record?.reason == nil)
        #expect(validate([.reason: "Concern, raised\nby school"]).record?.reason == "Concern, raised\nby school")
    }
}

@Suite("Row validator: the code cache")
struct RowValidatorCodeCacheTests {
    @Test func cachedCodesGiveTheSameAnswersAndWarningsEveryTime() {
        var validator = RowValidator(profile: .standard, arrivalDate: CivilDate(year: 2013, month: 6, day: 1)!, hasPartnerRef: true)
        var row = RawRow()
        row[.partnerRef] = "R1"
        row[.referralDate] = "2013-05-01"
        row[.laChildId] = "LA1"
        for _ in 0..<3 {
            row[.sex] = "Female"
            row[.ethnicity] = "nonsense"
            guard case .accepted(let record, let warnings) = validator.validate(row, row: 1) else {
                Issue.record("refused")
                return
            }
            #expect(record.sex == "F")
            #expect(record.ethnicity == "NOBT")
            #expect(warnings.map(\.rule) == ["ethnicity.invalid"])
        }
    }
}
