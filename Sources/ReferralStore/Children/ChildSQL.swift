/// The statements that keep `child_key` and `is_re_referral` true (report.md), run on a file's
/// staged rows before they reach `referral`, so no referral is written twice.
///
/// Keys are ranked `nhs:` < `upn:` < `la:` < `h:` and then by text: a merged child carries the
/// best key of its group. In the work tables a key carries its rank as a one-character prefix
/// (`1nhs:…`) and the "C" collation, so `min()` and `<` pick the best key with plain byte
/// comparisons.
enum ChildSQL {
    static let lock = "SELECT pg_advisory_xact_lock(hashtext('referrald.children'))"

    /// Sorts and hashes of a large file's children stay in memory (the server's, not ours).
    static let workMemory = "SET LOCAL work_mem = '64MB'; SET LOCAL jit = off"

    /// `referrald_link_edge`: two children one row links, smaller first. `referrald_label`: the
    /// best key found so far for every key that is not its own best (`r`, the round it changed;
    /// keyed on `k` once round 1 has filled it, see `analyzeLinks`).
    /// `referrald_touched`: children whose referrals change. `referrald_flag`: the staged rows
    /// that are re-referrals. `referrald_reflag`: other referrals whose flag changes.
    static let create = """
        CREATE TEMP TABLE referrald_link_edge (a text COLLATE "C" NOT NULL, b text COLLATE "C" NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_label (k text COLLATE "C" NOT NULL, s text COLLATE "C" NOT NULL, r int NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_touched (child_key text NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_flag (partner_ref text NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE referrald_reflag (partner text NOT NULL, partner_ref text NOT NULL, flag boolean NOT NULL) ON COMMIT DROP;
        """

    /// After round 1: the labels' key (built once from the sorted labels, rather than kept up
    /// while round 1 inserted them in hash order: 0.3 against 1.0 s for 400,000 labels) and the
    /// planner's row counts for the work tables (temporary tables are never auto-analysed).
    static let analyzeLinks = """
        ALTER TABLE referrald_label ADD PRIMARY KEY (k); ANALYZE referrald_link_edge; ANALYZE referrald_label
        """
    static let analyzeTouched = "ANALYZE referrald_touched"
    static let analyzeFlags = "ANALYZE referrald_flag"

    static let anyAlias = "SELECT EXISTS (SELECT 1 FROM child_alias)"

    /// `k` with its rank prefix.
    static func ranked(_ k: String) -> String {
        "((CASE left(\(k), 1) WHEN 'n' THEN '1' WHEN 'u' THEN '2' WHEN 'l' THEN '3' ELSE '4' END || \(k)) COLLATE \"C\")"
    }

    /// A ranked key as stored: prefix off, back in the database's collation (so that lookups
    /// can use the indexes of `child_alias` and `referral`).
    static func unranked(_ k: String) -> String {
        "(substr(\(k), 2) COLLATE \"default\")"
    }

    /// Links between two children not yet one: every staged row carrying two or more identifiers
    /// links its own key to the others. With `throughAliases`, each end is first read through
    /// `child_alias` to the child it belongs to now. In the same statement, round 1 of label
    /// propagation: the larger end of each link takes the best smaller end. Returns how many
    /// labels that gives (none exactly when there is no link).
    static func edges(throughAliases: Bool) -> String {
        let pairs = """
            SELECT \(ranked("s.child_key")) AS a, v.k AS b
            FROM referrald_stage s
            CROSS JOIN LATERAL (VALUES ('1nhs:' || s.nhs_number), ('2upn:' || s.upn), ('3la:' || s.la_child_id)) AS v (k)
            WHERE s.kind = 'a' AND num_nonnulls(s.nhs_number, s.upn, s.la_child_id) >= 2
              AND v.k IS NOT NULL AND substr(v.k, 2) <> s.child_key
            """
        let links = throughAliases
            ? """
              SELECT coalesce(\(ranked("x.child_key")), p.a) AS a, coalesce(\(ranked("y.child_key")), p.b) AS b
              FROM (\(pairs)) p
              LEFT JOIN child_alias x ON x.alias = \(unranked("p.a"))
              LEFT JOIN child_alias y ON y.alias = \(unranked("p.b"))
              """
            : pairs
        return """
            WITH e AS (
                INSERT INTO referrald_link_edge (a, b)
                SELECT DISTINCT least(a, b), greatest(a, b) FROM (\(links)) l WHERE a <> b
                RETURNING a, b
            )
            INSERT INTO referrald_label (k, s, r) SELECT b, min(a), 1 FROM e GROUP BY b
            """
    }

    /// Round $1 (2 and on): every link whose ends disagree gives both ends the better label. In
    /// round 2 every link is read; later, only the links of keys that changed in the round before.
    /// Repeated until nothing changes; then every key of a group has the group's best key.
    static func propagate(everyLink: Bool) -> String {
        let links = everyLink
            ? "SELECT a, b FROM referrald_link_edge"
            : """
              SELECT e.a, e.b FROM referrald_link_edge e JOIN referrald_label c ON c.k = e.a WHERE c.r = $1 - 1
              UNION
              SELECT e.a, e.b FROM referrald_link_edge e JOIN referrald_label c ON c.k = e.b WHERE c.r = $1 - 1
              """
        return """
            WITH disagree AS (
                SELECT l.a, l.b, least(coalesce(x.s, l.a), coalesce(y.s, l.b)) AS s
                FROM (\(links)) l
                LEFT JOIN referrald_label x ON x.k = l.a
                LEFT JOIN referrald_label y ON y.k = l.b
                WHERE coalesce(x.s, l.a) <> coalesce(y.s, l.b)
            ), best AS (
                SELECT k, min(s) AS s FROM (SELECT a AS k, s FROM disagree UNION ALL SELECT b, s FROM disagree) d GROUP BY k
            )
            INSERT INTO referrald_label AS n (k, s, r) SELECT k, s, $1 FROM best WHERE s < k
            ON CONFLICT (k) DO UPDATE SET s = EXCLUDED.s, r = EXCLUDED.r WHERE EXCLUDED.s < n.s
            """
    }

    /// Children merged away: aliases that pointed at them follow them, they become aliases
    /// (written in key order), and earlier referrals of theirs (any partner's) are re-keyed in
    /// this transaction; their children are touched. With no alias and no referral in the
    /// database yet (`followAndRekey` false) there is nothing to follow or re-key and no alias
    /// to conflict with: a plain insert, in no order (the table's indexes are built after it,
    /// see `BulkIndexes`).
    static func merge(followAndRekey: Bool) -> String {
        guard followAndRekey else {
            return """
                INSERT INTO child_alias (alias, child_key)
                SELECT \(unranked("k")), \(unranked("s")) FROM referrald_label
                """
        }
        return """
            WITH moved AS (
                SELECT \(unranked("k")) AS k, \(unranked("s")) AS c FROM referrald_label
            ), followed AS (
                UPDATE child_alias a SET child_key = m.c, linked_at = now() FROM moved m WHERE a.child_key = m.k
            ), aliased AS (
                INSERT INTO child_alias (alias, child_key) SELECT k, c FROM moved ORDER BY k
                ON CONFLICT (alias) DO UPDATE SET child_key = EXCLUDED.child_key, linked_at = now()
            ), rekeyed AS (
                UPDATE referral r SET child_key = m.c FROM moved m WHERE r.child_key = m.k RETURNING m.c
            )
            INSERT INTO referrald_touched (child_key) SELECT DISTINCT c FROM rekeyed
            """
    }

    /// Staged rows whose key was merged away (by this file or an earlier one) take the child's key.
    static let canonicalise = """
        UPDATE referrald_stage s SET child_key = a.child_key FROM child_alias a
        WHERE s.kind = 'a' AND a.alias = s.child_key
        """

    /// $1 partner, before the staged rows replace referrals: the old and new child of each
    /// referral whose child or date changes, and the child of each new referral.
    static let touch = """
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

    /// A partner's first file: every staged child.
    static let touchFirstFile = "INSERT INTO referrald_touched (child_key) SELECT DISTINCT child_key FROM referrald_stage WHERE kind = 'a'"

    /// The DfE rule as a window over a child's referrals: the latest earlier day (same-day
    /// referrals are not earlier) is at most 12 months back. The same as counting the referrals
    /// from `d − 12 months` to the day before `d`, but the frame's start never moves, so the
    /// server keeps one running maximum instead of re-counting a sliding frame (120 against
    /// 430 ms for 200,000 rows). The partitions are the children's, sorted by a hash of the key
    /// first: keys share long prefixes (`nhs:…`), so sorting on them alone compares whole
    /// strings (1.48 against 1.07 s for the window over 1M rows).
    static let isReReferral = """
        coalesce(max(referral_date) OVER (PARTITION BY hashtext(child_key), child_key ORDER BY referral_date
                                          RANGE BETWEEN UNBOUNDED PRECEDING AND interval '1 day' PRECEDING)
                 >= referral_date - interval '12 months', false)
        """

    /// $1 partner. The DfE definition over every referral of the touched children as they will
    /// be once the staged rows replace the partner's: a referral is a re-referral when the child
    /// has another referral on or after `d − 12 months` and before `d` (same-day referrals are
    /// not earlier). Staged re-referrals go to `referrald_flag`; other referrals whose flag
    /// changes, to `referrald_reflag`.
    ///
    /// With `everyStagedChild` (a partner's first file, where every staged child is touched) the
    /// staged rows are not filtered.
    static func flags(everyStagedChild: Bool) -> String {
        """
        WITH after AS (
            SELECT NULL::text AS partner, s.partner_ref, s.child_key, s.referral_date, NULL::boolean AS was
            FROM referrald_stage s WHERE s.kind = 'a'\(everyStagedChild ? "" : " AND s.child_key IN (SELECT child_key FROM referrald_touched)")
            UNION ALL
            SELECT r.partner, r.partner_ref, r.child_key, r.referral_date, r.is_re_referral
            FROM referral r WHERE r.child_key IN (SELECT child_key FROM referrald_touched)
              AND NOT (r.partner = $1 AND EXISTS (
                  SELECT 1 FROM referrald_stage s WHERE s.kind = 'a' AND s.partner_ref = r.partner_ref))
        ), judged AS (
            SELECT partner, partner_ref, was,
                   \(isReReferral) AS flag
            FROM after
        ), staged AS (
            INSERT INTO referrald_flag (partner_ref) SELECT partner_ref FROM judged WHERE partner IS NULL AND flag
        )
        INSERT INTO referrald_reflag (partner, partner_ref, flag)
        SELECT partner, partner_ref, flag FROM judged WHERE partner IS NOT NULL AND flag <> was
        """
    }

    /// Other referrals of the touched children whose flag changed.
    static let reflag = """
        UPDATE referral r SET is_re_referral = x.flag FROM referrald_reflag x
        WHERE r.partner = x.partner AND r.partner_ref = x.partner_ref
        """
}
