/// Each loaded file's span of referral dates (alerts.md, *Coverage*): alerts judge only periods
/// the loaded files cover. Files loaded before this migration get the span of the referrals they
/// last wrote (the best the ledger can say afterwards).
enum Migration0006 {
    static let sql = """
    ALTER TABLE ingested_file ADD COLUMN first_referral date, ADD COLUMN last_referral date,
        ADD CHECK (first_referral <= last_referral);
    UPDATE ingested_file f SET first_referral = r.first_referral, last_referral = r.last_referral
    FROM (SELECT last_file_id, min(referral_date) AS first_referral, max(referral_date) AS last_referral
          FROM referral GROUP BY 1) r
    WHERE f.id = r.last_file_id AND f.status = 'loaded';
    """
}
