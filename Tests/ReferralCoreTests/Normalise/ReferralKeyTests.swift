import Testing
@testable import ReferralCore

@Suite struct ReferralKeyTests {
    static let day = civil("2024-05-01")

    @Test func derivedPartnerRefIsPinned() {
        // `~` + the first 8 bytes of SHA-256("nhs:9876543210|2024-05-01|10"), lower-case hex.
        #expect(ReferralKey.derivedPartnerRef(childKey: "nhs:9876543210", referralDate: Self.day, referralSource: "10")
            == "~0d8306fac8522fbc")
    }

    @Test func derivedPartnerRefIsStableAndDiscriminating() {
        let key = ReferralKey.derivedPartnerRef(childKey: "nhs:9876543210", referralDate: Self.day, referralSource: "6")
        #expect(key == ReferralKey.derivedPartnerRef(childKey: "nhs:9876543210", referralDate: civil("2024-05-01"), referralSource: "6"))
        let others = [
            ReferralKey.derivedPartnerRef(childKey: "nhs:4000000632", referralDate: Self.day, referralSource: "6"),
            ReferralKey.derivedPartnerRef(childKey: "nhs:9876543210", referralDate: Self.day.adding(days: 1), referralSource: "6"),
            ReferralKey.derivedPartnerRef(childKey: "nhs:9876543210", referralDate: Self.day, referralSource: "3A"),
            ReferralKey.derivedPartnerRef(childKey: "upn:9876543210", referralDate: Self.day, referralSource: "6"),
        ]
        #expect(Set(others + [key]).count == 5)
        for k in others + [key] {
            #expect(k.count == 17)
            #expect(k.first == "~")
            #expect(k.dropFirst().allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func childKeyPrecedence() {
        let birth = civil("2010-03-04")
        #expect(ReferralKey.childKey(nhsNumber: "9876543210", upn: "B801200005001", laChildId: "L1", surname: "Smith", birth: birth)
            == "nhs:9876543210")
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: "B801200005001", laChildId: "L1", surname: "Smith", birth: birth)
            == "upn:B801200005001")
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: "L1", surname: "Smith", birth: birth) == "la:L1")
        // SHA-256("smith|2010-03-04"), first 12 bytes.
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "Smith", birth: birth)
            == "h:f801478216765d49d75b6abd")
    }

    @Test func childKeyNeedsSurnameAndBirth() {
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "Smith", birth: nil) == nil)
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: nil, birth: civil("2010-03-04")) == nil)
        #expect(ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "-- '", birth: civil("2010-03-04")) == nil)
    }

    @Test func nameKeyIgnoresCaseAccentsSpacesAndPunctuation() {
        let birth = civil("2010-03-04")
        let key = ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "O'Brien-Núñez", birth: birth)
        #expect(key == ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "obrien nunez", birth: birth))
        #expect(key != ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "obrien nunez", birth: birth.adding(days: 1)))
        #expect(key != ReferralKey.childKey(nhsNumber: nil, upn: nil, laChildId: nil, surname: "obrien nunes", birth: birth))
    }

    @Test(arguments: [
        ("Smith", "smith"), ("O'Brien", "obrien"), ("Zoë", "zoe"), ("ÉLODIE-MÜLLER", "elodiemuller"),
        ("van der  Berg", "vanderberg"), ("Smith 2nd", "smith2nd"), ("Ødegård", "odegard"), ("Łukasz", "lukasz"),
    ])
    func foldedName(_ name: String, _ folded: String) {
        #expect(ReferralKey.foldedName(name) == folded)
    }
}
