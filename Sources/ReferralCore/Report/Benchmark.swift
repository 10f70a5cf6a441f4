/// A named reference figure shown beside the local ones (e.g. England's published rates).
public struct Benchmark: Sendable, Equatable {
    public var name: String
    /// Referrals in a year per 10,000 children aged 0–17.
    public var ratePer10000: Double
    /// Re-referrals (within 12 months of a previous referral) as a % of referrals.
    public var reReferralPercent: Double

    public init(name: String, ratePer10000: Double, reReferralPercent: Double) {
        self.name = name
        self.ratePer10000 = ratePer10000
        self.reReferralPercent = reReferralPercent
    }

    /// The defaults of report.md: England's figures for 2012-13 and 2023-24.
    public static let england: [Benchmark] = [
        Benchmark(name: "England 2012-13", ratePer10000: 520.4, reReferralPercent: 24.7),
        Benchmark(name: "England 2023-24", ratePer10000: 518.3, reReferralPercent: 22.4),
    ]
}
