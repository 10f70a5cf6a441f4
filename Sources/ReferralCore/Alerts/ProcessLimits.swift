/// XmR (individuals and moving range) limits, as NHS "Making Data Count" computes them.
public struct ProcessLimits: Equatable, Sendable {
    public let mean: Double
    /// Average moving range after screening (if screening was asked for).
    public let averageMovingRange: Double
    public let upper: Double
    public let lower: Double
    /// Baseline points used.
    public let points: Int

    /// The XmR constant turning mR̄ into the distance from the mean to a process limit.
    public static let limitFactor = 2.66
    /// Moving ranges above this multiple of mR̄ are screened out (the upper range limit, D4).
    public static let screeningFactor = 3.267

    /// Limits over `baseline` (at least 2 points): mean ± 2.66 × mR̄; with `screen`, moving
    /// ranges above 3.267 × mR̄ are removed and mR̄ recomputed once. `nil` with fewer than 2 points.
    public init?(baseline: [Int], screen: Bool) {
        guard baseline.count >= 2 else { return nil }
        let values = baseline.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let ranges = zip(values.dropFirst(), values).map { abs($0 - $1) }
        var averageRange = ranges.reduce(0, +) / Double(ranges.count)
        if screen {
            let cutoff = ProcessLimits.screeningFactor * averageRange
            // Never empty: at least one range is no larger than the average.
            let kept = ranges.filter { $0 <= cutoff }
            if !kept.isEmpty {
                averageRange = kept.reduce(0, +) / Double(kept.count)
            }
        }
        self.mean = mean
        self.averageMovingRange = averageRange
        self.upper = mean + ProcessLimits.limitFactor * averageRange
        self.lower = mean - ProcessLimits.limitFactor * averageRange
        self.points = baseline.count
    }
}
