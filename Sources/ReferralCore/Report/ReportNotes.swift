/// The notes printed with every report card: what each figure counts, in plain English.
struct ReportNotes {
    let builder: ReportCardBuilder
    let month: Period
    let inProgress: Bool

    var lines: [String] {
        let s = builder.settings
        let baselineFirst = ReportFormat.monthName(month.advanced(by: -builder.baselineMonths))
        let baselineLast = ReportFormat.monthName(month.advanced(by: -1))
        let rollingFirst = ReportFormat.monthName(month.advanced(by: -(ReportCardBuilder.rollingMonths - 1)))
        let monthName = ReportFormat.monthName(month)
        var notes = [
            "Referrals are counted by referral date, once each (a referral replaced by a later extract counts once); the total is every partner's referrals together.",
            "The 12-month mean is over the \(builder.baselineMonths) months before the report month (\(baselineFirst) to \(baselineLast)), leaving out months before a partner's first referral.",
            "Control status uses the alert rules and settings of this configuration (alerts.md), at month granularity: mean and process limits (mean ± 2.66 × average moving range\(s.screenMovingRanges ? ", moving ranges screened" : "")) from the same baseline months, at least \(s.minBaselinePoints) of them; a spike is a count over the upper limit and at least \(s.minCount) and \(ReportFormat.fixed(s.minIncrease * 100, 0))% over the mean; a sustained rise is \(s.runLength) months in a row above the mean; below the lower limit may mean a feed failed.",
            "Re-referral rate: % of referrals flagged as re-referrals (the same child referred within the 12 months before; same-day referrals are concurrent, not re-referrals). Rolling 12 months: \(rollingFirst) to \(monthName).",
            "Concurrent referrals: % of the month's referrals whose child has another partner's referral on the same day (for the total: any other partner's).",
            "Data quality: NHS number and UPN cover the referrals dated in the month (only valid identifiers are kept); refused rows and warnings cover the rows of the files received in the month (\(builder.timezone) time), re-sent duplicate files left out.",
        ]
        if let population = builder.population {
            notes.append("Rates per 10,000 children use a population aged 0-17 of \(population); the annual rate (12 months to \(monthName)) compares with the benchmarks, which count referrals to children's social care (several agencies' concurrent referrals of one child may count once there).")
        } else {
            notes.append("Rates per 10,000 children need report.population_0_17 in the configuration.")
        }
        if inProgress {
            notes.append("\(monthName) is still in progress: its counts will grow, and only the upper limit is judged.")
        }
        return notes
    }
}
