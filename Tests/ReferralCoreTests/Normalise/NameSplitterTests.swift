import Testing
@testable import ReferralCore

@Suite struct NameSplitterTests {
    func split(_ name: String, _ order: PartnerProfile.NameOrder) -> [String?] {
        let parts = NameSplitter.split(name, order: order)
        return [parts.forename, parts.surname]
    }

    @Test(arguments: PartnerProfile.NameOrder.allCases)
    func commaAlwaysMeansSurnameFirst(_ order: PartnerProfile.NameOrder) {
        #expect(split("Smith, Jo", order) == ["Jo", "Smith"])
        #expect(split("  de  la Cruz ,   Maria  Jose ", order) == ["Maria Jose", "de la Cruz"])
        #expect(split("Smith,Jo,Ann", order) == ["Jo Ann", "Smith"])
    }

    @Test func withoutCommaSurnameFirstTakesTheFirstWord() {
        #expect(split("Smith Jo Ann", .surnameFirst) == ["Jo Ann", "Smith"])
        #expect(split("SMITH\tjo", .surnameFirst) == ["jo", "SMITH"])
    }

    @Test func withoutCommaForenameFirstTakesTheLastWord() {
        #expect(split("Jo Ann Smith", .forenameFirst) == ["Jo Ann", "Smith"])
        #expect(split("  Jo   Smith  ", .forenameFirst) == ["Jo", "Smith"])
    }

    @Test(arguments: PartnerProfile.NameOrder.allCases)
    func oneWordIsASurname(_ order: PartnerProfile.NameOrder) {
        #expect(split("  Smith ", order) == [nil, "Smith"])
    }

    @Test(arguments: PartnerProfile.NameOrder.allCases)
    func emptyPartsAreNil(_ order: PartnerProfile.NameOrder) {
        #expect(split("", order) == [nil, nil])
        #expect(split("   ", order) == [nil, nil])
        #expect(split(", Jo", order) == ["Jo", nil])
        #expect(split("Smith ,", order) == [nil, "Smith"])
    }

    @Test func caseAndAccentsAreKept() {
        #expect(split("O'BRIEN, Zoë", .surnameFirst) == ["Zoë", "O'BRIEN"])
    }
}
