import Testing
@testable import ReferralCore

/// XmR limits: the public vectors of alerts.md and the degenerate cases.
@Suite struct ProcessLimitsTests {
    /// `value` rounded to 2 decimal places.
    static func dp2(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static let spiky = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]

    @Test func oneToTenUnscreened() throws {
        let limits = try #require(ProcessLimits(baseline: Array(1...10), screen: false))
        #expect(limits.mean == 5.5)
        #expect(Self.dp2(limits.lower) == 2.84)
        #expect(Self.dp2(limits.upper) == 8.16)
        #expect(limits.averageMovingRange == 1)
        #expect(limits.points == 10)
    }

    @Test func spikyVectorUnscreened() throws {
        let limits = try #require(ProcessLimits(baseline: Self.spiky, screen: false))
        #expect(Self.dp2(limits.mean) == 1.94)
        #expect(Self.dp2(limits.upper) == 6.95)
        #expect(limits.points == 18)
    }

    @Test func spikyVectorScreened() throws {
        let limits = try #require(ProcessLimits(baseline: Self.spiky, screen: true))
        #expect(Self.dp2(limits.mean) == 1.94)
        #expect(Self.dp2(limits.upper) == 4.60)
        // The ranges 8 and 9 either side of the 10 are screened out, leaving ranges of 1.
        #expect(limits.averageMovingRange == 1)
    }

    @Test func screeningLeavesOrdinaryRangesAlone() throws {
        let screened = try #require(ProcessLimits(baseline: Array(1...10), screen: true))
        let plain = try #require(ProcessLimits(baseline: Array(1...10), screen: false))
        #expect(screened == plain)
    }

    @Test func equalPointsHaveLimitsOnTheMean() throws {
        let limits = try #require(ProcessLimits(baseline: Array(repeating: 7, count: 12), screen: true))
        #expect(limits.averageMovingRange == 0)
        #expect(limits.mean == 7)
        #expect(limits.upper == 7)
        #expect(limits.lower == 7)
    }

    @Test func lowerLimitMayBeNegative() throws {
        let limits = try #require(ProcessLimits(baseline: [75, 125, 75, 125], screen: true))
        #expect(limits.mean == 100)
        #expect(limits.upper == 233)
        #expect(limits.lower == -33)
    }

    @Test(arguments: [[Int](), [5]])
    func fewerThanTwoPointsHaveNoLimits(baseline: [Int]) {
        #expect(ProcessLimits(baseline: baseline, screen: true) == nil)
    }
}
