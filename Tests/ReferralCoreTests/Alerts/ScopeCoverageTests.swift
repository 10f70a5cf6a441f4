import Testing
@testable import ReferralCore

/// Which periods are known for a partner and for `total`, and when a period can be judged.
@Suite struct ScopeCoverageTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }
    static func month(_ y: Int, _ m: Int) -> Period { Period(.month, containing: d(y, m, 1)) }
    static let today = d(2026, 9, 16)

    /// Monthly files from `from` to `to` (inclusive), each covering its whole month.
    static func monthly(_ from: Period, _ to: Period) -> [DateSpan] {
        (0...from.distance(to: to)).map { from.advanced(by: $0) }.map { DateSpan($0.start, $0.end) }
    }

    static func coverage(_ partners: [String: [DateSpan]], silent: Set<String> = [], watched: Set<String> = []) -> ScopeCoverage {
        ScopeCoverage(partners: partners.mapValues { Coverage(spans: $0) }, silent: silent, watched: watched, today: today,
                      settings: SpikeSettings())
    }

    @Test func totalWaitsForEveryPartnerReachingIntoThePeriodOrItsBaseline() {
        let c = Self.coverage([
            "north": Self.monthly(Self.month(2023, 10), Self.month(2026, 8)),
            "south": Self.monthly(Self.month(2023, 10), Self.month(2026, 7)),  // August not yet arrived
        ])
        let august = Self.month(2026, 8)
        #expect(c.knows("north", august))
        #expect(!c.knows("south", august))
        #expect(c.partnersCounted(in: august) == ["north", "south"])
        #expect(!c.knows("total", august))
        #expect(c.knows("total", Self.month(2026, 7)))
    }

    @Test func aSilentPartnerDoesNotHoldTotalBack() {
        let partners = ["north": Self.monthly(Self.month(2023, 10), Self.month(2026, 8)),
                        "south": Self.monthly(Self.month(2023, 10), Self.month(2026, 5))]
        let august = Self.month(2026, 8)
        #expect(!Self.coverage(partners).knows("total", august))
        let silent = Self.coverage(partners, silent: ["south"])
        #expect(silent.partnersCounted(in: august) == ["north"])
        #expect(silent.knows("total", august))
    }

    @Test func aPartnerWhoseHistoryIsAllOlderThanTheBaselineDoesNotCount() {
        let c = Self.coverage(["north": Self.monthly(Self.month(2023, 10), Self.month(2026, 8)),
                               "old": Self.monthly(Self.month(2020, 1), Self.month(2025, 7))])
        #expect(c.partnersCounted(in: Self.month(2026, 8)) == ["north"])   // baseline from August 2025
        #expect(c.partnersCounted(in: Self.month(2026, 7)) == ["north", "old"])
        #expect(c.knows("total", Self.month(2026, 8)))
        #expect(!c.knows("total", Self.month(2026, 7)))
    }

    @Test func aPeriodNobodysFilesReachIsNotKnownForTotal() {
        // Only a 2024 file and a 2026 file arrived so far: 2025 is nobody's, yet not a zero.
        let c = Self.coverage(["north": Self.monthly(Self.month(2026, 8), Self.month(2026, 8)),
                               "south": Self.monthly(Self.month(2024, 1), Self.month(2024, 1))])
        #expect(c.partnersCounted(in: Self.month(2025, 6)).isEmpty)
        #expect(!c.knows("total", Self.month(2025, 6)))
        #expect(!c.canJudge("total", Self.month(2026, 8), firstPeriod: Self.month(2024, 1)))
    }

    @Test func aPeriodIsJudgedOnlyWhenItAndItsWholeBaselineAreKnown() {
        let first = Self.month(2024, 1)
        var spans = Self.monthly(first, Self.month(2026, 8))
        let full = Self.coverage(["north": spans])
        #expect(full.canJudge("north", Self.month(2026, 8), firstPeriod: first))
        spans.removeAll { $0.first == Self.month(2026, 2).start }  // one baseline month missing
        let gap = Self.coverage(["north": spans])
        #expect(gap.knows("north", Self.month(2026, 8)))
        #expect(!gap.canJudge("north", Self.month(2026, 8), firstPeriod: first))
        #expect(gap.canJudge("north", Self.month(2026, 1), firstPeriod: first))
        // Baseline periods before the scope's first referral need no file.
        let young = Self.coverage(["north": Self.monthly(Self.month(2026, 5), Self.month(2026, 8))])
        #expect(young.canJudge("north", Self.month(2026, 8), firstPeriod: Self.month(2026, 5)))
        // An older file moves the first referral back and exposes months not yet known.
        #expect(!young.canJudge("north", Self.month(2026, 8), firstPeriod: Self.month(2025, 1)))
        #expect(!young.canJudge("acme", Self.month(2026, 8), firstPeriod: Self.month(2026, 5)))
    }

    @Test func weeksAndDaysFollowTheSameRules() {
        let c = Self.coverage(["north": [DateSpan(Self.d(2026, 1, 1), Self.d(2026, 9, 13))]])
        let lastWeek = Period(.week, containing: Self.d(2026, 9, 13))
        #expect(c.canJudge("north", lastWeek, firstPeriod: Period(.week, containing: Self.d(2026, 1, 1))))
        #expect(!c.knows("north", Period(.week, containing: Self.today)))   // the week in progress has no file yet
        #expect(c.knows("total", Period(.day, containing: Self.d(2026, 9, 13))))
        #expect(!c.knows("total", Period(.day, containing: Self.d(2026, 9, 14))))
    }

    @Test func aPartnerStillSendingHoldsTotalBackWhileItsOlderFilesArriveFirst() {
        // Police's files arrive oldest first (a backfill through run): so far only 2023.
        let partners = ["health": Self.monthly(Self.month(2023, 10), Self.month(2026, 8)),
                        "police": Self.monthly(Self.month(2023, 10), Self.month(2024, 12))]
        let august = Self.month(2026, 8)
        #expect(Self.coverage(partners).knows("total", august))
        let watched = Self.coverage(partners, watched: ["health", "police"])
        #expect(watched.partnersCounted(in: august) == ["health", "police"])
        #expect(!watched.knows("total", august))
        // Silent, it stops holding total back.
        #expect(Self.coverage(partners, silent: ["police"], watched: ["health", "police"]).knows("total", august))
        // A watched partner whose history starts later needs no file before it.
        let late = Self.coverage(["health": Self.monthly(Self.month(2023, 10), Self.month(2026, 8)),
                                  "police": Self.monthly(Self.month(2026, 3), Self.month(2026, 8))], watched: ["health", "police"])
        #expect(late.knows("total", Self.month(2025, 6)))
        #expect(late.canJudge("total", august, firstPeriod: Self.month(2023, 10)))
    }
}
