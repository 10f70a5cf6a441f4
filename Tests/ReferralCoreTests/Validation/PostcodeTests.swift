import Testing
import ReferralCore

@Suite struct PostcodeTests {
    @Test func outwardShapes() {
        #expect(Postcode.normalise("M1 1AE") == "M1 1AE")
        #expect(Postcode.normalise("B33 8TH") == "B33 8TH")
        #expect(Postcode.normalise("CR2 6XH") == "CR2 6XH")
        #expect(Postcode.normalise("DN55 1PT") == "DN55 1PT")
        #expect(Postcode.normalise("W1A 0AX") == "W1A 0AX")
        #expect(Postcode.normalise("EC1A 1BB") == "EC1A 1BB")
    }

    @Test func spacingAndCase() {
        #expect(Postcode.normalise("sw1a1aa") == "SW1A 1AA")
        #expect(Postcode.normalise("  SW1A   1AA ") == "SW1A 1AA")
        #expect(Postcode.normalise("s w1a 1aa") == "SW1A 1AA")
    }

    @Test func refusals() {
        #expect(Postcode.normalise("1W1 1AA") == nil)
        #expect(Postcode.normalise("SW1A 1A") == nil)
        #expect(Postcode.normalise("SW1A 1CA") == nil)    // C not an inward letter
        #expect(Postcode.normalise("SW1A 1AV") == nil)
        #expect(Postcode.normalise("SW1AA 1AA") == nil)
        #expect(Postcode.normalise("SW1A-1AA") == nil)
        #expect(Postcode.normalise("") == nil)
        #expect(Postcode.normalise("AAA 1AA") == nil)
    }

    @Test func fourthPositionLetterIsRestricted() {
        #expect(Postcode.normalise("EC1A 1BB") == "EC1A 1BB")  // AA9A: A allowed
        #expect(Postcode.normalise("W1A 0AX") == "W1A 0AX")    // A9A: A allowed
        #expect(Postcode.normalise("SW1W 0NY") == "SW1W 0NY")
        #expect(Postcode.normalise("WF1O 2AB") == nil)         // O typed for zero
        #expect(Postcode.normalise("wf1o2ab") == nil)
        #expect(Postcode.normalise("EC1C 1BB") == nil)         // AA9A: C not allowed
        #expect(Postcode.normalise("W1L 0AX") == nil)          // A9A: L not allowed
        #expect(Postcode.normalise("W1O 0AX") == nil)
    }

    @Test func specials() {
        #expect(Postcode.normalise("ZZ99 3VZ") == "ZZ99 3VZ")
        #expect(Postcode.normalise("zz993cz") == "ZZ99 3CZ")
        #expect(Postcode.normalise("gir0aa") == "GIR 0AA")
        #expect(Postcode.normalise("GIR 0AB") == nil)
    }
}
