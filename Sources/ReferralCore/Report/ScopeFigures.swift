/// Every figure of the report card for one scope (a partner, or `total`).
public struct ScopeFigures: Sendable, Equatable {
    /// `total` or a partner's name.
    public var scope: String
    /// How the scope is named in sentences ("Police", "All partners").
    public var title: String
    /// Referrals dated in the report month.
    public var referrals: Int
    /// Referrals dated in the same month a year earlier; `nil` when that was before the scope's
    /// first referral.
    public var sameMonthLastYear: Int?
    /// Mean monthly referrals over the baseline months before the report month (months before the
    /// scope's first referral left out), and how many months that was; `nil` with none.
    public var twelveMonthMean: Double?
    public var meanMonths: Int
    public var control: ControlReading
    public var reReferrals: Int
    /// % of this month's referrals that are re-referrals.
    public var reReferralPercent: Double?
    /// Referrals and re-referrals in the 12 months ending with the report month, and the %.
    public var rollingReferrals: Int
    public var rollingReReferrals: Int
    public var rollingReReferralPercent: Double?
    /// This month's referrals whose child has another partner's referral on the same day.
    public var concurrent: Int
    public var concurrentPercent: Double?
    /// Per 10,000 children aged 0–17 (`nil` without `report.population_0_17`): this month's
    /// referrals, and the 12 months ending with it (the annual rate the benchmarks quote).
    public var monthRatePer10000: Double?
    public var annualRatePer10000: Double?
    public var quality: DataQuality
    /// The last 24 months (from the scope's first referral, if later), oldest first.
    public var chart: [ChartPoint]
    /// One sentence on the report month, e.g. "Police referrals in May 2013 (312) were above the
    /// upper limit (268)."
    public var caption: String

    public var isTotal: Bool { scope == "total" }
}
