import PostgresLibPQ

/// Referral history written straight into the tables (no loader), for the report card tests.
///
/// Months are numbered from January 2011 (m = 0); May 2013 is m = 28, June 2013 m = 29.
/// - police, m 0…29: 20 + m % 5 a month, 40 more (63) in May 2013: a spike;
/// - health, m 14…29 (from March 2012): 15 + m % 3 a month;
/// - schools, m 24…29 (from January 2013): too little history for limits;
/// - legacy, m 12…20: not configured, found in the data;
/// - newcomer: configured, no referrals at all.
/// Children (`child_key`) repeat across partners and days, so there are re-referrals and
/// same-day concurrent referrals; `is_re_referral` is set with report.md's definition.
enum ReportSeed {
    static let partners = ["police", "health", "schools", "newcomer"]

    static func insert(_ connection: PostgresConnection) throws {
        let series: [(String, ClosedRange<Int>, String)] = [
            ("police", 0...29, "20 + m % 5 + CASE WHEN m = 28 THEN 40 ELSE 0 END"),
            ("health", 14...29, "15 + m % 3"),
            ("schools", 24...29, "8 + m % 2"),
            ("legacy", 12...20, "5"),
        ]
        for (partner, months, perMonth) in series {
            try connection.execute("""
                INSERT INTO referral (partner, partner_ref, referral_date, nhs_number, upn, sex, ethnicity, referral_source,
                                      child_key, first_file_id, last_file_id)
                SELECT '\(partner)', '\(partner)-' || m || '-' || i,
                       (date '2011-01-01' + make_interval(months => m))::date + (i * 3 % 28),
                       CASE WHEN i % 3 = 0 THEN lpad((1000000000 + m * 100 + i)::text, 10, '0') END,
                       CASE WHEN i % 4 = 1 THEN 'A' || lpad((m * 100 + i)::text, 11, '0') || 'B' END,
                       'U', 'NOBT', 'other', 'child-' || ((m / 2) * 7 + i % 9), 1, 1
                FROM generate_series(\(months.lowerBound), \(months.upperBound)) AS m, generate_series(1, 100) AS i
                WHERE i <= \(perMonth)
                """)
        }
        try connection.execute("""
            UPDATE referral r SET is_re_referral = true
            WHERE EXISTS (SELECT 1 FROM referral o WHERE o.child_key = r.child_key
                          AND o.referral_date >= r.referral_date - interval '12 months' AND o.referral_date < r.referral_date)
            """)
        // Files: received in May 2013 London time, one just before (April), one just after (June),
        // a refused one, and a re-sent duplicate that records no rows.
        try connection.execute("""
            INSERT INTO ingested_file (id, partner, file_name, sha256, bytes, status, rows_total, rows_loaded, rows_rejected,
                                       rows_duplicate, received_at) VALUES
              (1, 'police', 'a.csv', repeat('a', 64), 1, 'loaded', 100, 90, 8, 2, '2013-05-10 09:00+00'),
              (2, 'police', 'b.csv', repeat('b', 64), 1, 'loaded', 50, 50, 0, 0, '2013-04-30 23:30+00'),
              (3, 'police', 'c.csv', repeat('c', 64), 1, 'loaded', 40, 30, 10, 0, '2013-05-31 23:30+00'),
              (4, 'health', 'd.csv', repeat('d', 64), 1, 'loaded', 60, 57, 3, 0, '2013-05-20 12:00+00'),
              (5, 'health', 'e.csv', repeat('e', 64), 1, 'refused', 0, 0, 0, 0, '2013-05-21 12:00+00'),
              (6, 'health', 'd2.csv', repeat('d', 64), 1, 'duplicate', 0, 0, 0, 0, '2013-05-22 12:00+00'),
              (7, 'schools', 'f.csv', repeat('f', 64), 1, 'loaded', 20, 20, 0, 0, '2013-04-15 12:00+00')
            """)
        try connection.execute("""
            INSERT INTO row_issue (file_id, row_number, field, rule, severity, message)
            SELECT f, n, 'x', r, s, 'm' FROM (VALUES
              (1, 'postcode.invalid', 'warning', 9), (1, 'nhs_number.invalid', 'warning', 4), (1, 'date.invalid', 'error', 8),
              (2, 'postcode.invalid', 'warning', 3), (2, 'sex.unknown', 'warning', 50),
              (3, 'ethnicity.unknown', 'warning', 30), (3, 'sex.unknown', 'warning', 2),
              (4, 'postcode.invalid', 'warning', 5), (4, 'upn.invalid', 'warning', 4), (4, 'ethnicity.unknown', 'warning', 1),
              (4, 'sex.unknown', 'warning', 6), (4, 'date_of_birth.implausible', 'warning', 2), (4, 'la_child_id.long', 'warning', 2),
              (5, 'file.missing_columns', 'error', 1), (7, 'postcode.invalid', 'warning', 7)
            ) AS v (f, r, s, k) CROSS JOIN LATERAL generate_series(1, k) AS n
            """)
    }
}
