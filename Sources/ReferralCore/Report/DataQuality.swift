/// A scope's data-quality figures for the report month.
///
/// Identifier coverage is over the referrals dated in the month; refusals and warnings are over
/// the rows of the files received in the month (re-sent duplicate files left out).
public struct DataQuality: Sendable, Equatable {
    public var filesReceived: Int
    public var filesRefused: Int
    public var rowsReceived: Int
    public var rowsRefused: Int
    /// `rowsRefused / rowsReceived` in %, `nil` when no rows were received.
    public var refusedPercent: Double?
    public var referrals: Int
    public var withNHSNumber: Int
    public var withUPN: Int
    /// % of the month's referrals with a valid NHS number / UPN, `nil` without referrals.
    public var nhsNumberPercent: Double?
    public var upnPercent: Double?
    /// The five commonest warning rules.
    public var commonestWarnings: [WarningCount]

    public init(_ data: ScopeData, referrals: Int) {
        filesReceived = data.filesReceived
        filesRefused = data.filesRefused
        rowsReceived = data.rowsReceived
        rowsRefused = data.rowsRefused
        refusedPercent = Percent.of(data.rowsRefused, data.rowsReceived)
        self.referrals = referrals
        withNHSNumber = data.withNHSNumber
        withUPN = data.withUPN
        nhsNumberPercent = Percent.of(data.withNHSNumber, referrals)
        upnPercent = Percent.of(data.withUPN, referrals)
        commonestWarnings = WarningCount.commonest(data.warnings)
    }
}
