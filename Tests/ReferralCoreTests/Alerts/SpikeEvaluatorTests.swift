import Testing
@testable import ReferralCore

/// Hand-checked boundaries of each rule, with the default settings (12-month baseline,
/// 12 points needed, run of 7, min_count 10, min_increase 0.2).
@Suite struct SpikeEvaluatorTests {
    static let evaluator = SpikeEvaluator(settings: SpikeSettings())
    /// The period judged in most tests: December 2014.
    static let december = month(2014, 12)

    static func month(_ y: Int, _ m: Int) -> Period { Period(.month, containing: CivilDate(year: y, month: m, day: 1)!) }

    /// Counts for the consecutive periods ending just before `period` (the last value is
    /// `period.advanced(by: -1)`), plus `observed` for `period` itself.
    static func counts(_ history: [Int], then observed: Int, at period: Period = december) -> [Period: Int] {
        var result = [period: observed]
        for (i, value) in history.reversed().enumerated() { result[period.advanced(by: -(i + 1))] = value }
        return result
    }

    /// The first period of a history of `length` periods ending just before `period`.
    static func start(_ length: Int, before period: Period = december) -> Period { period.advanced(by: -length) }

    static func evaluate(_ counts: [Period: Int], first: Period?, period: Period = december,
                         inProgress: Bool = false, evaluator: SpikeEvaluator = evaluator) -> [AlertRule: Finding] {
        let findings = evaluator.evaluate(scope: "police", period: period, counts: counts,
                                          firstPeriod: first, inProgress: inProgress)
        #expect(Set(findings.map(\.rule)).count == findings.count, "one finding per rule")
        return Dictionary(uniqueKeysWithValues: findings.map { ($0.rule, $0) })
    }

    /// 75, 125, … : mean 100, mR̄ 50, limits exactly 233 and -33.
    static let wide = (0..<12).map { $0 % 2 == 0 ? 75 : 125 }

    // MARK: above_upper_limit

    @Test func exactlyOnTheUpperLimitDoesNotFire() throws {
        let finding = try #require(Self.evaluate(Self.counts(Self.wide, then: 233), first: Self.start(12))[.aboveUpperLimit])
        #expect(finding.upperLimit == 233)
        #expect(finding.holds == false)
    }

    @Test func justAboveTheUpperLimitFires() throws {
        let finding = try #require(Self.evaluate(Self.counts(Self.wide, then: 234), first: Self.start(12))[.aboveUpperLimit])
        #expect(finding.holds)
        #expect(finding.observed == 234)
        #expect(finding.mean == 100)
        #expect(finding.upperLimit == 233)
        #expect(finding.lowerLimit == -33)
        #expect(finding.baseline == 12)
        #expect(finding.scope == "police")
        #expect(finding.period == Self.december)
    }

    @Test func equalBaselineFiresJustAboveTheMeanWhenGuardsPass() throws {
        // mR̄ = 0, so the limits sit on the mean 50; 60 passes min_count and min_increase (≥ 60).
        let flat = Array(repeating: 50, count: 12)
        let on = try #require(Self.evaluate(Self.counts(flat, then: 50), first: Self.start(12))[.aboveUpperLimit])
        #expect(on.upperLimit == 50 && on.lowerLimit == 50)
        #expect(on.holds == false)
        let above = try #require(Self.evaluate(Self.counts(flat, then: 60), first: Self.start(12))[.aboveUpperLimit])
        #expect(above.holds)
    }

    @Test func minCountAloneBlocksASpike() throws {
        // Baseline all 2: upper limit 2; 9 is above it and ≥ 2.4 but under min_count 10.
        let flat = Array(repeating: 2, count: 12)
        #expect(try #require(Self.evaluate(Self.counts(flat, then: 9), first: Self.start(12))[.aboveUpperLimit]).holds == false)
        #expect(try #require(Self.evaluate(Self.counts(flat, then: 10), first: Self.start(12))[.aboveUpperLimit]).holds)
    }

    @Test func minIncreaseAloneBlocksASpike() throws {
        // Baseline all 100: upper limit 100; 119 is above it and ≥ 10 but under 100 × 1.2.
        let flat = Array(repeating: 100, count: 12)
        #expect(try #require(Self.evaluate(Self.counts(flat, then: 119), first: Self.start(12))[.aboveUpperLimit]).holds == false)
        #expect(try #require(Self.evaluate(Self.counts(flat, then: 120), first: Self.start(12))[.aboveUpperLimit]).holds)
    }

    // MARK: baseline size and the first period

    @Test func elevenBaselinePointsJudgeNoSPCRule() {
        let findings = Self.evaluate(Self.counts(Self.wide, then: 1000), first: Self.start(11))
        #expect(findings.isEmpty)
    }

    @Test func twelveBaselinePointsJudgeEveryClosedRule() throws {
        let findings = Self.evaluate(Self.counts(Self.wide, then: 1000), first: Self.start(12))
        #expect(Set(findings.keys) == [.aboveUpperLimit, .sustainedRise, .belowLowerLimit])
        #expect(try #require(findings[.aboveUpperLimit]).holds)
    }

    @Test func historyStartingFiveMonthsAgoIsNotEnough() {
        // Earlier months are absent, not zero: with them as zeros, 1000 would be a spike.
        let findings = Self.evaluate(Self.counts([100, 100, 100, 100, 100], then: 1000), first: Self.start(5))
        #expect(findings.isEmpty)
    }

    @Test func noHistoryAtAllJudgesNoSPCRule() {
        #expect(Self.evaluate([Self.december: 1000], first: nil).isEmpty)
        #expect(Self.evaluate([Self.december: 1000], first: Self.december).isEmpty)
    }

    @Test func emptyPeriodsAfterTheFirstCountAsZero() throws {
        // Only the first baseline month has referrals; the other eleven are zeros.
        let counts = [Self.start(12): 12, Self.december: 5]
        let finding = try #require(Self.evaluate(counts, first: Self.start(12))[.aboveUpperLimit])
        #expect(finding.baseline == 12)
        #expect(finding.mean == 1)
    }

    @Test func baselineIsOnlyTheConfiguredPeriodsBeforeThePeriod() throws {
        // A huge count 13 months back is outside the 12-month baseline.
        let counts = Self.counts([10_000] + Self.wide, then: 234)
        let finding = try #require(Self.evaluate(counts, first: Self.start(13))[.aboveUpperLimit])
        #expect(finding.mean == 100)
        #expect(finding.holds)
    }

    // MARK: sustained_rise

    /// Ten, twelve, … (mean 11) for the run's baseline, then the seven run values (the last is December).
    static func runCounts(_ run: [Int]) -> [Period: Int] {
        let base = (0..<12).map { $0 % 2 == 0 ? 10 : 12 }
        return counts(base + run.dropLast(), then: run.last!)
    }

    @Test func sevenPeriodsAboveTheMeanAreASustainedRise() throws {
        let finding = try #require(Self.evaluate(Self.runCounts([12, 12, 12, 12, 12, 12, 12]), first: Self.start(18))[.sustainedRise])
        #expect(finding.holds)
        #expect(finding.mean == 11)
        #expect(finding.baseline == 12)
    }

    @Test func aPeriodOnTheMeanBreaksTheRun() throws {
        let finding = try #require(Self.evaluate(Self.runCounts([12, 12, 12, 11, 12, 12, 12]), first: Self.start(18))[.sustainedRise])
        #expect(finding.mean == 11)
        #expect(finding.holds == false)
    }

    @Test func theRunIsJudgedAgainstTheBaselineBeforeIt() throws {
        // December's own baseline holds six of the run's 40s (mean 25.5), so December's 20 would
        // be under it; the run's first period's baseline (mean 11) does not hold them.
        let finding = try #require(Self.evaluate(Self.runCounts([40, 40, 40, 40, 40, 40, 20]), first: Self.start(18))[.sustainedRise])
        #expect(finding.mean == 11)
        #expect(finding.holds)
    }

    @Test func aRunWithoutAFullBaselineOfItsOwnDoesNotHold() throws {
        // With 11 months of history December itself has too few points; with 12 it has enough,
        // but the run's first month (June) has only 6 before it.
        let counts = Self.counts([10, 12, 10, 12, 10, 30, 30, 30, 30, 30, 30], then: 30)
        let findings = Self.evaluate(counts, first: Self.start(11))
        #expect(findings.isEmpty)
        let more = Self.evaluate(Self.counts([11] + [10, 12, 10, 12, 10, 30, 30, 30, 30, 30, 30], then: 30), first: Self.start(12))
        #expect(try #require(more[.sustainedRise]).holds == false)
    }

    // MARK: below_lower_limit

    @Test func underTheLowerLimitFires() throws {
        // 95, 105, … : mean 100, mR̄ 10, lower limit 73.4.
        let base = (0..<12).map { $0 % 2 == 0 ? 95 : 105 }
        #expect(try #require(Self.evaluate(Self.counts(base, then: 73), first: Self.start(12))[.belowLowerLimit]).holds)
        #expect(try #require(Self.evaluate(Self.counts(base, then: 74), first: Self.start(12))[.belowLowerLimit]).holds == false)
    }

    @Test func aNegativeLowerLimitNeverFires() throws {
        let finding = try #require(Self.evaluate(Self.counts(Self.wide, then: 0), first: Self.start(12))[.belowLowerLimit])
        #expect(finding.lowerLimit == -33)
        #expect(finding.holds == false)
    }

    // MARK: in progress

    @Test func inProgressIsJudgedOnlyByUpperLimitAndThreshold() throws {
        var settings = SpikeSettings()
        settings.thresholds = ["police": [.month: 200]]
        let evaluator = SpikeEvaluator(settings: settings)
        // A count under the lower limit holds below_lower_limit once the month is closed.
        let base = (0..<12).map { $0 % 2 == 0 ? 95 : 105 }
        let low = Self.counts(base, then: 0)
        let closed = Self.evaluate(low, first: Self.start(12), evaluator: evaluator)
        #expect(try #require(closed[.belowLowerLimit]).holds)
        let open = Self.evaluate(low, first: Self.start(12), inProgress: true, evaluator: evaluator)
        #expect(Set(open.keys) == [.aboveUpperLimit, .threshold])
        let spike = Self.evaluate(Self.counts(base, then: 201), first: Self.start(12), inProgress: true, evaluator: evaluator)
        #expect(try #require(spike[.aboveUpperLimit]).holds)
        #expect(try #require(spike[.threshold]).holds)
    }

    // MARK: threshold

    @Test func thresholdFiresWithoutHistory() throws {
        var settings = SpikeSettings()
        settings.thresholds = ["police": [.month: 250], "health": [.month: 1]]
        let evaluator = SpikeEvaluator(settings: settings)
        let over = Self.evaluate([Self.december: 251], first: Self.december, evaluator: evaluator)
        #expect(Set(over.keys) == [.threshold])
        let finding = try #require(over[.threshold])
        #expect(finding.holds && finding.observed == 251 && finding.baseline == 0 && finding.mean == nil)
        let at = Self.evaluate([Self.december: 250], first: nil, evaluator: evaluator)
        #expect(try #require(at[.threshold]).holds == false)
        // No threshold for this scope's weeks.
        let week = Period(.week, containing: Self.december.start)
        #expect(Self.evaluate([week: 1000], first: week, period: week, evaluator: evaluator).isEmpty)
    }

    // MARK: weeks across a year boundary

    @Test func weekBaselineReachesBackAcrossTheYearBoundary() throws {
        let week = Period(.week, containing: CivilDate(year: 2015, month: 1, day: 14)!)  // 2015-W03
        #expect(week.description == "2015-W03")
        let base = (0..<12).map { $0 % 2 == 0 ? 75 : 125 }
        let counts = Self.counts(base, then: 234, at: week)
        let first = week.advanced(by: -12)
        #expect(first.description == "2014-W43")
        let findings = Self.evaluate(counts, first: first, period: week)
        let finding = try #require(findings[.aboveUpperLimit])
        #expect(finding.baseline == 12 && finding.mean == 100 && finding.holds)
        #expect(Self.evaluate(counts, first: first.advanced(by: 1), period: week).isEmpty)
    }

    // MARK: periodsNeeded

    @Test func periodsNeededCoverTheRunAndItsBaseline() {
        let months = Self.evaluator.periodsNeeded(for: Self.december)
        #expect(months.count == 12 + 7)
        #expect(months.first == Self.december.advanced(by: -18))
        #expect(months.last == Self.december)
        let week = Period(.week, containing: CivilDate(year: 2015, month: 1, day: 5)!)
        let weeks = Self.evaluator.periodsNeeded(for: week)
        #expect(weeks.count == 26 + 7)
        #expect(zip(weeks, weeks.dropFirst()).allSatisfy { $0.distance(to: $1) == 1 })
        #expect(weeks.first?.description == "2014-W22")
        #expect(weeks.last == week)
    }
}
