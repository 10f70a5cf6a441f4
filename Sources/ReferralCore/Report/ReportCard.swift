/// The monthly report card of report.md: every partner and the total, with the settings and
/// notes a reader needs to interpret it. Aggregate figures only: no personal data.
public struct ReportCard: Sendable, Equatable {
    public var month: Period
    /// The report month contains today: its counts are still growing, and only the upper limit
    /// is judged (alerts.md).
    public var inProgress: Bool
    /// The months behind the 12-month mean and the process limits (the baseline before the
    /// report month), and the rolling 12 months of the re-referral rate and annual rate.
    public var baselineFirst: Period
    public var baselineLast: Period
    public var rollingFirst: Period
    public var population: Int?
    public var benchmarks: [Benchmark]
    /// The alert settings the control status was judged with.
    public var settings: SpikeSettings
    /// Partners (configuration order, then any others found in the data), then `total`.
    public var scopes: [ScopeFigures]
    /// What each figure counts, in plain English.
    public var notes: [String]

    public init(month: Period, inProgress: Bool, baselineFirst: Period, baselineLast: Period, rollingFirst: Period,
                population: Int?, benchmarks: [Benchmark], settings: SpikeSettings, scopes: [ScopeFigures], notes: [String]) {
        self.month = month
        self.inProgress = inProgress
        self.baselineFirst = baselineFirst
        self.baselineLast = baselineLast
        self.rollingFirst = rollingFirst
        self.population = population
        self.benchmarks = benchmarks
        self.settings = settings
        self.scopes = scopes
        self.notes = notes
    }

    /// The `total` scope.
    public var total: ScopeFigures? { scopes.first(where: \.isTotal) }
}
