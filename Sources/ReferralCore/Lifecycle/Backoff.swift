/// Exponential backoff with jitter for database outages: 1 s doubling to 60 s.
public struct Backoff: Sendable, Equatable {
    public let initial: Double
    public let maximum: Double
    public private(set) var failures = 0

    public init(initial: Double = 1, maximum: Double = 60) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Seconds to wait after one more failure; `random` in 0..<1 spreads instances apart
    /// ("equal jitter": half the step fixed, half random).
    public mutating func nextDelay(random: Double) -> Double {
        let step = min(maximum, initial * Double(1 << min(failures, 30)))
        failures += 1
        return step / 2 + step / 2 * min(max(random, 0), 1)
    }

    /// True while an outage is in progress (at least one failure since the last success).
    public var inOutage: Bool { failures > 0 }

    public mutating func reset() { failures = 0 }
}
