/// One date pattern a partner's extract uses, such as `dd/MM/yyyy` or `dd-MMM-yyyy`.
public struct DateFormat: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    /// `nil` when the pattern is not one this parser supports.
    public init?(pattern: String) { fatalError("stub") }
    /// The date, or `nil` when the text does not match or is not a real date.
    public func parse(_ text: String) -> CivilDate? { fatalError("stub") }
    public var description: String { pattern }
}
