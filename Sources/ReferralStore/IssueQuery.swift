import PostgresLibPQ
import ReferralCore

/// Reads a file's row issues back in row order, in pages, for the partner report.
public struct IssueQuery {
    public let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Calls `body` with each issue of the file and its partner_ref, in row order.
    public func forEachIssue(fileId: Int64, pageSize: Int = 5000, _ body: (RowIssue, String?) throws -> Void) throws {
        var afterRow = -1
        var afterCtid = "(0,0)"
        while true {
            let page = try connection.query(
                """
                SELECT row_number, partner_ref, field, rule, severity, message, ctid::text FROM row_issue
                WHERE file_id = $1 AND (row_number, ctid) > ($2::int, $3::tid)
                ORDER BY row_number, ctid LIMIT $4
                """,
                [String(fileId), String(afterRow), afterCtid, String(pageSize)])
            for i in 0..<page.rowCount {
                let issue = RowIssue(
                    row: Int(page[i, 0] ?? "0") ?? 0, field: page[i, 2] ?? "", rule: page[i, 3] ?? "",
                    severity: page[i, 4] == "error" ? .error : .warning, message: page[i, 5] ?? "")
                try body(issue, page[i, 1])
                afterRow = issue.row
                afterCtid = page[i, 6] ?? afterCtid
            }
            if page.rowCount < pageSize { return }
        }
    }
}
