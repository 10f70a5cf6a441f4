import PostgresLibPQ
import ReferralCore

/// Streams a scanner's rows into COPY: every row to the staging table, or, for a partner's
/// first file, first occurrences straight to `referral` and the rest (warnings, refused rows,
/// possible repeats) to a spool for the staging table.
struct RowStream {
    let fileWarnings: [RowIssue]
    private var encoder = CopyTextEncoder()
    private var keys = KeyFilter()
    /// Accepted rows whose key may repeat an earlier one (checked in SQL).
    private(set) var candidates = 0
    /// Rows copied straight into `referral`, and their referral dates.
    private(set) var directRows = 0
    private(set) var directDays: [CivilDate: Int] = [:]

    init(fileWarnings: [RowIssue]) {
        self.fileWarnings = fileWarnings
    }

    mutating func streamStaged<Source: ByteSource>(
        _ scanner: inout ExtractScanner<Source>, into writer: inout CopyInWriter, progress: (Int) throws -> Void
    ) throws {
        for issue in fileWarnings {
            encoder.reset()
            StagingRow.encodeFileIssue(issue, into: &encoder)
            try writer.write(encoder.bytes)
        }
        var rows = 0
        while let row = try scanner.next() {
            rows += 1
            if rows & 8191 == 0 { try progress(rows) }
            encoder.reset()
            StagingRow.encode(row, maybeDuplicate: isCandidate(row), into: &encoder)
            try writer.write(encoder.bytes)
        }
    }

    mutating func streamFirstFile<Source: ByteSource>(
        _ scanner: inout ExtractScanner<Source>, partner: String, fileId: String, into writer: inout CopyInWriter,
        spool: Spool, progress: (Int) throws -> Void
    ) throws {
        for issue in fileWarnings {
            encoder.reset()
            StagingRow.encodeFileIssue(issue, into: &encoder)
            try spool.append(encoder.bytes)
        }
        var rows = 0
        while let row = try scanner.next() {
            rows += 1
            if rows & 8191 == 0 { try progress(rows) }
            encoder.reset()
            guard case .accepted(let referral, let warnings) = row.outcome, !isCandidate(row) else {
                StagingRow.encode(row, maybeDuplicate: true, into: &encoder)
                try spool.append(encoder.bytes)
                continue
            }
            StagingRow.encodeReferral(referral, partner: partner, fileId: fileId, into: &encoder)
            try writer.write(encoder.bytes)
            directRows += 1
            directDays[referral.referralDate, default: 0] += 1
            if !warnings.isEmpty {
                encoder.reset()
                StagingRow.encodeWarnings(row, into: &encoder)
                try spool.append(encoder.bytes)
            }
        }
    }

    /// True for an accepted row whose key the filter may have seen.
    private mutating func isCandidate(_ row: ScannedRow) -> Bool {
        guard case .accepted(let referral, _) = row.outcome, keys.insert(referral.partnerRef) else { return false }
        candidates += 1
        return true
    }
}
