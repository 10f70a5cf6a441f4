/// What validation made of one data row.
public enum RowOutcome: Sendable, Equatable {
    /// Loaded, possibly with warnings.
    indirect case accepted(StandardRecord, warnings: [RowIssue])
    /// Refused: at least one error; the row's raw bytes are kept in `rejected_row`.
    case refused(issues: [RowIssue])

    /// Every issue of the row, warnings and errors.
    public var issues: [RowIssue] {
        switch self {
        case .accepted(_, let warnings): warnings
        case .refused(let issues): issues
        }
    }

    /// The accepted row's reference (its record's `partnerRef`); `nil` when refused.
    public var partnerRef: String? {
        switch self {
        case .accepted(let record, _): record.partnerRef
        case .refused: nil
        }
    }
}
