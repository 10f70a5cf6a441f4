/// The raw counts the store reads for one scope (a partner, or `total`) and one report month.
/// Every figure of the report card is derived from these by `ReportCardBuilder`.
public struct ScopeData: Sendable, Equatable {
    public var scope: String
    /// Referrals by referral month (month periods), for the months the report needs; a month
    /// absent here had none.
    public var monthlyCounts: [Period: Int] = [:]
    /// The month of the scope's first referral on or before the report month (`nil`: none yet).
    public var firstMonth: Period?
    /// This month's referrals flagged `is_re_referral`.
    public var reReferrals = 0
    /// This month's referrals whose child has another partner's referral on the same day.
    public var concurrent = 0
    /// This month's referrals with an NHS number (only valid ones are stored).
    public var withNHSNumber = 0
    /// This month's referrals with a UPN (only valid ones are stored).
    public var withUPN = 0
    /// Referrals in the 12 months ending with the report month, and how many were re-referrals.
    public var rollingReferrals = 0
    public var rollingReReferrals = 0
    /// Files received in the report month (not counting re-sent duplicates) and their rows.
    public var filesReceived = 0
    public var filesRefused = 0
    public var rowsReceived = 0
    public var rowsRefused = 0
    /// Warnings on rows of files received in the report month, by rule.
    public var warnings: [String: Int] = [:]

    public init(scope: String) { self.scope = scope }

    /// The sum of several scopes' data (for `total`); the first month is the earliest.
    public static func total(of parts: [ScopeData], scope: String = "total") -> ScopeData {
        var sum = ScopeData(scope: scope)
        for part in parts {
            sum.monthlyCounts.merge(part.monthlyCounts, uniquingKeysWith: +)
            if let first = part.firstMonth { sum.firstMonth = min(sum.firstMonth ?? first, first) }
            sum.reReferrals += part.reReferrals
            sum.concurrent += part.concurrent
            sum.withNHSNumber += part.withNHSNumber
            sum.withUPN += part.withUPN
            sum.rollingReferrals += part.rollingReferrals
            sum.rollingReReferrals += part.rollingReReferrals
            sum.filesReceived += part.filesReceived
            sum.filesRefused += part.filesRefused
            sum.rowsReceived += part.rowsReceived
            sum.rowsRefused += part.rowsRefused
            sum.warnings.merge(part.warnings, uniquingKeysWith: +)
        }
        return sum
    }
}
