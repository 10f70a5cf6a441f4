import PostgresLibPQ

/// Keeps `referral.child_key` and `referral.is_re_referral` true for the children one file
/// touches, inside that file's transaction (report.md), working on the file's staged rows so that
/// each referral is written once, with its final key and flag.
///
/// Call, once the rows are staged and repeats marked: `link`, then `touch`, then `judge`; write
/// the staged rows with their flags (`referrald_flag`); then `reflag`. `begin` takes one advisory
/// lock, held until commit: a merge re-keys other partners' referrals, so files of different
/// partners take their turn rather than deadlock on each other's rows.
struct ChildLinker {
    let connection: PostgresConnection
    let partner: String

    /// Takes the lock and creates the transaction's work tables; call before the file writes
    /// any referral.
    static func begin(on connection: PostgresConnection, partner: String) throws -> ChildLinker {
        try connection.query(ChildSQL.lock)
        try connection.execute(ChildSQL.workMemory)
        try connection.execute(ChildSQL.create)
        return ChildLinker(connection: connection, partner: partner)
    }

    /// Merges the children that the staged rows link (a row with two identifiers), re-keying
    /// earlier referrals of the merged keys, then gives the staged rows their current keys.
    /// `anyReferral`: some partner already has referrals (else nothing can be re-keyed).
    func link(anyReferral: Bool) throws {
        let hadAliases = try connection.query(ChildSQL.anyAlias)[0, 0] == "t"
        let edges = try connection.query(ChildSQL.edges(throughAliases: hadAliases)).affectedRows
        if edges > 0 {
            try connection.execute(ChildSQL.analyzeLinks)
            var round = 2
            while try connection.query(ChildSQL.propagate(everyLink: round == 2), [String(round)]).affectedRows > 0 { round += 1 }
            let followAndRekey = hadAliases || anyReferral
            // Else the database's first children: `child_alias` is empty, its indexes built once.
            let indexes = followAndRekey ? nil : try BulkIndexes.drop(on: connection, table: "child_alias")
            try connection.query(ChildSQL.merge(followAndRekey: followAndRekey))
            try indexes?.rebuild(on: connection)
        }
        if hadAliases || edges > 0 { try connection.query(ChildSQL.canonicalise) }
    }

    /// Records the children whose referrals the file adds, moves or re-dates (with those `link`
    /// re-keyed). Call after `link`, before the staged rows replace referrals.
    func touch(firstFile: Bool) throws {
        if firstFile {
            try connection.query(ChildSQL.touchFirstFile)
        } else {
            try connection.query(ChildSQL.touch, [partner])
        }
        try connection.execute(ChildSQL.analyzeTouched)
    }

    /// Judges every referral of the touched children, as they will be once the staged rows are
    /// written: staged re-referrals into `referrald_flag`, other referrals' changes set aside.
    func judge(firstFile: Bool) throws {
        try connection.query(ChildSQL.flags(everyStagedChild: firstFile), [partner])
        try connection.execute(ChildSQL.analyzeFlags)
    }

    /// Writes the changed flags of the touched children's other referrals. Call last.
    func reflag() throws {
        try connection.query(ChildSQL.reflag)
    }
}
