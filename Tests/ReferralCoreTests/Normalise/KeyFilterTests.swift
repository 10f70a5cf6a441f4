import ReferralCore
import Testing

@Suite("Key filter")
struct KeyFilterTests {
    @Test func aRepeatIsAlwaysSeenAndFirstOccurrencesMostlyNot() {
        var filter = KeyFilter()
        var falsePositives = 0
        for i in 0..<100_000 where filter.insert("REF\(i)") { falsePositives += 1 }
        #expect(falsePositives == 0)
        var repeatsSeen = 0
        for i in stride(from: 0, to: 100_000, by: 997) where filter.insert("REF\(i)") { repeatsSeen += 1 }
        #expect(repeatsSeen == 101)
    }

    /// The loader's 8 MiB filter at a million distinct keys: eight bits per key make a false
    /// positive (and with it the SQL check of candidates) rare; four bits gave about 150.
    @Test func aMillionDistinctKeysInTheDefaultFilterGiveNoFalsePositive() {
        var filter = KeyFilter()
        var falsePositives = 0
        for i in 0..<1_000_000 where filter.insert("GEN-\(i)") { falsePositives += 1 }
        #expect(falsePositives == 0)
    }

    @Test func aSaturatedFilterStillNeverMissesARepeat() {
        var filter = KeyFilter(bitCount: 64)
        for i in 0..<500 { _ = filter.insert("K\(i)") }
        var missed = 0
        for i in 0..<500 where !filter.insert("K\(i)") { missed += 1 }
        #expect(missed == 0)
    }
}
