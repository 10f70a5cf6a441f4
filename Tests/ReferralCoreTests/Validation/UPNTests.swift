import Testing
import ReferralCore

@Suite struct UPNTests {
    @Test func specVectors() {
        #expect(UPN.normalise("B801200005001") == "B801200005001")
        #expect(UPN.normalise("A950000178301") == "A950000178301")
        #expect(UPN.normalise("A801200005001") == nil)
    }

    @Test func caseWhitespaceAndFormat() {
        #expect(UPN.normalise(" b801200005001 ") == "B801200005001")
        #expect(UPN.normalise("B80120000500") == nil)
        #expect(UPN.normalise("B8012000050011") == nil)
        #expect(UPN.normalise("B80120000X001") == nil)
        #expect(UPN.normalise("B801 200005001") == nil)
        #expect(UPN.normalise("I801200005001") == nil)   // I is not in the check alphabet
    }

    @Test func temporaryUPNs() {
        // Last character a letter, counted by its alphabet value: A = 0 gives 80 mod 23 = 11 → M;
        // B = 1 adds 13: 93 mod 23 = 1 → B.
        #expect(UPN.normalise("M80120000500A") == "M80120000500A")
        #expect(UPN.normalise("H80120000500A") == nil)
        #expect(UPN.normalise("b80120000500b") == "B80120000500B")
        #expect(UPN.normalise("M80120000500I") == nil)   // I is not a UPN letter
        #expect(UPN.normalise("M80120000500O") == nil)
    }
}
