/// Alert planning as a pure value (alerts.md): which periods of a scope to judge, whether each can
/// be judged (coverage), and what each judgement does to the alert's lifecycle (window,
/// suppression by `feed_silent`, resolution of alerts that can no longer be judged).
///
/// The store reads the counts, spans and states it asks for and applies the decisions.
public struct AlertPlanner: Sendable {
    public let settings: SpikeSettings
    public let coverage: ScopeCoverage

    public init(settings: SpikeSettings, coverage: ScopeCoverage) {
        self.settings = settings
        self.coverage = coverage
    }

    public var today: CivilDate { coverage.today }

    /// The period in progress.
    public func current(_ granularity: Granularity) -> Period { Period(granularity, containing: today) }

    /// The periods that can fire: the period in progress and the `alertWindow` closed ones before it.
    public func window(_ granularity: Granularity) -> [Period] {
        (0...max(0, settings.alertWindow)).map { current(granularity).advanced(by: -$0) }
    }

    /// Whether `period` is inside the alert window.
    public func inWindow(_ period: Period) -> Bool {
        period.distance(to: current(period.granularity)) <= max(0, settings.alertWindow)
    }

    /// The periods of `granularity` to judge for a scope whose history starts at `firstPeriod`:
    /// the window, plus each `touched` period and the baseline's length of periods after it (a file
    /// can complete their baselines); never a period not yet begun, nor one before `firstPeriod`.
    public func periods(_ granularity: Granularity, touched: Set<Period>, firstPeriod: Period?) -> [Period] {
        guard let firstPeriod else { return [] }
        var periods = Set(window(granularity))
        let length = coverage.baselineLength(granularity)
        for period in touched where period.granularity == granularity {
            for k in 0...length { periods.insert(period.advanced(by: k)) }
        }
        let current = current(granularity)
        return periods.filter { $0 <= current && $0 >= firstPeriod }.sorted()
    }

    /// The first and last periods whose counts judging `periods` needs.
    public func countsNeeded(for periods: [Period]) -> (from: Period, to: Period)? {
        guard let first = periods.min(), let last = periods.max() else { return nil }
        return (SpikeEvaluator(settings: settings).periodsNeeded(for: first).first ?? first, last)
    }

    /// The decisions for `period` of `scope`.
    ///
    /// - `counts`: the scope's counts (`countsNeeded`); `firstPeriod`: its first referral's period.
    /// - `states`: the alert rows of this scope and period, by rule.
    ///
    /// A period that can be judged gets every rule's finding; a firing alert whose rule has no
    /// finding (the period can no longer be judged) no longer holds. A rule that holds for a
    /// partner whose `feed_silent` fires is not raised as `below_lower_limit`.
    public func decide(scope: String, period: Period, counts: [Period: Int], firstPeriod: Period?,
                       states: [AlertRule: AlertLifecycle.State]) -> [AlertDecision] {
        var findings: [Finding] = []
        if coverage.canJudge(scope, period, firstPeriod: firstPeriod) {
            let evaluator = SpikeEvaluator(settings: settings)
            let known = coverage.known(scope, among: evaluator.periodsNeeded(for: period))
            findings = evaluator.evaluate(scope: scope, period: period, counts: counts, firstPeriod: firstPeriod,
                                          inProgress: period == current(period.granularity), known: known)
        }
        for (rule, state) in states.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where state == .firing && rule != .feedSilent && !findings.contains(where: { $0.rule == rule }) {
            findings.append(Finding(rule: rule, scope: scope, period: period, holds: false, observed: counts[period] ?? 0))
        }
        let inWindow = inWindow(period)
        var decisions: [AlertDecision] = []
        for finding in findings {
            var lifecycle = AlertLifecycle(state: states[finding.rule] ?? .none)
            let action = lifecycle.handle(.evaluated(holds: finding.holds, inWindow: inWindow))
            if finding.rule == .belowLowerLimit, coverage.silent.contains(scope), action == .raise || action == .recordHistoric {
                continue
            }
            if action != .none { decisions.append(AlertDecision(action, finding)) }
        }
        return decisions
    }
}
