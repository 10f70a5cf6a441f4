/// Referral counts by referral date, per partner, granularity and period, kept current inside
/// each file's transaction, so alert evaluation reads a few rows instead of scanning history.
enum Migration0003 {
    static let sql = """
    CREATE TABLE referral_count (
        partner       text    NOT NULL,
        granularity   text    NOT NULL CHECK (granularity IN ('month', 'week', 'day')),
        period_start  date    NOT NULL,
        count         integer NOT NULL,  -- never negative by construction; no CHECK, because
                                         -- INSERT … ON CONFLICT checks the proposed (delta) row
        PRIMARY KEY (partner, granularity, period_start)
    );
    CREATE INDEX referral_count_period ON referral_count (granularity, period_start);
    INSERT INTO referral_count (partner, granularity, period_start, count)
    SELECT partner, p.granularity, p.period_start, count(*)
    FROM referral CROSS JOIN LATERAL (VALUES
        ('month', date_trunc('month', referral_date)::date),
        ('week', date_trunc('week', referral_date)::date),
        ('day', referral_date)) AS p (granularity, period_start)
    GROUP BY 1, 2, 3;
    CREATE INDEX alert_state ON alert (state, granularity, period_start);
    """
}
