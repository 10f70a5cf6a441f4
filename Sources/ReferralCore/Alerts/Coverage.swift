/// What one partner's loaded files cover (alerts.md, *Coverage*): their spans joined into
/// *stretches*, and which periods are therefore *known*.
///
/// Spans join unless `joiningGap` or more days without a referral separate them: a missing weekly
/// or monthly file always leaves such a gap; weekends, bank holidays and a quiet end of month do not.
public struct Coverage: Sendable, Equatable {
    /// Days without a referral that separate two stretches.
    public static let joiningGap = 7

    /// Disjoint stretches, oldest first.
    public let stretches: [DateSpan]

    public init(spans: [DateSpan]) {
        var joined: [DateSpan] = []
        for span in spans.sorted(by: { $0.first < $1.first }) {
            if let last = joined.last,
               span.first.daysSinceEpoch - last.last.daysSinceEpoch - 1 < Self.joiningGap {
                joined[joined.count - 1] = DateSpan(last.first, max(last.last, span.last))
            } else {
                joined.append(span)
            }
        }
        stretches = joined
    }

    /// The earliest referral date of any loaded file.
    public var firstDate: CivilDate? { stretches.first?.first }
    /// The latest referral date of any loaded file.
    public var lastDate: CivilDate? { stretches.last?.last }

    /// Whether any referral of the partner falls between `from` and `to` (inclusive), as far as
    /// its history goes (first to last referral).
    public func reaches(from: CivilDate, to: CivilDate) -> Bool {
        guard let first = firstDate, let last = lastDate else { return false }
        return first <= to && last >= from
    }

    /// Whether `period` is known on `today`:
    /// - closed month: inside one stretch, allowing `allowance` days at either end;
    /// - closed week or day: wholly inside one stretch;
    /// - the period in progress: once a stretch reaches its first day (a month: allowing
    ///   `allowance` days);
    /// - a period not yet begun: never.
    ///
    /// A partner's history starts at its first referral: in the period holding that date, the
    /// days before it need no file.
    public func knows(_ period: Period, today: CivilDate, allowance: Int) -> Bool {
        guard let firstDate, period.start <= today, period.end >= firstDate else { return false }
        let slack = period.granularity == .month ? max(0, allowance) : 0
        let from = max(period.start, firstDate).daysSinceEpoch
        let inProgress = today <= period.end
        return stretches.contains { stretch in
            guard stretch.first.daysSinceEpoch <= from + slack else { return false }
            return inProgress
                ? stretch.last.daysSinceEpoch >= from
                : stretch.last.daysSinceEpoch >= period.end.daysSinceEpoch - slack
        }
    }
}
