/// The statements that keep `child_key` and `is_re_referral` true (report.md).
///
/// Keys are ranked `nhs:` < `upn:` < `la:` < `h:` and then by text: a merged child carries the
/// best key of its group. The rank is a one-character prefix on a sort key, so `min()` picks it.
enum ChildSQL {
    static let lock = "SELECT pg_advisory_xact_lock(hashtext('referrald.children'))"

    /// Sorts and hashes of a large file's children stay in memory (the server's, not ours).
    static let workMemory = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"

    static let create = """
        CREATE TEMP TABLE referrald_link_edge (a text NOT NULL, b text NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_link_node (k text PRIMARY KEY, s text NOT NULL, r int NOT NULL DEFAULT 0) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_touched (child_key text NOT NULL) ON COMMIT DROP;
        """

    /// The planner's row counts for the work tables (temporary tables are never auto-analysed).
    static let analyzeLinks = "ANALYZE referrald_link_edge; ANALYZE referrald_link_node"
    static let analyzeTouched = "ANALYZE referrald_touched"

    static let anyAlias = "SELECT EXISTS (SELECT 1 FROM child_alias)"

    private static func sortKey(_ k: String) -> String {
        "(CASE split_part(\(k), ':', 1) WHEN 'nhs' THEN '1' WHEN 'upn' THEN '2' WHEN 'la' THEN '3' ELSE '4' END || \(k))"
    }

    /// The loaded rows of the file: for a partner's first file every referral of the partner
    /// ($1), else the accepted staged rows.
    enum Rows {
        case firstFile, staged

        var sql: String {
            switch self {
            case .firstFile: "SELECT nhs_number, upn, la_child_id, child_key FROM referral WHERE partner = $1"
            case .staged: "SELECT nhs_number, upn, la_child_id, child_key FROM referrald_stage WHERE kind = 'a'"
            }
        }

        var parameterCount: Int { self == .firstFile ? 1 : 0 }
    }

    /// Links between two children not yet one: every row carrying two or more identifiers links
    /// its best key to the others, each end read through `child_alias` to its current child.
    /// Stored both ways; returns how many there are.
    static func edges(_ rows: Rows) -> String {
        """
        WITH pair AS (
            SELECT DISTINCT s.child_key AS a, v.k AS b
            FROM (\(rows.sql)) s
            CROSS JOIN LATERAL (VALUES ('nhs:' || s.nhs_number), ('upn:' || s.upn), ('la:' || s.la_child_id)) AS v (k)
            WHERE num_nonnulls(s.nhs_number, s.upn, s.la_child_id) >= 2 AND v.k IS NOT NULL AND v.k <> s.child_key
        ), link AS (
            SELECT DISTINCT coalesce(x.child_key, p.a) AS a, coalesce(y.child_key, p.b) AS b
            FROM pair p
            LEFT JOIN child_alias x ON x.alias = p.a
            LEFT JOIN child_alias y ON y.alias = p.b
        )
        INSERT INTO referrald_link_edge (a, b)
        SELECT a, b FROM link WHERE a <> b
        UNION ALL
        SELECT b, a FROM link WHERE a <> b
        """
    }

    /// Every end of a link with the best label among itself and its neighbours: the first round
    /// of propagation, done while the nodes are made. A node that took a neighbour's label is
    /// marked changed in round 1.
    static let nodes = """
        INSERT INTO referrald_link_node (k, s, r)
        SELECT a, least(\(sortKey("a")), min(\(sortKey("b")))), CASE WHEN min(\(sortKey("b"))) < \(sortKey("a")) THEN 1 ELSE 0 END
        FROM referrald_link_edge GROUP BY a
        """

    /// Round $1 of label propagation: the neighbours of every node whose label changed in the
    /// round before take that label when it is better. Repeated until no node changes: as many
    /// rounds as the longest chain of links, each reading only the nodes that just changed.
    static let propagate = """
        UPDATE referrald_link_node n SET s = m.s, r = $1
        FROM (SELECT e.b AS k, min(c.s) AS s
              FROM referrald_link_node c JOIN referrald_link_edge e ON e.a = c.k
              WHERE c.r = $1 - 1
              GROUP BY e.b) m
        WHERE n.k = m.k AND m.s < n.s
        """

    /// Children merged away: their aliases follow them, they become aliases, and their
    /// referrals (any partner's) are re-keyed in this transaction.
    static let merge = """
        WITH moved AS (
            SELECT k, substr(s, 2) AS c FROM referrald_link_node WHERE substr(s, 2) <> k
        ), followed AS (
            UPDATE child_alias a SET child_key = m.c, linked_at = now() FROM moved m WHERE a.child_key = m.k
        ), aliased AS (
            INSERT INTO child_alias (alias, child_key) SELECT k, c FROM moved
            ON CONFLICT (alias) DO UPDATE SET child_key = EXCLUDED.child_key, linked_at = now()
        ), rekeyed AS (
            UPDATE referral r SET child_key = m.c FROM moved m WHERE r.child_key = m.k RETURNING m.c
        )
        INSERT INTO referrald_touched (child_key) SELECT c FROM rekeyed
        """

    /// A first file's referrals whose key was merged away before this file.
    static let canonicaliseFirstFile = """
        UPDATE referral r SET child_key = a.child_key FROM child_alias a
        WHERE r.partner = $1 AND a.alias = r.child_key
        """

    static let canonicaliseStaged = """
        UPDATE referrald_stage s SET child_key = a.child_key FROM child_alias a
        WHERE s.kind = 'a' AND a.alias = s.child_key
        """

    /// $1 partner: every child of a first file.
    static let touchFirstFile = "INSERT INTO referrald_touched (child_key) SELECT DISTINCT child_key FROM referral WHERE partner = $1"

    /// $1 partner, before the staged rows replace referrals: the old and new child of each
    /// referral whose child or date changes, and the child of each new referral.
    static let touchStaged = """
        INSERT INTO referrald_touched (child_key)
        SELECT DISTINCT k FROM (
            SELECT unnest(ARRAY[r.child_key, s.child_key]) AS k
            FROM referrald_stage s JOIN referral r ON r.partner = $1 AND r.partner_ref = s.partner_ref
            WHERE s.kind = 'a' AND (r.child_key, r.referral_date) IS DISTINCT FROM (s.child_key, s.referral_date)
            UNION ALL
            SELECT s.child_key FROM referrald_stage s
            WHERE s.kind = 'a' AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.partner = $1 AND r.partner_ref = s.partner_ref)
        ) t
        """

    /// The DfE definition for every referral of the touched children: another referral of the
    /// child on or after `d − 12 months` and before `d`. Same-day referrals are not earlier.
    static let reReferrals = """
        UPDATE referral r SET is_re_referral = f.flag
        FROM (
            SELECT partner, partner_ref, is_re_referral AS was,
                   count(*) OVER (PARTITION BY child_key ORDER BY referral_date
                                  RANGE BETWEEN interval '12 months' PRECEDING AND interval '1 day' PRECEDING) > 0 AS flag
            FROM referral WHERE child_key IN (SELECT child_key FROM referrald_touched)
        ) f
        WHERE f.flag <> f.was AND r.partner = f.partner AND r.partner_ref = f.partner_ref
        """
}
