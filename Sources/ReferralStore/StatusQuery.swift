import PostgresLibPQ

/// What `referrald status` reads from the ledger: each partner's last file and today's counts.
public struct StatusQuery {
    /// A partner's most recent file in the ledger.
    public struct LastFile: Sendable, Equatable {
        public var fileId: Int64
        /// As received; sanitise before printing.
        public var fileName: String
        public var status: String
        /// Unix seconds.
        public var receivedAt: Double
        public var finishedAt: Double?
    }

    /// A partner's files and rows received since a given instant.
    public struct Counts: Sendable, Equatable {
        public var files = 0
        public var loaded = 0
        public var duplicate = 0
        public var refused = 0
        public var rows = 0
        public var rowsLoaded = 0
        public var rowsRejected = 0
        public var rowsDuplicate = 0

        public init() {}
    }

    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Each partner's most recent file (by `received_at`); partners without one are absent.
    public func lastFiles(partners: [String]) throws -> [String: LastFile] {
        let rows = try connection.query(
            """
            SELECT p, f.id, f.file_name, f.status, extract(epoch FROM f.received_at)::float8, extract(epoch FROM f.finished_at)::float8
            FROM unnest($1::text[]) AS p
            CROSS JOIN LATERAL (
                SELECT id, file_name, status, received_at, finished_at FROM ingested_file
                WHERE partner = p ORDER BY received_at DESC, id DESC LIMIT 1
            ) AS f
            """, [Self.array(partners)])
        var last: [String: LastFile] = [:]
        for i in 0..<rows.rowCount {
            guard let partner = rows[i, 0], let id = rows[i, 1].flatMap({ Int64($0) }),
                  let received = rows[i, 4].flatMap(Double.init) else { continue }
            last[partner] = LastFile(
                fileId: id, fileName: rows[i, 2] ?? "", status: rows[i, 3] ?? "", receivedAt: received,
                finishedAt: rows[i, 5].flatMap(Double.init))
        }
        return last
    }

    /// Files and rows each partner's files received since `since` (Unix seconds) hold.
    public func counts(partners: [String], since: Double) throws -> [String: Counts] {
        let rows = try connection.query(
            """
            SELECT partner, count(*),
                   count(*) FILTER (WHERE status = 'loaded'), count(*) FILTER (WHERE status = 'duplicate'),
                   count(*) FILTER (WHERE status = 'refused'),
                   sum(rows_total), sum(rows_loaded), sum(rows_rejected), sum(rows_duplicate)
            FROM ingested_file WHERE partner = ANY($1::text[]) AND received_at >= to_timestamp($2::float8)
            GROUP BY partner
            """, [Self.array(partners), String(since)])
        var counts: [String: Counts] = [:]
        for i in 0..<rows.rowCount {
            guard let partner = rows[i, 0] else { continue }
            let n = (1...8).map { Int(rows[i, $0] ?? "0") ?? 0 }
            var c = Counts()
            (c.files, c.loaded, c.duplicate, c.refused) = (n[0], n[1], n[2], n[3])
            (c.rows, c.rowsLoaded, c.rowsRejected, c.rowsDuplicate) = (n[4], n[5], n[6], n[7])
            counts[partner] = c
        }
        return counts
    }

    /// A text[] literal of partner names (letters, digits, `-`, `_`: nothing to quote).
    static func array(_ names: [String]) -> String {
        "{" + names.map { "\"" + $0 + "\"" }.joined(separator: ",") + "}"
    }
}
