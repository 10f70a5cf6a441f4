import PostgresLibPQ

/// Keeps `referral.child_key` and `referral.is_re_referral` true for the children one file
/// touches, inside that file's transaction (report.md).
///
/// Call `link` once the file's rows are staged (later files) or in `referral` (a partner's first
/// file), `touch` before staged rows replace referrals, and `markReReferrals` last. `begin` takes
/// one advisory lock, held until commit: a merge re-keys other partners' referrals, so files of
/// different partners take their turn rather than deadlock on each other's rows.
struct ChildLinker {
    let connection: PostgresConnection
    let partner: String
    let rows: ChildSQL.Rows

    /// Takes the lock and creates the transaction's work tables; call before the file writes
    /// any referral.
    static func begin(on connection: PostgresConnection, partner: String, rows: ChildSQL.Rows) throws -> ChildLinker {
        try connection.query(ChildSQL.lock)
        try connection.execute(ChildSQL.workMemory)
        try connection.execute(ChildSQL.create)
        return ChildLinker(connection: connection, partner: partner, rows: rows)
    }

    /// Merges the children that the file's rows link (a row with two identifiers), re-keying
    /// earlier referrals of the merged keys, then gives the file's rows their current keys.
    func link() throws {
        let hadAliases = try connection.query(ChildSQL.anyAlias)[0, 0] == "t"
        let parameters = rows.parameterCount == 1 ? [partner] : []
        let edges = try connection.query(ChildSQL.edges(rows), parameters).affectedRows
        if edges > 0 {
            try connection.query(ChildSQL.nodes)
            try connection.execute(ChildSQL.analyzeLinks)
            var round = 2
            while try connection.query(ChildSQL.propagate, [String(round)]).affectedRows > 0 { round += 1 }
            try connection.query(ChildSQL.merge)
        }
        // Rows already in `referral` were re-keyed by the merge; staged rows were not, and any
        // row may carry a key merged away by an earlier file.
        if hadAliases || (edges > 0 && rows == .staged) {
            switch rows {
            case .firstFile: try connection.query(ChildSQL.canonicaliseFirstFile, [partner])
            case .staged: try connection.query(ChildSQL.canonicaliseStaged)
            }
        }
    }

    /// Records the children whose referrals the file adds, moves or re-dates. For staged rows,
    /// call after `link` and before the rows replace referrals.
    func touch() throws {
        switch rows {
        case .firstFile: try connection.query(ChildSQL.touchFirstFile, [partner])
        case .staged: try connection.query(ChildSQL.touchStaged, [partner])
        }
    }

    /// Sets `is_re_referral` for every referral of the touched children.
    func markReReferrals() throws {
        try connection.execute(ChildSQL.analyzeTouched)
        try connection.query(ChildSQL.reReferrals)
    }
}
