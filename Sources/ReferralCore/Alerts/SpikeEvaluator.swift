/// Judges one scope's period against its history: the SPC rules and fixed thresholds of alerts.md.
///
/// The baseline of a period `P` is the `baselinePeriods[granularity]` periods immediately
/// before `P`, leaving out any before the scope's first period (a scope's history starts at its
/// first referral; an empty period after it counts 0). With fewer than `minBaselinePoints`
/// baseline points no SPC rule is judged at all; fixed thresholds always are.
///
/// `sustained_rise` compares the run (the `runLength` periods ending at `P`) with the mean of the
/// baseline of the run's *first* period, i.e. the `baselinePeriods` periods before the run
/// starts, so the run's own points cannot inflate the mean they are judged against. That run
/// baseline needs `minBaselinePoints` points too, and every period of the run must lie inside
/// the scope's history; otherwise the rule does not hold (the finding is still returned, with
/// `P`'s own figures, so a firing alert can be resolved).
///
/// With `known` (alerts.md, *Coverage*), baselines hold known periods only, and
/// `below_lower_limit` needs a full baseline (`baselinePeriods` points) in any case.
public struct SpikeEvaluator: Sendable {
    public let settings: SpikeSettings

    public init(settings: SpikeSettings) { self.settings = settings }

    /// The periods whose counts `evaluate` needs for `period`: its baseline and sustained-rise
    /// run, oldest first, ending with `period` itself.
    public func periodsNeeded(for period: Period) -> [Period] {
        let earliest = -(baselineLength(period.granularity) + runLength - 1)
        return (earliest...0).map { period.advanced(by: $0) }
    }

    /// Every rule's finding for `period` of `scope`.
    ///
    /// - `counts`: counts by period for at least `periodsNeeded(for:)`; a missing period counts 0.
    /// - `firstPeriod`: the scope's first period with a referral (history before it is not zero
    ///   counts: those periods are left out of the baseline); `nil` when the scope has none.
    /// - `inProgress`: the period contains today: only `above_upper_limit` and thresholds apply.
    /// - `known`: the periods whose counts are complete (`nil`: every period); others are left
    ///   out of every baseline.
    public func evaluate(scope: String, period: Period, counts: [Period: Int], firstPeriod: Period?, inProgress: Bool,
                         known: Set<Period>? = nil) -> [Finding] {
        let observed = counts[period] ?? 0
        var findings: [Finding] = []

        let baseline = baselineCounts(before: period, counts: counts, firstPeriod: firstPeriod, known: known)
        if baseline.count >= settings.minBaselinePoints,
           let limits = ProcessLimits(baseline: baseline, screen: settings.screenMovingRanges) {
            findings.append(finding(.aboveUpperLimit, scope, period, observed, limits,
                                    holds: isSpike(observed, limits)))
            if !inProgress {
                findings.append(sustainedRise(scope: scope, period: period, counts: counts,
                                              firstPeriod: firstPeriod, known: known, fallback: limits))
                // Counts are never negative, so a negative lower limit can never be crossed.
                let full = baseline.count >= baselineLength(period.granularity)
                findings.append(finding(.belowLowerLimit, scope, period, observed, limits,
                                        holds: full && Double(observed) < limits.lower))
            }
        }

        if let threshold = settings.thresholds[scope]?[period.granularity] {
            findings.append(Finding(rule: .threshold, scope: scope, period: period,
                                    holds: observed > threshold, observed: observed,
                                    upperLimit: Double(threshold), baseline: 0))
        }
        return findings
    }

    // MARK: - Rules

    /// `above_upper_limit`: over the upper limit, and past both small-number guards.
    private func isSpike(_ observed: Int, _ limits: ProcessLimits) -> Bool {
        let value = Double(observed)
        return value > limits.upper
            && observed >= settings.minCount
            && value >= limits.mean * (1 + settings.minIncrease)
    }

    /// `sustained_rise`: the `runLength` periods ending at `period` all strictly above the mean of
    /// the run's first period's baseline.
    private func sustainedRise(scope: String, period: Period, counts: [Period: Int],
                               firstPeriod: Period?, known: Set<Period>?, fallback: ProcessLimits) -> Finding {
        let observed = counts[period] ?? 0
        let runStart = period.advanced(by: -(runLength - 1))
        let runBaseline = baselineCounts(before: runStart, counts: counts, firstPeriod: firstPeriod, known: known)
        // With coverage, every period of the run's baseline in the scope's history must be known,
        // so the rule's answer never changes as older files arrive.
        let complete = known.map { known in
            (1...max(1, baselineLength(period.granularity))).map { runStart.advanced(by: -$0) }
                .allSatisfy { p in firstPeriod.map { p < $0 } ?? true || known.contains(p) }
        } ?? true
        guard let first = firstPeriod, runStart >= first, complete,
              runBaseline.count >= settings.minBaselinePoints,
              let limits = ProcessLimits(baseline: runBaseline, screen: settings.screenMovingRanges)
        else {
            return finding(.sustainedRise, scope, period, observed, fallback, holds: false)
        }
        let run = (0..<runLength).map { counts[runStart.advanced(by: $0)] ?? 0 }
        let holds = run.allSatisfy { Double($0) > limits.mean }
        return finding(.sustainedRise, scope, period, observed, limits, holds: holds)
    }

    // MARK: - Helpers

    /// The rule's finding carrying `limits`' figures.
    private func finding(_ rule: AlertRule, _ scope: String, _ period: Period, _ observed: Int,
                         _ limits: ProcessLimits, holds: Bool) -> Finding {
        Finding(rule: rule, scope: scope, period: period, holds: holds, observed: observed,
                mean: limits.mean, upperLimit: limits.upper, lowerLimit: limits.lower,
                baseline: limits.points)
    }

    /// The counts of the baseline periods before `period`, oldest first, leaving out periods
    /// before `firstPeriod` (none at all when the scope has no history) and, with `known`,
    /// periods not in it.
    private func baselineCounts(before period: Period, counts: [Period: Int], firstPeriod: Period?,
                                known: Set<Period>?) -> [Int] {
        guard let first = firstPeriod else { return [] }
        let length = baselineLength(period.granularity)
        guard length > 0 else { return [] }
        return (1...length).reversed()
            .map { period.advanced(by: -$0) }
            .filter { $0 >= first && known?.contains($0) ?? true }
            .map { counts[$0] ?? 0 }
    }

    /// Baseline length for `granularity`; when unset, `minBaselinePoints` (the least that can fire).
    public func baselineLength(_ granularity: Granularity) -> Int {
        max(0, settings.baselinePeriods[granularity] ?? settings.minBaselinePoints)
    }

    /// The configured run length, at least 1.
    private var runLength: Int { max(1, settings.runLength) }
}
