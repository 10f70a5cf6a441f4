/// A calendar date with no time or zone (proleptic Gregorian).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// `nil` unless the date exists (`2013-02-31` does not).
    public init?(year: Int, month: Int, day: Int) { fatalError("stub") }
    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) { fatalError("stub") }
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int { fatalError("stub") }
    public func adding(days: Int) -> CivilDate { fatalError("stub") }
    /// Calendar months later (or earlier), the day clamped to the month's length.
    public func adding(months: Int) -> CivilDate { fatalError("stub") }
    /// ISO 8601 week-numbering year and week (1…53).
    public var isoWeek: (year: Int, week: Int) { fatalError("stub") }
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int { fatalError("stub") }
    /// `yyyy-MM-dd`.
    public var description: String { fatalError("stub") }
    public static func < (a: CivilDate, b: CivilDate) -> Bool { fatalError("stub") }
}
