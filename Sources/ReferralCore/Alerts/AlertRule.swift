/// The alert rules of alerts.md.
public enum AlertRule: String, Sendable, CaseIterable, Hashable {
    case aboveUpperLimit = "above_upper_limit"
    case sustainedRise = "sustained_rise"
    case belowLowerLimit = "below_lower_limit"
    case threshold = "threshold"
    case feedSilent = "feed_silent"
}
