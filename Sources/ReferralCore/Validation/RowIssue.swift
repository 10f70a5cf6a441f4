/// A warning or error about one row (or, with row 0, the file), identified only by position,
/// field and rule: it never carries a value from the file.
public struct RowIssue: Sendable, Equatable, Hashable {
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// 1-based data row (the header is row 0, and file-level issues use 0).
    public var row: Int
    /// The standard field, or `row` / `file` for issues about the whole row or file.
    public var field: String
    /// The rule, e.g. `nhs_number.invalid`.
    public var rule: String
    public var severity: Severity
    /// A constant explanation for people; never a value from the file.
    public var message: String

    public init(row: Int, field: String, rule: String, severity: Severity, message: String) {
        self.row = row
        self.field = field
        self.rule = rule
        self.severity = severity
        self.message = message
    }
}
