import ReferralCore
import Testing

@Suite("Key filter")
struct KeyFilterTests {
    @Test func aRepeatIsAlwaysSeenAndFirstOccurrencesMostlyNot() {
        var filter = KeyFilter()
        var falsePositives = 0
        for i in 0..<100_000 where filter.insert("REF\(i)") { falsePositives += 1 }
        #expect(falsePositives < 10)
        var repeatsSeen = 0
        for i in stride(from: 0, to: 100_000, by: 997) where filter.insert("REF\(i)") { repeatsSeen += 1 }
        #expect(repeatsSeen == 101)
    }

    @Test func aSaturatedFilterStillNeverMissesARepeat() {
        var filter = KeyFilter(bitCount: 64)
        for i in 0..<500 { _ = filter.insert("K\(i)") }
        var missed = 0
        for i in 0..<500 where !filter.insert("K\(i)") { missed += 1 }
        #expect(missed == 0)
    }
}
