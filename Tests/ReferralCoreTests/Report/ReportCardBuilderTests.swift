import Testing
@testable import ReferralCore

@Suite("Report card: figures from raw counts")
struct ReportCardBuilderTests {
    static let may2013 = Period(.month, containing: CivilDate(year: 2013, month: 5, day: 1)!)
    static let later = CivilDate(year: 2014, month: 1, day: 10)!
    let builder = ReportCardBuilder(settings: SpikeSettings(), population: nil, benchmarks: Benchmark.england, timezone: "Europe/London")

    /// `counts` for the months ending with May 2013, oldest first; history starts with the first.
    static func data(_ scope: String, _ counts: [Int]) -> ScopeData {
        var data = ScopeData(scope: scope)
        for (index, count) in counts.enumerated() {
            data.monthlyCounts[may2013.advanced(by: index - counts.count + 1)] = count
        }
        data.firstMonth = may2013.advanced(by: -(counts.count - 1))
        return data
    }

    @Test func aSpikeMatchesTheAlertEvaluatorAndSaysSoInWords() throws {
        let counts = [200, 210, 190, 205, 200, 195, 210, 205, 200, 190, 210, 200, 312]
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("police", counts)])
        let police = try #require(card.scopes.first)
        let findings = SpikeEvaluator(settings: SpikeSettings()).evaluate(
            scope: "police", period: Self.may2013, counts: Self.data("police", counts).monthlyCounts,
            firstPeriod: Self.may2013.advanced(by: -12), inProgress: false)
        let upper = try #require(findings.first { $0.rule == .aboveUpperLimit })
        #expect(police.control.status == .spike)
        #expect(police.control.mean == upper.mean)
        #expect(police.control.upperLimit == upper.upperLimit)
        #expect(police.control.lowerLimit == upper.lowerLimit)
        #expect(police.twelveMonthMean == upper.mean)
        #expect(police.meanMonths == 12)
        #expect(police.sameMonthLastYear == 200)
        let limit = ReportFormat.fixed(try #require(upper.upperLimit), 0)
        #expect(police.caption == "Police referrals in May 2013 (312) were above the upper limit (\(limit)).")
        #expect(police.chart.count == 13)
        #expect(police.chart.last?.signal == .concern)
        #expect(police.chart.dropLast().allSatisfy { $0.signal == .none })
        #expect(card.scopes.map(\.scope) == ["police", "total"])
        #expect(card.total?.referrals == 312)
    }

    @Test func theTwelveMonthMeanLeavesOutMonthsBeforeTheFirstReferral() throws {
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("schools", [10, 20, 30, 40])])
        let schools = try #require(card.scopes.first)
        #expect(schools.meanMonths == 3)
        #expect(schools.twelveMonthMean == 20)
        #expect(schools.sameMonthLastYear == nil)
        #expect(schools.control.status == .insufficientHistory)
        #expect(schools.control.mean == nil)
        #expect(schools.caption == "Schools referrals in May 2013 (40): too little history for process limits (3 of the 12 months needed).")
    }

    @Test func aPartnerWithNoHistoryHasZerosAndNoChart() throws {
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [ScopeData(scope: "newcomer")])
        let newcomer = try #require(card.scopes.first)
        #expect(newcomer.referrals == 0)
        #expect(newcomer.twelveMonthMean == nil)
        #expect(newcomer.meanMonths == 0)
        #expect(newcomer.chart.isEmpty)
        #expect(newcomer.reReferralPercent == nil)
        #expect(newcomer.concurrentPercent == nil)
        #expect(newcomer.quality.nhsNumberPercent == nil)
        #expect(newcomer.control.status == .insufficientHistory)
    }

    @Test func aSustainedRiseMarksItsWholeRun() throws {
        let counts = Array(repeating: 100, count: 6).flatMap { [$0 - 5, $0 + 5] } + Array(repeating: 108, count: 7)
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("health", counts)])
        let health = try #require(card.scopes.first)
        #expect(health.control.status == .sustainedRise)
        #expect(health.control.rulesHolding == [.sustainedRise])
        #expect(health.chart.suffix(7).allSatisfy { $0.signal == .concern })
        #expect(health.chart.dropLast(7).allSatisfy { $0.signal == .none })
        #expect(health.caption.hasSuffix("were the 7th month in a row above the mean (100): a sustained rise."))
    }

    @Test func aDropBelowTheLowerLimitIsMarkedLow() throws {
        let counts = [100, 104, 98, 101, 99, 103, 97, 100, 102, 98, 101, 99, 20]
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("police", counts)])
        let police = try #require(card.scopes.first)
        #expect(police.control.status == .belowLowerLimit)
        #expect(police.chart.last?.signal == .low)
        #expect(police.caption.contains("were below the lower limit"))
    }

    @Test func theMonthInProgressIsJudgedOnlyByTheUpperLimit() throws {
        let counts = [100, 104, 98, 101, 99, 103, 97, 100, 102, 98, 101, 99, 20]
        let today = CivilDate(year: 2013, month: 5, day: 9)!
        let card = builder.build(month: Self.may2013, today: today, partners: [Self.data("police", counts)])
        let police = try #require(card.scopes.first)
        #expect(card.inProgress)
        #expect(police.control.status == .withinLimits)
        #expect(police.caption.hasPrefix("Police referrals in May 2013 so far (20)"))
        #expect(card.notes.last?.contains("still in progress") == true)
    }

    @Test func smallNumbersOverTheLimitAreNotASpike() throws {
        let counts = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 8]
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("police", counts)])
        let police = try #require(card.scopes.first)
        #expect(police.control.status == .withinLimits)
        #expect(police.control.aboveLimitButGuarded)
        #expect(police.caption.contains("but too few to count as a spike (at least 10, and 20% over the mean)"))
    }

    @Test func aScopeWithNothingForAYearSaysSo() throws {
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.data("standard", [3] + Array(repeating: 0, count: 13))])
        #expect(card.scopes[0].control.status == .withinLimits)
        #expect(card.scopes[0].caption == "Standard referrals in May 2013 (0): none, as in each of the 12 months before.")
    }

    @Test func ratesNeedAPopulation() throws {
        var data = Self.data("police", [100, 120])
        data.rollingReferrals = 220
        data.rollingReReferrals = 55
        data.reReferrals = 30
        data.concurrent = 12
        let without = builder.build(month: Self.may2013, today: Self.later, partners: [data])
        #expect(without.scopes[0].monthRatePer10000 == nil)
        #expect(without.scopes[0].annualRatePer10000 == nil)
        #expect(without.notes.contains { $0.contains("need report.population_0_17") })
        var withPopulation = builder
        withPopulation.population = 40_000
        let card = withPopulation.build(month: Self.may2013, today: Self.later, partners: [data])
        let police = card.scopes[0]
        #expect(police.monthRatePer10000 == 30)
        #expect(police.annualRatePer10000 == 55)
        #expect(police.reReferralPercent == 25)
        #expect(police.rollingReReferralPercent == 25)
        #expect(police.concurrentPercent == 10)
    }

    @Test func theTotalAddsThePartners() throws {
        var a = Self.data("health", [5, 7])
        a.warnings = ["nhs_number.invalid": 4, "postcode.invalid": 2]
        a.rowsReceived = 10
        a.rowsRefused = 1
        var b = Self.data("police", [1, 2, 3])
        b.warnings = ["postcode.invalid": 3, "sex.unknown": 1]
        b.rowsReceived = 30
        b.rowsRefused = 3
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [a, b])
        let total = try #require(card.total)
        #expect(total.referrals == 10)
        #expect(total.meanMonths == 2)
        #expect(total.twelveMonthMean == 4)   // March 1, April 5 + 2
        #expect(total.quality.refusedPercent == 10)
        #expect(total.quality.commonestWarnings == [
            WarningCount(rule: "postcode.invalid", count: 5), WarningCount(rule: "nhs_number.invalid", count: 4),
            WarningCount(rule: "sex.unknown", count: 1),
        ])
    }

    @Test func formatting() {
        #expect(ReportFormat.fixed(205.25, 1) == "205.3")
        #expect(ReportFormat.fixed(-2.5, 0) == "-3")
        #expect(ReportFormat.fixed(0.04, 1) == "0.0")
        #expect(ReportFormat.percent(nil) == "-")
        #expect(ReportFormat.percent(24.66) == "24.7%")
        #expect(ReportFormat.limit(268.1, beside: 312) == "268")
        #expect(ReportFormat.limit(268.4, beside: 268) == "268.4")
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 112].map(ReportFormat.ordinal) ==
                ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "112th"])
        #expect(ReportFormat.monthName(Self.may2013) == "May 2013")
        #expect(ReportFormat.shortMonth(Self.may2013) == "May 13")
        #expect(WarningCount.commonest(["b": 2, "a": 2, "c": 9, "d": 1, "e": 1, "f": 1], limit: 5).map(\.rule) == ["c", "a", "b", "d", "e"])
    }
}
