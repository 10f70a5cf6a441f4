/// The tunables of spike detection (the configuration's `alerts:` section, as pure values).
public struct SpikeSettings: Sendable, Equatable {
    public var baselinePeriods: [Granularity: Int] = [.month: 12, .week: 26, .day: 28]
    public var minBaselinePoints = 12
    public var screenMovingRanges = true
    public var runLength = 7
    public var minCount = 10
    public var minIncrease = 0.2
    /// Closed periods before the one in progress that may still fire.
    public var alertWindow = 1
    /// Days a closed month's files may fall short of either end and the month still be known.
    public var coverageGap = 3
    /// scope → granularity → fixed limit (fires when observed exceeds it).
    public var thresholds: [String: [Granularity: Int]] = [:]

    public init() {}
}
