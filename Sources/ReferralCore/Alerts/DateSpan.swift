/// The referral dates of one loaded file, earliest to latest (alerts.md, *Coverage*); or a
/// *stretch*: such spans of one partner joined.
public struct DateSpan: Hashable, Sendable, CustomStringConvertible {
    public let first: CivilDate
    public let last: CivilDate

    /// The span between two dates, whichever order they come in.
    public init(_ a: CivilDate, _ b: CivilDate) {
        first = min(a, b)
        last = max(a, b)
    }

    /// Whether `date` lies inside the span.
    public func contains(_ date: CivilDate) -> Bool { first <= date && date <= last }

    public var description: String { "\(first)…\(last)" }
}
