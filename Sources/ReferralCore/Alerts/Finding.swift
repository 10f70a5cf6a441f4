/// What one rule says about one scope's period: whether it holds, with the figures the alert
/// line and the `alert` row carry.
public struct Finding: Equatable, Sendable {
    public var rule: AlertRule
    public var scope: String
    public var period: Period
    public var holds: Bool
    public var observed: Int
    public var mean: Double?
    public var upperLimit: Double?
    public var lowerLimit: Double?
    /// Baseline points used (0 for fixed thresholds).
    public var baseline: Int

    public init(rule: AlertRule, scope: String, period: Period, holds: Bool, observed: Int,
                mean: Double? = nil, upperLimit: Double? = nil, lowerLimit: Double? = nil, baseline: Int = 0) {
        self.rule = rule; self.scope = scope; self.period = period; self.holds = holds; self.observed = observed
        self.mean = mean; self.upperLimit = upperLimit; self.lowerLimit = lowerLimit; self.baseline = baseline
    }
}
