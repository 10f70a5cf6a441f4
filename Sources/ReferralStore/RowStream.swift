import PostgresLibPQ
import ReferralCore

/// Streams a scanner's rows into COPY: every row to the staging table, or, for a partner's
/// first file, first occurrences straight to `referral` and the rest (warnings, refused rows,
/// possible repeats) to a spool for the staging table.
struct RowStream {
    let fileWarnings: [RowIssue]
    fileprivate var encoder = CopyTextEncoder()
    private var keys = KeyFilter()
    /// Accepted rows whose key may repeat an earlier one (checked in SQL).
    private(set) var candidates = 0
    /// Rows copied straight into `referral`, and their referral dates.
    fileprivate(set) var directRows = 0
    fileprivate(set) var directDays: [CivilDate: Int] = [:]

    init(fileWarnings: [RowIssue]) {
        self.fileWarnings = fileWarnings
    }

    mutating func streamStaged<Source: ByteSource>(
        _ scanner: inout ExtractScanner<Source>, into writer: inout CopyInWriter, progress: (Int) throws -> Void
    ) throws {
        try forEachRow(&scanner, progress: progress, fileIssue: { try writer.write($0) }) { stream, row in
            StagingRow.encode(row, maybeDuplicate: stream.isCandidate(row), into: &stream.encoder)
            try writer.write(stream.encoder.bytes)
        }
    }

    mutating func streamFirstFile<Source: ByteSource>(
        _ scanner: inout ExtractScanner<Source>, partner: String, fileId: String, into writer: inout CopyInWriter,
        spool: Spool, progress: (Int) throws -> Void
    ) throws {
        try forEachRow(&scanner, progress: progress, fileIssue: { try spool.append($0) }) { stream, row in
            guard case .accepted(let referral, let warnings) = row.outcome, !stream.isCandidate(row) else {
                StagingRow.encode(row, maybeDuplicate: true, into: &stream.encoder)
                try spool.append(stream.encoder.bytes)
                return
            }
            StagingRow.encodeReferral(referral, partner: partner, fileId: fileId, into: &stream.encoder)
            try writer.write(stream.encoder.bytes)
            stream.directRows += 1
            stream.directDays[referral.referralDate, default: 0] += 1
            if !warnings.isEmpty {
                stream.encoder.reset()
                StagingRow.encodeWarnings(row, into: &stream.encoder)
                try spool.append(stream.encoder.bytes)
            }
        }
    }

    /// The file's warnings through `fileIssue`, then each row through `body` with the encoder
    /// reset; `progress` every 1,024 rows (cheap: a flag and a rate-limited watchdog ping; often
    /// enough that SIGTERM rolls a file back within the 10 s stop budget on a slow, busy host).
    private mutating func forEachRow<Source: ByteSource>(
        _ scanner: inout ExtractScanner<Source>, progress: (Int) throws -> Void,
        fileIssue: ([UInt8]) throws -> Void, _ body: (inout RowStream, ScannedRow) throws -> Void
    ) throws {
        for issue in fileWarnings {
            encoder.reset()
            StagingRow.encodeFileIssue(issue, into: &encoder)
            try fileIssue(encoder.bytes)
        }
        var rows = 0
        while let row = try scanner.next() {
            rows += 1
            if rows & 1023 == 0 { try progress(rows) }
            encoder.reset()
            try body(&self, row)
        }
    }

    /// True for an accepted row whose key the filter may have seen.
    fileprivate mutating func isCandidate(_ row: ScannedRow) -> Bool {
        guard case .accepted(let referral, _) = row.outcome, keys.insert(referral.partnerRef) else { return false }
        candidates += 1
        return true
    }
}
