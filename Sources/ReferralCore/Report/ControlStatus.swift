/// Where a scope's month sits on its XmR chart, by alerts.md's rules.
public enum ControlStatus: String, Sendable, Equatable, CaseIterable {
    /// No rule holds.
    case withinLimits = "within_limits"
    /// `above_upper_limit` holds (over the upper limit and past the small-number guards).
    case spike
    /// `sustained_rise` holds: `run_length` months in a row above the mean.
    case sustainedRise = "sustained_rise"
    /// `below_lower_limit` holds: a partner's feed may have failed.
    case belowLowerLimit = "below_lower_limit"
    /// Fewer baseline months than `min_baseline_points`: no SPC rule is judged.
    case insufficientHistory = "insufficient_history"
    /// The month or its baseline is not yet covered by every partner's files (alerts.md,
    /// *Coverage*): no rule is judged on data that has not arrived.
    case awaitingData = "awaiting_data"

    /// The words a reader sees.
    public var label: String {
        switch self {
        case .withinLimits: "within limits"
        case .spike: "spike"
        case .sustainedRise: "sustained rise"
        case .belowLowerLimit: "below the lower limit"
        case .insufficientHistory: "too little history"
        case .awaitingData: "files still to arrive"
        }
    }
}
