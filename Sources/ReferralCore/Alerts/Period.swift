/// One counting period: a calendar month, an ISO week (Monday start) or a day.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let granularity: Granularity
    /// The first day: the 1st of the month, the ISO week's Monday, or the day itself.
    public let start: CivilDate

    /// The period of `granularity` containing `date`.
    public init(_ granularity: Granularity, containing date: CivilDate) { fatalError("stub") }

    /// The period `n` periods later (negative: earlier).
    public func advanced(by n: Int) -> Period { fatalError("stub") }

    /// Periods from `self` to `other` (0 when equal, negative when `other` is earlier).
    public func distance(to other: Period) -> Int { fatalError("stub") }

    /// The last day of the period.
    public var end: CivilDate { fatalError("stub") }

    /// `2013-05`, `2013-W19` (ISO week-year and week) or `2013-05-14`.
    public var description: String { fatalError("stub") }

    public static func < (a: Period, b: Period) -> Bool { a.start < b.start }
}
