import Testing
@testable import ReferralCore

/// `SpikeEvaluator` with coverage (alerts.md): baselines of known periods only, and
/// `below_lower_limit` only with a full baseline.
@Suite struct SpikeEvaluatorCoverageTests {
    static let evaluator = SpikeEvaluator(settings: SpikeSettings())
    static let december = SpikeEvaluatorTests.december

    /// Fourteen steady months (100, 104, …) before December, then `observed`.
    static func counts(_ observed: Int) -> [Period: Int] {
        SpikeEvaluatorTests.counts((0..<14).map { $0 % 2 == 0 ? 100 : 104 }, then: observed)
    }

    static func findings(_ counts: [Period: Int], known: Set<Period>?) -> [AlertRule: Finding] {
        let findings = evaluator.evaluate(scope: "police", period: december, counts: counts,
                                          firstPeriod: december.advanced(by: -14), inProgress: false, known: known)
        return Dictionary(uniqueKeysWithValues: findings.map { ($0.rule, $0) })
    }

    @Test func unknownPeriodsAreLeftOutOfTheBaseline() throws {
        let all = Set((1...14).map { Self.december.advanced(by: -$0) })
        let full = try #require(Self.findings(Self.counts(160), known: all)[.aboveUpperLimit])
        #expect(full.baseline == 12 && full.holds)
        // The same counts, one baseline month not known: 11 points, fewer than min_baseline_points.
        let gap = Self.findings(Self.counts(160), known: all.subtracting([Self.december.advanced(by: -4)]))
        #expect(gap.isEmpty)
        // `nil`: every period counts, as before coverage.
        #expect(Self.findings(Self.counts(160), known: nil)[.aboveUpperLimit]?.baseline == 12)
    }

    @Test func belowLowerLimitNeedsAFullBaseline() throws {
        var settings = SpikeSettings()
        settings.minBaselinePoints = 10
        let evaluator = SpikeEvaluator(settings: settings)
        let all = Set((1...14).map { Self.december.advanced(by: -$0) })
        func low(_ known: Set<Period>) -> Finding? {
            evaluator.evaluate(scope: "police", period: Self.december, counts: Self.counts(0),
                               firstPeriod: Self.december.advanced(by: -14), inProgress: false, known: known)
                .first { $0.rule == .belowLowerLimit }
        }
        #expect(low(all)?.holds == true)
        let eleven = try #require(low(all.subtracting([Self.december.advanced(by: -2)])))
        #expect(eleven.baseline == 11 && eleven.holds == false)
    }
}
