import Testing
@testable import ReferralCore

/// The pure alert planner: which periods to judge, and what each judgement does.
@Suite struct AlertPlannerTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }
    static func month(_ y: Int, _ m: Int) -> Period { Period(.month, containing: d(y, m, 1)) }
    static let today = d(2026, 9, 16)
    static let august = month(2026, 8)

    static func planner(_ partners: [String: [DateSpan]], silent: Set<String> = [], today: CivilDate = today,
                        settings: SpikeSettings = SpikeSettings()) -> AlertPlanner {
        AlertPlanner(settings: settings, coverage: ScopeCoverage(
            partners: partners.mapValues { Coverage(spans: $0) }, silent: silent, today: today, settings: settings))
    }

    static func monthly(_ from: Period, _ to: Period) -> [DateSpan] {
        (0...from.distance(to: to)).map { from.advanced(by: $0) }.map { DateSpan($0.start, $0.end) }
    }

    /// Steady 100/104 monthly counts from `first` up to `last`, then `observed` in `last`.
    static func counts(from first: Period, to last: Period, observed: Int) -> [Period: Int] {
        var counts: [Period: Int] = [:]
        for k in 0..<first.distance(to: last) { counts[first.advanced(by: k)] = k % 2 == 0 ? 100 : 104 }
        counts[last] = observed
        return counts
    }

    static let first = month(2024, 1)

    @Test func theWindowAndTheTouchedPeriodsWithTheirFollowers() {
        let p = Self.planner([:])
        #expect(p.window(.month) == [Self.month(2026, 9), Self.august])
        #expect(p.periods(.month, touched: [], firstPeriod: Self.first) == [Self.august, Self.month(2026, 9)])
        // A file touching March 2026 can complete the baselines of the 12 months after it.
        let touched = p.periods(.month, touched: [Self.month(2026, 3)], firstPeriod: Self.first)
        #expect(touched == (0...6).map { Self.month(2026, 3).advanced(by: $0) })
        let old = p.periods(.month, touched: [Self.month(2024, 5)], firstPeriod: Self.first)
        #expect(old.count == 13 + 2 && old.first == Self.month(2024, 5))
        #expect(p.periods(.month, touched: [], firstPeriod: nil).isEmpty)
        #expect(p.periods(.month, touched: [], firstPeriod: Self.month(2026, 9)) == [Self.month(2026, 9)])
        #expect(p.periods(.week, touched: [Self.august], firstPeriod: Self.first).allSatisfy { $0.granularity == .week })
        let range = p.countsNeeded(for: [Self.august, Self.month(2026, 9)])
        #expect(range?.from == Self.august.advanced(by: -18) && range?.to == Self.month(2026, 9))
    }

    @Test func aKnownSpikeIsRaisedAndOneNotYetKnownIsNot() {
        let counts = Self.counts(from: Self.first, to: Self.august, observed: 160)
        let known = Self.planner(["north": Self.monthly(Self.first, Self.august)])
        let raised = known.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:])
        #expect(raised.map(\.action) == [.raise])
        #expect(raised.first?.finding.rule == .aboveUpperLimit)
        // August's file not yet in: August counts 0 so far, and nothing is judged at all.
        let waiting = Self.planner(["north": Self.monthly(Self.first, Self.month(2026, 7))])
        let zero = Self.counts(from: Self.first, to: Self.august, observed: 0)
        #expect(waiting.decide(scope: "north", period: Self.august, counts: zero, firstPeriod: Self.first, states: [:]).isEmpty)
        // The same counts with August covered: below the lower limit.
        let low = known.decide(scope: "north", period: Self.august, counts: zero, firstPeriod: Self.first, states: [:])
        #expect(low.map(\.finding.rule) == [.belowLowerLimit] && low.map(\.action) == [.raise])
    }

    @Test func aFiringAlertIsResolvedWhenItsPeriodCanNoLongerBeJudged() {
        // A threshold fired for August with history from May; an older file moved the first
        // referral back to 2025 and exposed baseline months not yet known.
        var settings = SpikeSettings()
        settings.thresholds = ["north": [.month: 50]]
        let p = Self.planner(["north": Self.monthly(Self.month(2026, 5), Self.august) + Self.monthly(Self.month(2025, 1), Self.month(2025, 1))],
                             settings: settings)
        let counts = [Self.august: 80, Self.month(2025, 1): 70]
        #expect(p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.month(2026, 5), states: [:]).map(\.action) == [.raise])
        let resolved = p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.month(2025, 1),
                                states: [.threshold: .firing])
        #expect(resolved.map(\.action) == [.resolve])
        #expect(resolved.first?.finding.holds == false && resolved.first?.finding.observed == 80)
    }

    @Test func aResolvedAlertThatHoldsAgainFiresAgain() {
        let p = Self.planner(["north": Self.monthly(Self.first, Self.august)])
        let counts = Self.counts(from: Self.first, to: Self.august, observed: 160)
        let again = p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first,
                             states: [.aboveUpperLimit: .resolved])
        #expect(again.map(\.action) == [.raise])
        let still = p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first,
                             states: [.aboveUpperLimit: .firing])
        #expect(still.map(\.action) == [.update])
    }

    @Test func outsideTheWindowAlertsAreHistoricAndFiringOnesDemoted() {
        let p = Self.planner(["north": Self.monthly(Self.first, Self.august)], today: Self.d(2026, 11, 2))
        let counts = Self.counts(from: Self.first, to: Self.august, observed: 160)
        #expect(!p.inWindow(Self.august))
        #expect(p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:]).map(\.action) == [.recordHistoric])
        #expect(p.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first,
                         states: [.aboveUpperLimit: .firing]).map(\.action) == [.demote])
    }

    @Test func aSilentPartnersBelowLowerLimitIsNotRaised() {
        let spans = ["north": Self.monthly(Self.first, Self.august)]
        let zero = Self.counts(from: Self.first, to: Self.august, observed: 0)
        let silent = Self.planner(spans, silent: ["north"])
        #expect(silent.decide(scope: "north", period: Self.august, counts: zero, firstPeriod: Self.first, states: [:]).isEmpty)
        #expect(silent.decide(scope: "north", period: Self.august, counts: zero, firstPeriod: Self.first,
                              states: [.belowLowerLimit: .resolved]).isEmpty)
        // A spike is still news.
        let spike = Self.counts(from: Self.first, to: Self.august, observed: 160)
        #expect(silent.decide(scope: "north", period: Self.august, counts: spike, firstPeriod: Self.first, states: [:]).map(\.action) == [.raise])
    }

    @Test func totalIsJudgedAgainWithoutASilentPartner() {
        let spans = ["north": Self.monthly(Self.first, Self.august), "south": Self.monthly(Self.first, Self.month(2026, 6))]
        let counts = Self.counts(from: Self.first, to: Self.august, observed: 160)
        #expect(Self.planner(spans).decide(scope: "total", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:]).isEmpty)
        let without = Self.planner(spans, silent: ["south"])
        #expect(without.decide(scope: "total", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:]).map(\.action) == [.raise])
    }

    @Test func belowLowerLimitNeedsAFullBaseline() {
        var settings = SpikeSettings()
        settings.minBaselinePoints = 6
        let from = Self.month(2026, 1)
        let p = Self.planner(["north": Self.monthly(from, Self.august)], settings: settings)
        let zero = Self.counts(from: from, to: Self.august, observed: 0)
        let findings = p.decide(scope: "north", period: Self.august, counts: zero, firstPeriod: from, states: [:])
        #expect(findings.isEmpty, "7 baseline months of 12: limits, but no below_lower_limit")
    }

    @Test func sustainedRiseWaitsForItsRunBaselineToBeKnown() {
        // Seven months above a steady mean, ending in August.
        var counts: [Period: Int] = [:]
        for k in 0..<32 { counts[Self.first.advanced(by: k)] = k % 2 == 0 ? 100 : 104 }
        for k in 0..<7 { counts[Self.august.advanced(by: -k)] = 106 }
        let all = Self.planner(["north": Self.monthly(Self.first, Self.august)])
        let rise = all.decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:])
        #expect(rise.map(\.finding.rule) == [.sustainedRise])
        // The run's baseline (months 7 to 18 before August) has a month not yet known.
        let gap = Self.monthly(Self.first, Self.august).filter { $0.first != Self.month(2025, 3).start }
        #expect(Self.planner(["north": gap]).decide(scope: "north", period: Self.august, counts: counts, firstPeriod: Self.first, states: [:]).isEmpty)
    }
}
