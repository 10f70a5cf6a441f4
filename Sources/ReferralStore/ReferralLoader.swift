import PostgresLibPQ
import ReferralCore

/// Loads one file in one transaction: ledger row, COPY into a staging table, children merged
/// and re-referrals judged there (`ChildLinker`), referral counts, referrals upserted with their
/// final keys and flags, row issues and refused rows, and the ledger's counts.
///
/// The connection's `search_path` must already name the schema (see `ReferralDatabase`).
/// Memory stays flat however large the file: in-file repeats are found by a fixed-size filter
/// and confirmed in SQL.
public struct ReferralLoader {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The ledger id of the file already loaded with these bytes for this partner, if any.
    public func loadedFile(partner: String, sha256: String) throws -> Int64? {
        let result = try connection.query(
            "SELECT id FROM ingested_file WHERE partner = $1 AND sha256 = $2 AND status = 'loaded'", [partner, sha256])
        return result.rowCount > 0 ? result[0, 0].flatMap { Int64($0) } : nil
    }

    /// Records a file whose bytes were already loaded: a `duplicate` ledger row, nothing else.
    public func recordDuplicate(_ receipt: FileReceipt, of original: Int64) throws -> FileSummary {
        let id = try insertLedger(receipt, status: .duplicate, reason: "same bytes as file \(original)")
        try connection.query("UPDATE ingested_file SET finished_at = clock_timestamp() WHERE id = $1", [String(id)])
        var summary = FileSummary(fileId: id, status: .duplicate)
        summary.duplicateOf = original
        return summary
    }

    /// Records a file refused whole, with its reason as a row-0 issue. Call inside a transaction.
    public func recordRefusal(_ receipt: FileReceipt, _ refusal: FileRefusal) throws -> FileSummary {
        let id = try insertLedger(receipt, status: .refused, reason: refusal.message)
        try connection.query(
            "INSERT INTO row_issue (file_id, row_number, field, rule, severity, message) VALUES ($1, 0, 'file', $2, 'error', $3)",
            [String(id), refusal.rule, refusal.message])
        try connection.query("UPDATE ingested_file SET finished_at = clock_timestamp() WHERE id = $1", [String(id)])
        var summary = FileSummary(fileId: id, status: .refused)
        summary.refusal = refusal
        return summary
    }

    /// Loads the file's rows. Call inside a transaction, after `scanner.readHeader()` succeeded,
    /// holding the partner's lock (see `FileIngestor`); `fileWarnings` are the header's warnings.
    /// `progress` is called every 1,024 rows (to ping the watchdog, or to throw and roll back on
    /// shutdown). The caller commits.
    ///
    /// Every row is staged first: a row's child may be decided by any later row of the file, and
    /// staging lets each referral be written once, with its final key and flag. Later files
    /// replace only what changed.
    public func load<Rows: RowSource>(
        _ receipt: FileReceipt, scanner: inout ExtractScanner<Rows>, fileWarnings: [RowIssue],
        progress: (Int) throws -> Void = { _ in }
    ) throws -> FileSummary {
        let id = try insertLedger(receipt, status: .loaded, reason: nil)
        let fileId = String(id)
        try connection.execute(StagingSQL.create)
        let children = try ChildLinker.begin(on: connection, partner: receipt.partner)
        // Read under the children's lock: no other partner's load can add referrals until commit.
        let existing = try connection.query(StagingSQL.partnerHasReferrals, [receipt.partner])
        let firstFile = existing[0, 0] != "t", anyReferral = existing[0, 1] == "t"
        var stream = RowStream(fileWarnings: fileWarnings)
        try connection.copyIn(StagingSQL.copy) { writer in try stream.stream(&scanner, into: &writer, progress: progress) }
        try connection.execute(StagingSQL.analyze)
        if stream.candidates > 0 { try connection.query(StagingSQL.markDuplicates) }
        try children.link(anyReferral: anyReferral)
        let touched: PostgresResult
        if !anyReferral {
            // The database's first referrals: nothing else to touch, judge or re-flag.
            touched = try connection.query(StagingSQL.countsFirstFile, [receipt.partner])
            try connection.execute(StagingSQL.sortMemory)
            let indexes = try BulkIndexes.drop(on: connection, table: "referral")
            try connection.query(StagingSQL.insertFirstInDatabase, [receipt.partner, fileId])
            try indexes?.rebuild(on: connection)
        } else {
            try children.touch(firstFile: firstFile)
            try children.judge(firstFile: firstFile)
            if firstFile {
                touched = try connection.query(StagingSQL.countsFirstFile, [receipt.partner])
            } else {
                touched = try connection.query(StagingSQL.counts, [receipt.partner])
                try connection.query(StagingSQL.update, [receipt.partner, fileId])
            }
            try connection.query(StagingSQL.insertNew(firstFile: firstFile), [receipt.partner, fileId])
            try children.reflag()
        }
        try connection.query(StagingSQL.issues, [fileId])
        try connection.query(StagingSQL.rejected, [fileId])
        let counts = try connection.query(StagingSQL.ledger, [fileId])
        var summary = FileSummary(fileId: id, status: .loaded)
        summary.fileName = receipt.fileName
        for i in 0..<touched.rowCount {
            if let granularity = touched[i, 0].flatMap(Granularity.init(rawValue:)),
               let date = touched[i, 1].flatMap(CivilDate.init(iso:)) {
                summary.touchedPeriods.insert(Period(granularity, containing: date))
            }
        }
        summary.rowsLoaded = Int(counts[0, "loaded"] ?? "0") ?? 0
        summary.rowsDuplicate = Int(counts[0, "duplicate"] ?? "0") ?? 0
        summary.rowsRejected = Int(counts[0, "rejected"] ?? "0") ?? 0
        summary.rowsTotal = summary.rowsLoaded + summary.rowsDuplicate + summary.rowsRejected
        summary.warnings = Int(counts[0, "warnings"] ?? "0") ?? 0
        return summary
    }

    private func insertLedger(_ receipt: FileReceipt, status: FileSummary.Status, reason: String?) throws -> Int64 {
        let result = try connection.query(
            """
            INSERT INTO ingested_file (partner, file_name, sha256, bytes, status, reason, received_at, mesh_message_id, mesh_sender)
            VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), $7,
                    (SELECT sender FROM mesh_message WHERE message_id = $7))
            RETURNING id
            """,
            [receipt.partner, receipt.fileName, receipt.sha256, String(receipt.bytes), status.rawValue, reason, receipt.externalID])
        guard let id = result[0, 0].flatMap({ Int64($0) }) else {
            throw PostgresError(kind: .statement, message: "INSERT … RETURNING id gave no id")
        }
        return id
    }
}

extension ReferralLoader {
    /// The ledger's account of a file, read back (e.g. for a file committed before a crash).
    public func summary(fileId: Int64) throws -> FileSummary? {
        let r = try connection.query(
            """
            SELECT f.status, f.rows_total, f.rows_loaded, f.rows_rejected, f.rows_duplicate, f.warnings, i.rule, i.message
            FROM ingested_file f LEFT JOIN row_issue i ON i.file_id = f.id AND i.row_number = 0 AND i.severity = 'error'
            WHERE f.id = $1 LIMIT 1
            """,
            [String(fileId)])
        guard r.rowCount == 1, let status = r[0, 0].flatMap(FileSummary.Status.init(rawValue:)) else { return nil }
        var summary = FileSummary(fileId: fileId, status: status)
        summary.rowsTotal = Int(r[0, 1] ?? "0") ?? 0
        summary.rowsLoaded = Int(r[0, 2] ?? "0") ?? 0
        summary.rowsRejected = Int(r[0, 3] ?? "0") ?? 0
        summary.rowsDuplicate = Int(r[0, 4] ?? "0") ?? 0
        summary.warnings = Int(r[0, 5] ?? "0") ?? 0
        if status == .refused, let rule = r[0, 6] {
            summary.refusal = FileRefusal(rule: rule, message: r[0, 7] ?? "")
        }
        return summary
    }
}
