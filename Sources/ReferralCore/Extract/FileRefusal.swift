/// Why a whole file is refused: nothing of it is loaded and it goes to `rejected/` with a report.
public struct FileRefusal: Error, Sendable, Equatable {
    /// `file.empty`, `file.not_text`, `file.too_large`, `file.missing_columns`, `file.header_malformed`, `file.unreadable`.
    public var rule: String
    /// For people; names columns from the profile, never a value from a data row.
    public var message: String

    public init(rule: String, message: String) {
        self.rule = rule
        self.message = message
    }

    /// As a row-0 issue for reports and `row_issue`.
    public var issue: RowIssue {
        RowIssue(row: 0, field: "file", rule: rule, severity: .error, message: message)
    }
}
