/// XmR (individuals and moving range) limits, as NHS "Making Data Count" computes them.
public struct ProcessLimits: Equatable, Sendable {
    public let mean: Double
    /// Average moving range after screening (if screening was asked for).
    public let averageMovingRange: Double
    public let upper: Double
    public let lower: Double
    /// Baseline points used.
    public let points: Int

    /// Limits over `baseline` (at least 2 points): mean ± 2.66 × mR̄; with `screen`, moving
    /// ranges above 3.267 × mR̄ are removed and mR̄ recomputed once. `nil` with fewer than 2 points.
    public init?(baseline: [Int], screen: Bool) { fatalError("stub") }
}
