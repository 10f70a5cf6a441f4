/// Builds the report card from the store's raw counts: the pure maths of report.md, with the
/// control status from `SpikeEvaluator` (the alerts' own rules and settings) at month granularity.
public struct ReportCardBuilder: Sendable {
    public static let chartMonths = 24
    public static let rollingMonths = 12

    public var settings: SpikeSettings
    public var population: Int?
    public var benchmarks: [Benchmark]
    /// The configured time zone, named in the notes (files are counted by the day they arrived there).
    public var timezone: String

    public init(settings: SpikeSettings, population: Int?, benchmarks: [Benchmark], timezone: String) {
        self.settings = settings
        self.population = population
        self.benchmarks = benchmarks
        self.timezone = timezone
    }

    /// Months before the report month in the baseline (alerts' `baseline_periods.month`).
    public var baselineMonths: Int {
        max(1, settings.baselinePeriods[.month] ?? settings.minBaselinePoints)
    }

    /// The earliest month whose count the card needs: the chart's first month's baseline and
    /// sustained-rise run.
    public func earliestMonthNeeded(for month: Period) -> Period {
        let evaluator = SpikeEvaluator(settings: settings)
        let chartStart = month.advanced(by: -(Self.chartMonths - 1))
        return min(evaluator.periodsNeeded(for: chartStart).first ?? chartStart, month.advanced(by: -Self.rollingMonths))
    }

    /// The card for `month` (a month period) from each partner's data, in the order given; the
    /// total is added last. `today` decides whether the month is still in progress. With
    /// `coverage`, a month is judged by the alerts' coverage rules (alerts.md): only once it and
    /// its baseline are known.
    public func build(month: Period, today: CivilDate, partners: [ScopeData], coverage: ScopeCoverage? = nil) -> ReportCard {
        let inProgress = month == Period(.month, containing: today)
        let scopes = (partners + [ScopeData.total(of: partners)])
            .map { figures($0, month: month, inProgress: inProgress, coverage: coverage) }
        return ReportCard(
            month: month, inProgress: inProgress,
            baselineFirst: month.advanced(by: -baselineMonths), baselineLast: month.advanced(by: -1),
            rollingFirst: month.advanced(by: -(Self.rollingMonths - 1)),
            population: population, benchmarks: benchmarks, settings: settings, scopes: scopes,
            notes: ReportNotes(builder: self, month: month, inProgress: inProgress).lines)
    }

    /// One scope's figures.
    func figures(_ data: ScopeData, month: Period, inProgress: Bool, coverage: ScopeCoverage? = nil) -> ScopeFigures {
        let referrals = data.monthlyCounts[month] ?? 0
        let lastYear = month.advanced(by: -12)
        let baseline = (1...baselineMonths).map { month.advanced(by: -$0) }
            .filter { first in data.firstMonth.map { first >= $0 } ?? false }
        let meanMonths = baseline.count
        let mean = meanMonths > 0 ? Double(baseline.map { data.monthlyCounts[$0] ?? 0 }.reduce(0, +)) / Double(meanMonths) : nil
        let control = reading(data, month: month, first: data.firstMonth, inProgress: inProgress, coverage: coverage).reading
        let title = Self.title(of: data.scope)
        var figures = ScopeFigures(
            scope: data.scope, title: title, referrals: referrals,
            sameMonthLastYear: data.firstMonth.map { lastYear >= $0 } == true ? data.monthlyCounts[lastYear] ?? 0 : nil,
            twelveMonthMean: mean, meanMonths: meanMonths, control: control,
            reReferrals: data.reReferrals, reReferralPercent: Percent.of(data.reReferrals, referrals),
            rollingReferrals: data.rollingReferrals, rollingReReferrals: data.rollingReReferrals,
            rollingReReferralPercent: Percent.of(data.rollingReReferrals, data.rollingReferrals),
            concurrent: data.concurrent, concurrentPercent: Percent.of(data.concurrent, referrals),
            monthRatePer10000: Percent.per10000(referrals, population: population),
            annualRatePer10000: Percent.per10000(data.rollingReferrals, population: population),
            quality: DataQuality(data, referrals: referrals),
            chart: chart(data, month: month, inProgress: inProgress, coverage: coverage), caption: "")
        figures.caption = ReportCaption.sentence(figures, month: month, inProgress: inProgress, settings: settings)
        return figures
    }

    /// The last 24 months from the scope's first referral, each judged against its own baseline
    /// exactly as the alert evaluation would; a sustained rise marks its whole run.
    func chart(_ data: ScopeData, month: Period, inProgress: Bool, coverage: ScopeCoverage? = nil) -> [ChartPoint] {
        guard let first = data.firstMonth, first <= month else { return [] }
        let start = max(first, month.advanced(by: -(Self.chartMonths - 1)))
        let months = (0...start.distance(to: month)).map { start.advanced(by: $0) }
        let readings = months.map { period in
            reading(data, month: period, first: first, inProgress: inProgress && period == month, coverage: coverage)
        }
        let findings = readings.map(\.findings)
        var points = zip(months, readings).map { period, judged in
            let reading = judged.reading
            let signal: ChartPoint.Signal = switch reading.status {
            case .spike, .sustainedRise: .concern
            case .belowLowerLimit: .low
            case .withinLimits, .insufficientHistory, .awaitingData: .none
            }
            return ChartPoint(month: period, count: data.monthlyCounts[period] ?? 0, mean: reading.mean,
                              upperLimit: reading.upperLimit, lowerLimit: reading.lowerLimit, signal: signal)
        }
        let run = max(1, settings.runLength)
        for index in points.indices where findings[index].contains(where: { $0.rule == .sustainedRise && $0.holds }) {
            for back in max(0, index - run + 1)...index where points[back].signal == .none {
                points[back].signal = .concern
            }
        }
        return points
    }

    /// One month's findings and reading, judged as the alerts judge it: with `coverage`, only once
    /// the month and its baseline are known, over known months only.
    func reading(_ data: ScopeData, month: Period, first: Period?, inProgress: Bool,
                 coverage: ScopeCoverage?) -> (findings: [Finding], reading: ControlReading) {
        let evaluator = SpikeEvaluator(settings: settings)
        if let coverage, !coverage.canJudge(data.scope, month, firstPeriod: first) {
            return ([], ControlReading(status: .awaitingData))
        }
        let known = coverage?.known(data.scope, among: evaluator.periodsNeeded(for: month))
        let findings = evaluator.evaluate(scope: data.scope, period: month, counts: data.monthlyCounts,
                                          firstPeriod: first, inProgress: inProgress, known: known)
        return (findings, ControlReading(findings: findings))
    }

    /// "All partners" for the total, else the partner's name with a capital.
    public static func title(of scope: String) -> String {
        scope == "total" ? "All partners" : scope.prefix(1).uppercased() + scope.dropFirst()
    }
}
