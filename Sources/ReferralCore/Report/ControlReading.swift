/// A scope's control status for one month, with the mean and process limits it was judged
/// against: the findings of `SpikeEvaluator` (the alerts' own code and settings), read at month
/// granularity.
public struct ControlReading: Sendable, Equatable {
    /// The first listed of spike, sustained rise, below the lower limit that holds; else within
    /// limits (or too little history when no SPC rule could be judged).
    public var status: ControlStatus
    /// Every SPC rule that holds (a spike can also end a sustained rise).
    public var rulesHolding: [AlertRule]
    /// The baseline's mean and limits (`nil` with too little history).
    public var mean: Double?
    public var upperLimit: Double?
    public var lowerLimit: Double?
    /// Baseline months used.
    public var baselinePoints: Int
    /// With a sustained rise: the mean the run was judged against (the baseline before the run).
    public var runMean: Double?
    /// The observed count is over the upper limit but the small-number guards stopped a spike.
    public var aboveLimitButGuarded: Bool

    public init(status: ControlStatus, rulesHolding: [AlertRule] = [], mean: Double? = nil, upperLimit: Double? = nil,
                lowerLimit: Double? = nil, baselinePoints: Int = 0, aboveLimitButGuarded: Bool = false) {
        self.status = status
        self.rulesHolding = rulesHolding
        self.mean = mean
        self.upperLimit = upperLimit
        self.lowerLimit = lowerLimit
        self.baselinePoints = baselinePoints
        self.aboveLimitButGuarded = aboveLimitButGuarded
        self.runMean = nil
    }

    /// The reading from one period's findings (`SpikeEvaluator.evaluate`); fixed thresholds are
    /// not part of the control status.
    public init(findings: [Finding]) {
        let spc = findings.filter { $0.rule != .threshold }
        let limits = spc.first { $0.rule == .aboveUpperLimit }
        let holding = spc.filter(\.holds).map(\.rule)
        let status: ControlStatus
        if limits == nil {
            status = .insufficientHistory
        } else if holding.contains(.aboveUpperLimit) {
            status = .spike
        } else if holding.contains(.sustainedRise) {
            status = .sustainedRise
        } else if holding.contains(.belowLowerLimit) {
            status = .belowLowerLimit
        } else {
            status = .withinLimits
        }
        let guarded = limits.map { !$0.holds && Double($0.observed) > ($0.upperLimit ?? .infinity) } ?? false
        self.init(status: status, rulesHolding: holding, mean: limits?.mean, upperLimit: limits?.upperLimit,
                  lowerLimit: limits?.lowerLimit, baselinePoints: limits?.baseline ?? 0, aboveLimitButGuarded: guarded)
        runMean = spc.first { $0.rule == .sustainedRise && $0.holds }?.mean
    }
}
