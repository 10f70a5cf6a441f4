/// Which periods are known for a scope, a partner or `total` (alerts.md, *Coverage*), on one day.
///
/// A period is known for `total` once it is known for every partner whose referrals reach into
/// that period or its baseline, leaving out partners whose `feed_silent` alert fires; and at least
/// one partner must count (a period nobody's files reach is not known).
///
/// A partner still *sending* (its `feed_silent` on and not firing) counts even when its history
/// so far is all older than the baseline: its older files are arriving first (a backfill through
/// `run`, partner by partner), and `total` waits for the rest rather than judge without it. For
/// such a partner a period before its first referral needs no file.
public struct ScopeCoverage: Sendable, Equatable {
    /// The scope name of every partner together.
    public static let total = "total"

    /// Each partner's coverage (partners with no loaded file may be absent).
    public let partners: [String: Coverage]
    /// Partners whose `feed_silent` alert fires: they do not hold `total` back.
    public let silent: Set<String>
    /// Partners whose `feed_silent` is on: while not silent, they always count for `total`.
    public let watched: Set<String>
    public let today: CivilDate
    /// Days allowed at either end of a month (`coverage_gap`).
    public let allowance: Int
    /// Baseline length by granularity (`baseline_periods`).
    public let baselinePeriods: [Granularity: Int]

    public init(partners: [String: Coverage], silent: Set<String> = [], watched: Set<String> = [], today: CivilDate,
                settings: SpikeSettings) {
        self.partners = partners
        self.silent = silent
        self.watched = watched
        self.today = today
        self.allowance = settings.coverageGap
        self.baselinePeriods = settings.baselinePeriods.mapValues { max(0, $0) }
        self.minBaseline = settings.minBaselinePoints
    }

    private let minBaseline: Int

    /// The baseline length for `granularity` (as `SpikeEvaluator` reads it).
    public func baselineLength(_ granularity: Granularity) -> Int {
        baselinePeriods[granularity] ?? max(0, minBaseline)
    }

    /// The partners `total` waits for in `period`: not silent, and with referrals reaching into
    /// the period or its baseline, or watched (still sending).
    public func partnersCounted(in period: Period) -> [String] {
        let from = period.advanced(by: -baselineLength(period.granularity)).start
        return partners.filter { !silent.contains($0.key) && (watched.contains($0.key) || $0.value.reaches(from: from, to: period.end)) }
            .map(\.key).sorted()
    }

    /// Whether `period` is known for `scope`.
    public func knows(_ scope: String, _ period: Period) -> Bool {
        if scope == Self.total {
            let counted = partnersCounted(in: period).compactMap { partners[$0] }
            let knowing = counted.filter { $0.knows(period, today: today, allowance: allowance) }
            return !knowing.isEmpty && counted.allSatisfy { c in
                c.knows(period, today: today, allowance: allowance) || c.firstDate.map { period.end < $0 } ?? false
            }
        }
        return partners[scope]?.knows(period, today: today, allowance: allowance) ?? false
    }

    /// Whether `period` of `scope` may be judged: it is known, and every period of its baseline
    /// is known or lies before the scope's first referral (`firstPeriod`).
    public func canJudge(_ scope: String, _ period: Period, firstPeriod: Period?) -> Bool {
        guard let firstPeriod, period >= firstPeriod, knows(scope, period) else { return false }
        let length = baselineLength(period.granularity)
        guard length > 0 else { return true }
        return (1...length).map { period.advanced(by: -$0) }.allSatisfy { $0 < firstPeriod || knows(scope, $0) }
    }

    /// The known periods among `periods` for `scope`.
    public func known(_ scope: String, among periods: [Period]) -> Set<Period> {
        Set(periods.filter { knows(scope, $0) })
    }
}
