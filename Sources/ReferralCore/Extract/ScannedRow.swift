/// One data row as the scanner hands it on: its position, its outcome, and for a refused row
/// the bytes as received.
public struct ScannedRow: Sendable {
    /// 1-based data row (the header is row 0).
    public var row: Int
    public var outcome: RowOutcome
    /// The row's bytes as received; filled only for refused rows (kept in `rejected_row`).
    public var raw: [UInt8]
    /// The row's reference, when it could be read: for reports, never for logs.
    public var partnerRef: String?
}
