/// Room on each `referral` page for the row's next version: a load marks re-referrals after the
/// rows are written, and with free space on the page that update is HOT (no index entries).
enum Migration0005 {
    static let sql = """
    ALTER TABLE referral SET (fillfactor = 85);
    """
}
