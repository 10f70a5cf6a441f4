/// The statements that move a staged file into the contract tables.
///
/// Each statement reads the staging table once (the database's first insert twice: its narrow
/// columns for the re-referral window, then every row); referrals are written in the order their
/// rows were staged. Repeated keys are found by the loader's `KeyFilter` and only its few
/// candidates are checked here.
enum StagingSQL {
    static let create = """
        CREATE TEMP TABLE referrald_stage (
            row_number int NOT NULL, kind "char" NOT NULL, maybe_dup boolean NOT NULL, partner_ref text,
            referral_date date, nhs_number text, upn text, la_child_id text, forename text, surname text,
            date_of_birth date, expected_date_of_birth date, sex text, ethnicity text, postcode text,
            referral_source text, primary_need text, reason text, child_key text, raw bytea, issues text
        ) ON COMMIT DROP
        """

    static let copy = "COPY referrald_stage FROM STDIN"

    /// Statistics only for the columns the later statements filter, join or group on: the
    /// others (names, free text, raw bytes) cost most of the sampling's time and guide no plan.
    static let analyze = "ANALYZE referrald_stage (kind, maybe_dup, partner_ref, child_key, referral_date)"

    static let columnNames = [
        "referral_date", "nhs_number", "upn", "la_child_id", "forename", "surname", "date_of_birth",
        "expected_date_of_birth", "sex", "ethnicity", "postcode", "referral_source", "primary_need", "reason", "child_key",
    ]
    static let columns = columnNames.joined(separator: ", ")

    /// Candidates the filter flagged become `d` when an earlier accepted row has the same key:
    /// the first accepted row of a key wins.
    static let markDuplicates = """
        UPDATE referrald_stage d SET kind = 'd'
        WHERE d.maybe_dup AND d.kind = 'a' AND EXISTS (
            SELECT 1 FROM referrald_stage s
            WHERE s.kind = 'a' AND s.partner_ref = d.partner_ref AND s.row_number < d.row_number)
        """

    /// $1 partner. Run before the referrals change: moves counts for new referrals and for
    /// referrals whose date the file changes (a replaced referral is counted once), and returns
    /// the periods touched.
    static let counts = """
        WITH delta AS (
            SELECT s.referral_date AS day, 1 AS n
            FROM referrald_stage s LEFT JOIN referral r ON r.partner = $1 AND r.partner_ref = s.partner_ref
            WHERE s.kind = 'a' AND (r.partner_ref IS NULL OR r.referral_date <> s.referral_date)
            UNION ALL
            SELECT r.referral_date, -1
            FROM referrald_stage s JOIN referral r ON r.partner = $1 AND r.partner_ref = s.partner_ref
            WHERE s.kind = 'a' AND r.referral_date <> s.referral_date
        )
        \(countsByPeriod)
        """

    /// $1 partner, for a partner's first file: every accepted row is new.
    static let countsFirstFile = """
        WITH delta AS (SELECT referral_date AS day, 1 AS n FROM referrald_stage WHERE kind = 'a')
        \(countsByPeriod)
        """

    /// Days first (a few hundred rows), then their month, ISO week and day.
    private static let countsByPeriod = """
        , by_day AS (SELECT day, sum(n)::int AS n FROM delta GROUP BY day)
        , by_period AS (
            SELECT p.granularity, p.period_start, sum(n)::int AS n
            FROM by_day CROSS JOIN LATERAL (VALUES
                ('month', date_trunc('month', day)::date),
                ('week', date_trunc('week', day)::date),
                ('day', day)) AS p (granularity, period_start)
            GROUP BY 1, 2
        )
        INSERT INTO referral_count AS c (partner, granularity, period_start, count)
        SELECT $1, granularity, period_start, n FROM by_period
        ON CONFLICT (partner, granularity, period_start) DO UPDATE SET count = c.count + EXCLUDED.count
        RETURNING granularity, period_start::text
        """

    /// $1 partner: whether the partner already has referrals (else the plain insert applies),
    /// and whether any partner has (else the file's rows are every referral of their children).
    static let partnerHasReferrals = """
        SELECT EXISTS (SELECT 1 FROM referral WHERE partner = $1), EXISTS (SELECT 1 FROM referral)
        """

    /// The first insert's sort of the staged rows' children and dates (about 100 bytes each) in
    /// the server's memory rather than in temporary files, for the rest of the transaction.
    static let sortMemory = "SET LOCAL work_mem = '256MB'"

    /// $1 partner, $2 file id: the first referrals of the whole database, judged in the statement
    /// that writes them. With no other referral, a child's referrals are exactly its staged rows,
    /// so the DfE rule (ChildSQL.isReReferral) is a window over them: only the narrow columns are
    /// sorted, and the re-referrals' keys are looked up while every row is written in the order it
    /// was staged (the file's), with no sort of whole rows. The table is empty: the loader builds
    /// its indexes after this statement (`BulkIndexes`).
    static let insertFirstInDatabase = """
        WITH flagged AS MATERIALIZED (
            SELECT partner_ref FROM (
                SELECT partner_ref, \(ChildSQL.isReReferral) AS flag FROM referrald_stage WHERE kind = 'a'
            ) judged WHERE flag
        )
        INSERT INTO referral (partner, partner_ref, \(columns), first_file_id, last_file_id, is_re_referral)
        SELECT $1, partner_ref, \(columns), $2::bigint, $2::bigint, partner_ref IN (SELECT partner_ref FROM flagged)
        FROM referrald_stage WHERE kind = 'a'
        """

    /// $1 partner, $2 file id: a later file replaces changed referrals; an unchanged row is not
    /// rewritten. A row of a touched child takes its judged flag (`ChildLinker.judge`); the
    /// others keep theirs.
    static let update = """
        UPDATE referral r SET
            \(columnNames.map { "\($0) = s.\($0)" }.joined(separator: ", ")), last_file_id = $2::bigint,
            is_re_referral = coalesce(s.flag, r.is_re_referral)
        FROM (
            SELECT t.*, CASE WHEN t.child_key IN (SELECT child_key FROM referrald_touched)
                             THEN t.partner_ref IN (SELECT partner_ref FROM referrald_flag) END AS flag
            FROM referrald_stage t WHERE t.kind = 'a'
        ) s
        WHERE r.partner = $1 AND r.partner_ref = s.partner_ref
          AND ((\(columnNames.map { "r." + $0 }.joined(separator: ", ")))
               IS DISTINCT FROM (\(columnNames.map { "s." + $0 }.joined(separator: ", ")))
               OR r.is_re_referral <> coalesce(s.flag, r.is_re_referral))
        """

    /// $1 partner, $2 file id: referrals new to the partner, with their judged flags, in the
    /// order they were staged (see `insertFirstInDatabase`). `firstFile`: the partner has none yet.
    static func insertNew(firstFile: Bool) -> String {
        """
        INSERT INTO referral (partner, partner_ref, \(columns), first_file_id, last_file_id, is_re_referral)
        SELECT $1, partner_ref, \(columns), $2::bigint, $2::bigint, partner_ref IN (SELECT partner_ref FROM referrald_flag)
        FROM referrald_stage s WHERE s.kind = 'a'\(firstFile ? "" : """

          AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.partner = $1 AND r.partner_ref = s.partner_ref)
        """)
        """
    }

    /// $1 file id: every staged issue, plus `row.duplicate` for each repeat of a key.
    static let issues = """
        INSERT INTO row_issue (file_id, row_number, partner_ref, field, rule, severity, message)
        SELECT $1::bigint, s.row_number, s.partner_ref, split_part(i, E'\\x1f', 1), split_part(i, E'\\x1f', 2),
               split_part(i, E'\\x1f', 3), split_part(i, E'\\x1f', 4)
        FROM referrald_stage s CROSS JOIN LATERAL string_to_table(s.issues, E'\\x1e') AS i
        WHERE s.issues IS NOT NULL
        UNION ALL
        SELECT $1::bigint, row_number, partner_ref, 'partner_ref', 'row.duplicate', 'warning',
               'the key repeats an earlier row of this file; the earlier row was loaded'
        FROM referrald_stage WHERE kind = 'd'
        """

    static let rejected = """
        INSERT INTO rejected_row (file_id, row_number, raw)
        SELECT $1::bigint, row_number, raw FROM referrald_stage WHERE kind = 'r'
        """

    /// $1 file id: writes the ledger's counts and the file's span of referral dates, and returns the counts.
    static let ledger = """
        WITH c AS (
            SELECT count(*) FILTER (WHERE kind = 'a') AS loaded,
                   count(*) FILTER (WHERE kind = 'd') AS duplicate,
                   count(*) FILTER (WHERE kind = 'r') AS rejected,
                   min(referral_date) FILTER (WHERE kind = 'a') AS first_referral,
                   max(referral_date) FILTER (WHERE kind = 'a') AS last_referral
            FROM referrald_stage
        ), w AS (
            SELECT count(*) AS warnings FROM row_issue WHERE file_id = $1::bigint AND severity = 'warning'
        )
        UPDATE ingested_file f SET rows_loaded = c.loaded, rows_duplicate = c.duplicate, rows_rejected = c.rejected,
               rows_total = c.loaded + c.duplicate + c.rejected, warnings = w.warnings, finished_at = clock_timestamp(),
               first_referral = c.first_referral, last_referral = c.last_referral
        FROM c, w WHERE f.id = $1::bigint
        RETURNING c.loaded, c.duplicate, c.rejected, w.warnings
        """
}
