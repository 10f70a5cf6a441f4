import Testing
import ReferralCore

@Suite struct NHSNumberTests {
    @Test func specVectors() {
        #expect(NHSNumber.normalise("9876543210") == "9876543210")
        #expect(NHSNumber.normalise("4000000632") == "4000000632")
        #expect(NHSNumber.normalise("1234567890") == nil)
    }

    @Test func formatting() {
        #expect(NHSNumber.normalise("987 654 3210") == "9876543210")
        #expect(NHSNumber.normalise("987-654-3210") == "9876543210")
        #expect(NHSNumber.normalise(" 9876543210 ") == "9876543210")
        #expect(NHSNumber.normalise("987654321") == nil)
        #expect(NHSNumber.normalise("98765432100") == nil)
        #expect(NHSNumber.normalise("98765432I0") == nil)
        #expect(NHSNumber.normalise("") == nil)
    }

    @Test func checkDigitBoundaries() {
        #expect(NHSNumber.normalise("9876543211") == nil)   // one off
        // Sum 66, remainder 0: check 11 → 0.
        #expect(NHSNumber.normalise("4000000640") == "4000000640")
        #expect(NHSNumber.normalise("4000000641") == nil)
        #expect(NHSNumber.normalise("1000000010") == nil)    // check would be 10: never valid
        #expect(NHSNumber.normalise("0000000000") == nil)    // placeholder, though mod-11 valid
        #expect(NHSNumber.normalise("1111111111") == nil)
    }
}
