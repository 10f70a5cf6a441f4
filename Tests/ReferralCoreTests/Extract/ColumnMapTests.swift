import Testing
@testable import ReferralCore

@Suite struct ColumnMapTests {
    func fields(_ map: ColumnMap) -> [String] { map.columns.map { "\($0.field.rawValue)@\($0.index)" } }

    static let police = PartnerProfile(
        name: "police", dateFormats: [DateFormat(pattern: "dd-MMM-yyyy")!],
        columns: [.partnerRef: "Occurrence Ref", .referralDate: "Date Reported", .fullName: "Child Name", .dateOfBirth: "Child DOB"])

    // MARK: - Standard header

    @Test func standardHeaderIsCaseInsensitiveTrimmedAnyOrder() throws {
        let map = try ColumnMap.resolve(header: [" NHS_Number ", "Referral_DATE", "\tpartner_ref", "Surname  "], profile: .standard)
        #expect(fields(map) == ["nhs_number@0", "referral_date@1", "partner_ref@2", "surname@3"])
        #expect(map.fieldCount == 4)
        #expect(map.hasPartnerRef)
        #expect(map.warnings == [])
    }

    @Test func standardHeaderWithoutPartnerRefDerivesTheKey() throws {
        let map = try ColumnMap.resolve(header: ["referral_date", "nhs_number"], profile: .standard)
        #expect(!map.hasPartnerRef)
        #expect(fields(map) == ["referral_date@0", "nhs_number@1"])
    }

    @Test func unknownColumnsGiveOneFileLevelWarning() throws {
        let map = try ColumnMap.resolve(header: ["referral_date", "Case Worker", "nhs_number", "Team", "full_name"], profile: .standard)
        #expect(fields(map) == ["referral_date@0", "nhs_number@2"])
        #expect(map.fieldCount == 5)
        #expect(map.warnings.count == 1)
        let warning = try #require(map.warnings.first)
        #expect(warning.row == 0)
        #expect(warning.field == "file")
        #expect(warning.rule == "file.unknown_columns")
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("3 column(s)"))
    }

    @Test func aRepeatedStandardColumnMapsItsFirstOccurrence() throws {
        let map = try ColumnMap.resolve(header: ["referral_date", "surname", "SURNAME"], profile: .standard)
        #expect(fields(map) == ["referral_date@0", "surname@1"])
        #expect(map.warnings.map(\.rule) == ["file.unknown_columns"])
    }

    @Test func emptyHeaderCellsAreNotUnknownColumns() throws {
        let map = try ColumnMap.resolve(header: ["referral_date", "", "  "], profile: .standard)
        #expect(map.warnings == [])
        #expect(map.fieldCount == 3)
    }

    @Test func standardHeaderWithoutReferralDateIsRefused() {
        #expect(throws: FileRefusal.self) {
            try ColumnMap.resolve(header: ["partner_ref", "nhs_number"], profile: .standard)
        }
        do {
            _ = try ColumnMap.resolve(header: ["partner_ref", "nhs_number"], profile: .standard)
        } catch {
            #expect(error.rule == "file.missing_columns")
        }
    }

    // MARK: - Profile header

    @Test func profileColumnsResolveCaseInsensitively() throws {
        let map = try ColumnMap.resolve(
            header: ["Force", "child dob", "OCCURRENCE REF", "Child  Name", "Date Reported", "Officer"], profile: Self.police)
        #expect(fields(map) == ["date_of_birth@1", "partner_ref@2", "full_name@3", "referral_date@4"])
        #expect(map.hasPartnerRef)
        #expect(map.fieldCount == 6)
        // Unmapped columns are the partner's business: no warning.
        #expect(map.warnings == [])
    }

    @Test func profileMappingAColumnTheHeaderLacksIsRefused() {
        do {
            _ = try ColumnMap.resolve(header: ["Occurrence Ref", "Date Reported", "Child Name"], profile: Self.police)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.rule == "file.missing_columns")
            #expect(error.message.contains("Child DOB"))
            #expect(!error.message.contains("Child Name"))
        }
    }

    @Test func profileWithoutReferenceColumnDerivesTheKey() throws {
        let profile = PartnerProfile(name: "annexa", dateFormats: [DateFormat(pattern: "dd/MM/yyyy")!],
                                     columns: [.referralDate: "Referral Date", .laChildId: "Child ID"])
        let map = try ColumnMap.resolve(header: ["Child ID", "Referral Date"], profile: profile)
        #expect(!map.hasPartnerRef)
        #expect(fields(map) == ["la_child_id@0", "referral_date@1"])
    }
}
