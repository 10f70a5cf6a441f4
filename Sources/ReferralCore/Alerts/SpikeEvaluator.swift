/// Judges one scope's period against its history: the SPC rules and fixed thresholds of alerts.md.
public struct SpikeEvaluator: Sendable {
    public let settings: SpikeSettings

    public init(settings: SpikeSettings) { self.settings = settings }

    /// The periods whose counts `evaluate` needs for `period`: its baseline and sustained-rise
    /// run, oldest first, ending with `period` itself.
    public func periodsNeeded(for period: Period) -> [Period] { fatalError("stub") }

    /// Every rule's finding for `period` of `scope`.
    ///
    /// - `counts`: counts by period for at least `periodsNeeded(for:)`; a missing period counts 0.
    /// - `firstPeriod`: the scope's first period with a referral (history before it is not zero
    ///   counts: those periods are left out of the baseline); `nil` when the scope has none.
    /// - `inProgress`: the period contains today: only `above_upper_limit` and thresholds apply.
    public func evaluate(scope: String, period: Period, counts: [Period: Int], firstPeriod: Period?, inProgress: Bool) -> [Finding] {
        fatalError("stub")
    }
}
