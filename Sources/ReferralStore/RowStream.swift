import PostgresLibPQ
import ReferralCore

/// Streams a scanner's rows into the staging table's COPY, marking the accepted rows whose key
/// may repeat an earlier row of the file.
struct RowStream {
    let fileWarnings: [RowIssue]
    private var encoder = CopyTextEncoder()
    private var keys = KeyFilter()
    /// Accepted rows whose key may repeat an earlier one (checked in SQL).
    private(set) var candidates = 0

    init(fileWarnings: [RowIssue]) {
        self.fileWarnings = fileWarnings
    }

    /// The file's warnings, then every row; `progress` every 1,024 rows (cheap: a flag and a
    /// rate-limited watchdog ping; often enough that SIGTERM rolls a file back within the 10 s
    /// stop budget on a slow, busy host).
    mutating func stream<Rows: RowSource>(
        _ scanner: inout ExtractScanner<Rows>, into writer: inout CopyInWriter, progress: (Int) throws -> Void
    ) throws {
        for issue in fileWarnings {
            encoder.reset()
            StagingRow.encodeFileIssue(issue, into: &encoder)
            try writer.write(encoder.bytes)
        }
        var rows = 0
        while let row = try scanner.next() {
            rows += 1
            if rows & 1023 == 0 { try progress(rows) }
            encoder.reset()
            StagingRow.encode(row, maybeDuplicate: isCandidate(row), into: &encoder)
            try writer.write(encoder.bytes)
        }
    }

    /// True for an accepted row whose key the filter may have seen.
    private mutating func isCandidate(_ row: ScannedRow) -> Bool {
        guard case .accepted(let referral, _) = row.outcome, keys.insert(referral.partnerRef) else { return false }
        candidates += 1
        return true
    }
}
