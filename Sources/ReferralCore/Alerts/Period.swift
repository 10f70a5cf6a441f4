/// One counting period: a calendar month, an ISO week (Monday start) or a day.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let granularity: Granularity
    /// The first day: the 1st of the month, the ISO week's Monday, or the day itself.
    public let start: CivilDate

    /// The period of `granularity` containing `date`.
    public init(_ granularity: Granularity, containing date: CivilDate) {
        self.granularity = granularity
        switch granularity {
        case .month:
            // The 1st always exists, so the validating initialiser cannot fail here.
            start = date.adding(days: 1 - date.day)
        case .week:
            start = date.adding(days: 1 - date.weekday)
        case .day:
            start = date
        }
    }

    /// The period `n` periods later (negative: earlier).
    public func advanced(by n: Int) -> Period {
        switch granularity {
        case .month: Period(.month, containing: start.adding(months: n))
        case .week: Period(.week, containing: start.adding(days: 7 * n))
        case .day: Period(.day, containing: start.adding(days: n))
        }
    }

    /// Periods from `self` to `other` (0 when equal, negative when `other` is earlier).
    ///
    /// `other` is read at `self`'s granularity (the period of that length holding its start).
    public func distance(to other: Period) -> Int {
        let target = Period(granularity, containing: other.start).start
        switch granularity {
        case .month:
            return (target.year * 12 + target.month) - (start.year * 12 + start.month)
        case .week:
            // Both starts are Mondays, so the difference is an exact number of weeks.
            return (target.daysSinceEpoch - start.daysSinceEpoch) / 7
        case .day:
            return target.daysSinceEpoch - start.daysSinceEpoch
        }
    }

    /// The last day of the period.
    public var end: CivilDate {
        switch granularity {
        case .month: start.adding(months: 1).adding(days: -1)
        case .week: start.adding(days: 6)
        case .day: start
        }
    }

    /// `2013-05`, `2013-W19` (ISO week-year and week) or `2013-05-14`.
    public var description: String {
        switch granularity {
        case .month:
            // `yyyy-MM-dd` without its `-dd`, whatever the year's width.
            return String(start.description.dropLast(3))
        case .week:
            let (year, week) = start.isoWeek
            return "\(Period.pad(year, 4))-W\(Period.pad(week, 2))"
        case .day:
            return start.description
        }
    }

    public static func < (a: Period, b: Period) -> Bool { a.start < b.start }

    /// `value` zero-padded to `width` digits, its sign (if negative) in front.
    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
