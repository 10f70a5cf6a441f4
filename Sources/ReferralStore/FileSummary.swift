import ReferralCore

/// The ledger's account of one file after its transaction committed.
public struct FileSummary: Sendable, Equatable {
    public enum Status: String, Sendable {
        case loaded, duplicate, refused
    }

    public var fileId: Int64
    public var status: Status
    /// The file's name as received (for log lines; sanitise before printing).
    public var fileName: String?
    public var rowsTotal = 0
    public var rowsLoaded = 0
    public var rowsRejected = 0
    public var rowsDuplicate = 0
    public var warnings = 0
    /// Why the whole file was refused, for `refused`.
    public var refusal: FileRefusal?
    /// For `duplicate`: the ledger row of the file it repeats.
    public var duplicateOf: Int64?
    /// Periods (month, week, day) whose referral counts the file changed.
    public var touchedPeriods: Set<Period> = []

    public init(fileId: Int64, status: Status) {
        self.fileId = fileId
        self.status = status
    }

    /// True when every data row is accounted for.
    public var balances: Bool { rowsTotal == rowsLoaded + rowsRejected + rowsDuplicate }
}
