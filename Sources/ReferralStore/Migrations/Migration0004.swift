/// One child across partners and re-referrals (report.md): `child_alias` records every
/// identifier key that was merged into another child's key, and `referral.is_re_referral` is
/// kept true after each load for the children it touched.
enum Migration0004 {
    static let sql = """
    CREATE TABLE child_alias (
        alias      text PRIMARY KEY,   -- an identifier key (`upn:…`, `la:…`, `nhs:…`) merged away
        child_key  text NOT NULL,      -- the key its referrals now carry
        linked_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (alias <> child_key)
    );
    CREATE INDEX child_alias_child_key ON child_alias (child_key);
    ALTER TABLE referral ADD COLUMN is_re_referral boolean NOT NULL DEFAULT false;
    UPDATE referral r SET is_re_referral = true
    WHERE EXISTS (
        SELECT 1 FROM referral o
        WHERE o.child_key = r.child_key
          AND o.referral_date >= r.referral_date - interval '12 months'
          AND o.referral_date < r.referral_date);
    """
}
