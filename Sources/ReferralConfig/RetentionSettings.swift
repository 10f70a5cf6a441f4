import Foundation

/// The `retention:` section (operations.md): opt-in, explicit ages after which archived files
/// and the raw bytes of refused rows are removed. An absent key keeps that data forever.
public struct RetentionSettings: Sendable, Equatable {
    /// Files in `processed/` and `reports/` older than this are removed.
    public var processedFiles: Duration?
    /// `rejected_row` rows (refused rows' raw bytes) of files finished longer ago are deleted.
    public var rejectedRows: Duration?
    /// Who runs retention in the database: a role allowed to DELETE from `rejected_row` (the
    /// schema owner). Absent: the daemon's conninfo, whose role usually cannot delete.
    public var conninfo: String?

    public init(processedFiles: Duration? = nil, rejectedRows: Duration? = nil, conninfo: String? = nil) {
        self.processedFiles = processedFiles
        self.rejectedRows = rejectedRows
        self.conninfo = conninfo
    }

    /// True when neither kind of data has an age: nothing is ever removed.
    public var isEmpty: Bool { processedFiles == nil && rejectedRows == nil }

    static let keys: Set<String> = ["processed_files", "rejected_rows", "conninfo"]
    /// One day to a hundred years: an age under a day is almost certainly a typo (`400m`).
    static let ages: ClosedRange<Duration> = .seconds(86_400)...(.seconds(36_500 * 86_400))

    init(_ node: StrictNode) throws(ConfigError) {
        let f = try node.fields(Self.keys)
        if let n = f["processed_files"] { processedFiles = try n.duration(in: Self.ages) }
        if let n = f["rejected_rows"] { rejectedRows = try n.duration(in: Self.ages) }
        if let n = f["conninfo"] {
            let text = try n.string()
            if text.range(of: "password", options: .caseInsensitive) != nil {
                throw n.error("the password must not be in this file: use PGPASSFILE, ~/.pgpass or a systemd credential")
            }
            conninfo = text
        }
    }
}
