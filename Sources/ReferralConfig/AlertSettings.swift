import ReferralCore

/// The `alerts:` section of the configuration (alerts.md); every key has a default.
public struct AlertSettings: Sendable, Equatable {
    public var granularities: [Granularity] = [.month, .week]
    /// The evaluator's tunables: baselines, guards, run length, window, fixed thresholds.
    public var spike = SpikeSettings()
    /// Partner → the longest it may go without a file (overrides `feedSilentDefault`).
    public var feedSilent: [String: Duration] = [:]
    /// The limit for partners not named in `feedSilent`; `nil`: off.
    public var feedSilentDefault: Duration? = .seconds(35 * 86_400)
    /// Partners whose `feed_silent` is `off`.
    public var feedSilentOff: Set<String> = []

    public init() {}

    static let keys: Set<String> = [
        "granularities", "baseline_periods", "min_baseline_points", "screen_moving_ranges", "run_length",
        "min_count", "min_increase", "alert_window", "coverage_gap", "thresholds", "feed_silent",
    ]

    init(_ node: StrictNode) throws(ConfigError) {
        let f = try node.fields(Self.keys)
        if let n = f["granularities"] {
            granularities = []
            for item in try n.sequence() {
                guard let g = Granularity(rawValue: try item.string()) else { throw item.error("expected month, week or day") }
                granularities.append(g)
            }
            guard !granularities.isEmpty else { throw n.error("at least one granularity") }
        }
        if let n = f["baseline_periods"] {
            for (key, value) in try n.mapping() {
                guard let g = Granularity(rawValue: key) else { throw value.error("expected month, week or day") }
                spike.baselinePeriods[g] = try value.int(in: 2...520)
            }
        }
        if let n = f["min_baseline_points"] { spike.minBaselinePoints = try n.int(in: 2...520) }
        if let n = f["screen_moving_ranges"] { spike.screenMovingRanges = try n.bool() }
        if let n = f["run_length"] { spike.runLength = try n.int(in: 2...100) }
        if let n = f["min_count"] { spike.minCount = try n.int(in: 0...1_000_000) }
        if let n = f["min_increase"] { spike.minIncrease = try n.double(in: 0...100) }
        if let n = f["alert_window"] { spike.alertWindow = try n.int(in: 0...120) }
        if let n = f["coverage_gap"] {
            spike.coverageGap = Int(try n.duration(in: .zero...(.seconds(27 * 86_400))).components.seconds / 86_400)
        }
        if let n = f["thresholds"] {
            for (scope, byGranularity) in try n.mapping() {
                var limits: [Granularity: Int] = [:]
                for (key, value) in try byGranularity.mapping() {
                    guard let g = Granularity(rawValue: key) else { throw value.error("expected month, week or day") }
                    limits[g] = try value.int(in: 1...100_000_000)
                }
                spike.thresholds[scope] = limits
            }
        }
        if let n = f["feed_silent"] {
            if case .scalar = n.node {
                guard try n.string() == "off" else { throw n.error("expected off, or a mapping of partner (or default) to a duration or off") }
                feedSilentDefault = nil
            } else {
                for (partner, value) in try n.mapping() {
                    let limit = try Self.silenceLimit(value)
                    if partner == "default" {
                        feedSilentDefault = limit
                    } else if let limit {
                        feedSilent[partner] = limit
                    } else {
                        feedSilentOff.insert(partner)
                    }
                }
            }
        }
    }

    /// The `feed_silent` limit for `partner`; `nil`: off.
    public func feedSilentLimit(for partner: String) -> Duration? {
        feedSilentOff.contains(partner) ? nil : feedSilent[partner] ?? feedSilentDefault
    }

    /// A duration of a minute to a year, or `off` (`nil`).
    private static func silenceLimit(_ node: StrictNode) throws(ConfigError) -> Duration? {
        if (try? node.string()) == "off" { return nil }
        return try node.duration(in: .seconds(60)...(.seconds(365 * 86_400)))
    }
}
