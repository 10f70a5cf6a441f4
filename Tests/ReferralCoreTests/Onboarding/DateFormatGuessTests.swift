import Testing
@testable import ReferralCore

@Suite struct DateFormatGuessTests {
    @Test func dayFirstUnlessAValueSaysOtherwise() {
        #expect(DateFormatGuess.formats(for: ["01/02/2013", "03/04/2013"]).formats == ["dd/MM/yyyy"])  // UK when undecided
        #expect(DateFormatGuess.formats(for: ["01/02/2013", "25/04/2013"]).formats == ["dd/MM/yyyy"])
        #expect(DateFormatGuess.formats(for: ["01/02/2013", "04/25/2013"]).formats == ["MM/dd/yyyy"])
    }

    @Test func otherLayouts() {
        #expect(DateFormatGuess.formats(for: ["07-May-2013", "", "12-Jun-2013"]).formats == ["dd-MMM-yyyy"])
        #expect(DateFormatGuess.formats(for: ["2013-05-07", "2013-06-12"]).formats == ["yyyy-MM-dd"])
        #expect(DateFormatGuess.formats(for: ["07.05.2013", "31.12.2013"]).formats == ["dd.MM.yyyy"])
    }

    @Test func aMixedColumnGetsEveryFormatItNeeds() {
        let guess = DateFormatGuess.formats(for: ["2013-05-07", "2013-06-12", "14/05/2013", "not a date"])
        #expect(guess.formats == ["yyyy-MM-dd", "dd/MM/yyyy"])
        #expect(guess.unread == 1)
    }
}
