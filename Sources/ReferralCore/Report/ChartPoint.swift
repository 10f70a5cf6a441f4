/// One month on a scope's XmR chart: its count, the mean and limits of its own baseline, and
/// whether it is a special cause.
public struct ChartPoint: Sendable, Equatable {
    /// Special-cause marking, as "Making Data Count": for referrals a rise is a concern.
    public enum Signal: String, Sendable, Equatable {
        case none
        /// Above the upper limit (a spike) or part of a sustained rise: orange.
        case concern
        /// Below the lower limit: blue.
        case low
    }

    public var month: Period
    public var count: Int
    public var mean: Double?
    public var upperLimit: Double?
    public var lowerLimit: Double?
    public var signal: Signal

    public init(month: Period, count: Int, mean: Double?, upperLimit: Double?, lowerLimit: Double?, signal: Signal) {
        self.month = month
        self.count = count
        self.mean = mean
        self.upperLimit = upperLimit
        self.lowerLimit = lowerLimit
        self.signal = signal
    }
}
