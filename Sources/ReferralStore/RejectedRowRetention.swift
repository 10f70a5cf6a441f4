import PostgresLibPQ

/// Retention for the raw bytes of refused rows (personal data): deletes the `rejected_row` rows
/// of files whose ledger row finished longer ago than an age. The ledger (`ingested_file`), its
/// issues (`row_issue`) and the referrals are never touched, so every sum still balances.
///
/// Needs DELETE on `rejected_row`, which the daemon's role does not have: run it as the schema
/// owner (operations.md, Retention).
public struct RejectedRowRetention {
    /// What a pass deleted (or, dry, would delete).
    public struct Tally: Equatable, Sendable {
        public var rows: Int
        /// Ledger files those rows belonged to.
        public var files: Int
    }

    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Deletes (with `dryRun`, only counts) the refused rows of files finished more than
    /// `seconds` ago. The connection's `search_path` must name the schema.
    public func purge(olderThanSeconds seconds: Int64, dryRun: Bool = false) throws -> Tally {
        let matching = """
            FROM rejected_row r JOIN ingested_file f ON f.id = r.file_id
            WHERE f.finished_at < now() - make_interval(secs => $1::double precision)
            """
        let sql = dryRun
            ? "SELECT count(*), count(DISTINCT r.file_id) \(matching)"
            : """
              WITH gone AS (
                  DELETE FROM rejected_row r USING ingested_file f
                  WHERE f.id = r.file_id AND f.finished_at < now() - make_interval(secs => $1::double precision)
                  RETURNING r.file_id)
              SELECT count(*), count(DISTINCT file_id) FROM gone
              """
        let result = try connection.query(sql, [String(seconds)])
        return Tally(rows: Int(result[0, 0] ?? "0") ?? 0, files: Int(result[0, 1] ?? "0") ?? 0)
    }
}
