import Testing
@testable import ReferralCore

@Suite struct HeaderVocabularyTests {
    func field(_ header: String) -> StandardField? { HeaderVocabulary.field(for: header)?.field }

    @Test func headersNameTheirFieldWhateverThePunctuationCaseAndOrder() {
        #expect(field("D.O.B.") == .dateOfBirth)
        #expect(field("date_of_birth") == .dateOfBirth)
        #expect(field("BIRTH DATE") == .dateOfBirth)
        #expect(field("Date of Referral") == .referralDate)
        #expect(field("Referral received") == .referralDate)
        #expect(field("NHS No.") == .nhsNumber)
        #expect(field("Unique Pupil Number") == .upn)
        #expect(field("Child's Surname") == .surname)
        #expect(field("Legal First Name") == .forename)
        #expect(field("Home Post Code") == .postcode)
        #expect(field("Ethnic Origin") == .ethnicity)
        #expect(field("Source of Referral") == .referralSource)
        #expect(field("Referred By") == .referralSource)
        #expect(field("Category of Need") == .primaryNeed)
        #expect(field("Incident ID") == .partnerRef)
        #expect(field("Subject Name") == .fullName)
        #expect(field("Due Date") == .expectedDateOfBirth)
        #expect(field("expected_date_of_birth") == .expectedDateOfBirth)
    }

    @Test func theMostSpecificPhraseWins() {
        #expect(field("Child Unique ID") == .laChildId)   // not the reference
        #expect(field("Client ID") == .laChildId)
        #expect(field("Child Name") == .fullName)
        #expect(field("First Name") == .forename)        // not full_name
    }

    @Test func aHeaderNamingNoFieldIsNotGuessed() {
        #expect(field("Notice Type") == nil)
        #expect(field("PPN Category") == nil)
        #expect(field("Date Logged") == nil)
        #expect(field("") == nil)
    }
}
