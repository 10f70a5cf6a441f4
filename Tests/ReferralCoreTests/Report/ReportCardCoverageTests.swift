import Testing
@testable import ReferralCore

/// The report card's control status follows the alerts' coverage rules (alerts.md, *Coverage*).
@Suite("Report card: control status judged only on data that has arrived")
struct ReportCardCoverageTests {
    static let may2013 = Period(.month, containing: CivilDate(year: 2013, month: 5, day: 1)!)
    static let later = CivilDate(year: 2014, month: 1, day: 10)!
    static let settings = SpikeSettings()
    let builder = ReportCardBuilder(settings: settings, population: nil, benchmarks: Benchmark.england, timezone: "Europe/London")
    static let counts = [200, 210, 190, 205, 200, 195, 210, 205, 200, 190, 210, 200, 312]

    static var police: ScopeData {
        var data = ScopeData(scope: "police")
        for (index, count) in counts.enumerated() { data.monthlyCounts[may2013.advanced(by: index - counts.count + 1)] = count }
        data.firstMonth = may2013.advanced(by: -(counts.count - 1))
        return data
    }

    /// Monthly files for the months from `first` to `last`.
    static func coverage(through last: Period, skipping: Period? = nil) -> ScopeCoverage {
        let first = may2013.advanced(by: -12)
        let spans = (0...first.distance(to: last)).map { first.advanced(by: $0) }.filter { $0 != skipping }.map { DateSpan($0.start, $0.end) }
        return ScopeCoverage(partners: ["police": Coverage(spans: spans)], watched: ["police"], today: later, settings: settings)
    }

    @Test func aCoveredMonthIsJudgedAsTheAlertsJudgeIt() throws {
        let card = builder.build(month: Self.may2013, today: Self.later, partners: [Self.police], coverage: Self.coverage(through: Self.may2013))
        #expect(card.scopes.map(\.control.status) == [.spike, .spike])
        #expect(card.scopes[0].chart.last?.mean != nil && card.scopes[0].chart.last?.signal == .concern)
    }

    @Test func aMonthWhoseFilesHaveNotArrivedIsNotJudged() throws {
        let waiting = builder.build(month: Self.may2013, today: Self.later, partners: [Self.police],
                                    coverage: Self.coverage(through: Self.may2013.advanced(by: -1)))
        #expect(waiting.scopes.map(\.control.status) == [.awaitingData, .awaitingData])
        #expect(waiting.scopes[0].caption.contains("not judged until the files"))
        let gap = builder.build(month: Self.may2013, today: Self.later, partners: [Self.police],
                                coverage: Self.coverage(through: Self.may2013, skipping: Self.may2013.advanced(by: -3)))
        #expect(gap.scopes[0].control.status == .awaitingData)
        // The chart marks nothing for months not judged: February 2013 (the month missing) and after.
        let chart = gap.scopes[0].chart
        #expect(chart.count == 13)
        #expect(chart.suffix(4).allSatisfy { $0.signal == ChartPoint.Signal.none && $0.mean == nil })
    }
}
