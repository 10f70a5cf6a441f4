/// The plain-English sentence under a scope's chart, e.g. "Police referrals in May 2013 (312)
/// were above the upper limit (268)."
public enum ReportCaption {
    public static func sentence(_ figures: ScopeFigures, month: Period, inProgress: Bool, settings: SpikeSettings) -> String {
        let subject = figures.isTotal ? "Referrals from all partners" : "\(figures.title) referrals"
        let observed = figures.referrals
        let head = "\(subject) in \(ReportFormat.monthName(month))\(inProgress ? " so far" : "") (\(observed))"
        let control = figures.control
        if control.status == .awaitingData {
            return "\(head): not judged until the files for the month and its baseline have arrived."
        }
        guard let mean = control.mean, let upper = control.upperLimit, let lower = control.lowerLimit else {
            let need = settings.minBaselinePoints
            return "\(head): too little history for process limits (\(control.baselinePoints == 0 ? figures.meanMonths : control.baselinePoints) of the \(need) months needed)."
        }
        let u = ReportFormat.limit(upper, beside: observed)
        let m = ReportFormat.limit(mean, beside: observed)
        switch control.status {
        case .spike:
            return "\(head) were above the upper limit (\(u))."
        case .sustainedRise:
            let run = max(1, settings.runLength)
            let m = ReportFormat.limit(control.runMean ?? mean, beside: observed)
            return "\(head) were the \(ReportFormat.ordinal(run)) month in a row above the mean (\(m)): a sustained rise."
        case .belowLowerLimit:
            return "\(head) were below the lower limit (\(ReportFormat.limit(lower, beside: observed))): check that the feed is complete."
        case .withinLimits, .insufficientHistory, .awaitingData:
            if control.aboveLimitButGuarded {
                return "\(head) were above the upper limit (\(u)) but too few to count as a spike (at least \(settings.minCount), and \(ReportFormat.fixed(settings.minIncrease * 100, 0))% over the mean)."
            }
            if observed == 0 && upper == 0 {
                return "\(head): none, as in each of the \(control.baselinePoints) months before."
            }
            let low = lower > 0 ? ReportFormat.limit(lower, beside: observed) : "0"
            return "\(head) were within the process limits (\(low) to \(u)), around a mean of \(m)."
        }
    }
}
