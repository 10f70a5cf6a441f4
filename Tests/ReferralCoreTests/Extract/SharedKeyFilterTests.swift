import Dispatch
import Testing
import TestSupport
@testable import ReferralCore

/// The key filter the threads of one `check` share: a repeated key must be flagged however the
/// threads' inserts interleave, and a flagged insert must bound where the unflagged one was.
@Suite("Shared key filter")
struct SharedKeyFilterTests {
    /// Both threads insert the same keys at once, each in its own order, into a filter too small
    /// for them (many false positives): of the two inserts of a key, at most one is unflagged,
    /// and when one is, the other's returned progress of that thread is at or after its row.
    @Test(arguments: [1 << 10, 1 << 20])
    func twoThreadsInsertingTheSameKeysNeverBothFindItNew(bits: Int) {
        let keys = 50_000
        let filter = SharedKeyFilter(bitCount: bits, threads: 2)
        // results[thread][key] = (row, progress when flagged)
        let results = (0..<2).map { _ in Results(count: keys) }
        DispatchQueue.concurrentPerform(iterations: 2) { thread in
            var random = SplitMix(seed: UInt64(thread + 1))
            let order = Array(0..<keys).shuffled(using: &random)
            for (index, key) in order.enumerated() {
                let row = index + 1
                results[thread].set(key, row: row, flagged: filter.insert("K-\(key)", thread: thread, row: row))
            }
        }
        var bothNew = 0, unbounded = 0, flaggedOnce = 0
        for key in 0..<keys {
            let a = results[0].get(key), b = results[1].get(key)
            if a.flagged == nil && b.flagged == nil { bothNew += 1 }
            if a.flagged == nil, let progress = b.flagged, progress[0] < a.row { unbounded += 1 }
            if b.flagged == nil, let progress = a.flagged, progress[1] < b.row { unbounded += 1 }
            if (a.flagged == nil) != (b.flagged == nil) { flaggedOnce += 1 }
        }
        #expect(bothNew == 0)
        #expect(unbounded == 0)
        if bits == 1 << 20 { #expect(flaggedOnce > keys * 9 / 10) }  // a roomy filter: mostly exact
    }

    /// A million distinct keys in check's 16 MiB: false positives are a handful (each costs a
    /// second look at its row), as `SharedKeyFilter` documents (about 3).
    @Test func aMillionDistinctKeysGiveAHandfulOfFalsePositives() {
        let filter = SharedKeyFilter(bitCount: ExtractCheck.defaultKeyFilterBits, threads: 1)
        var falsePositives = 0
        for i in 0..<1_000_000 where filter.insert("GEN-\(i)", thread: 0, row: i + 1) != nil { falsePositives += 1 }
        #expect(falsePositives <= 20)
    }
}

/// One thread's outcomes, written by that thread only and read after both have finished.
private final class Results: @unchecked Sendable {
    private var rows: [Int]
    private var flags: [[Int]?]

    init(count: Int) {
        rows = Array(repeating: 0, count: count)
        flags = Array(repeating: nil, count: count)
    }

    func set(_ key: Int, row: Int, flagged: [Int]?) {
        rows[key] = row
        flags[key] = flagged
    }

    func get(_ key: Int) -> (row: Int, flagged: [Int]?) { (rows[key], flags[key]) }
}
