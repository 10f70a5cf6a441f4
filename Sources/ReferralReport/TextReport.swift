import ReferralCore

/// The report card as aligned tables for a terminal.
public enum TextReport {
    public static func render(_ card: ReportCard) -> String {
        var out: [String] = []
        out.append("Referral report card: \(ReportFormat.monthName(card.month))\(card.inProgress ? " (in progress)" : "")")
        out.append("")
        out.append("Referrals and control status (mean and limits from \(card.baselineFirst) to \(card.baselineLast))")
        var volume = TextTable([
            ("scope", .left), ("referrals", .right), ("last year", .right), ("12-month mean", .right),
            ("status", .left), ("mean", .right), ("lower limit", .right), ("upper limit", .right),
        ])
        for s in card.scopes {
            volume.add([
                s.scope, String(s.referrals), s.sameMonthLastYear.map(String.init) ?? "-", ReportFormat.decimal(s.twelveMonthMean),
                s.control.status.label, ReportFormat.decimal(s.control.mean), ReportFormat.decimal(s.control.lowerLimit),
                ReportFormat.decimal(s.control.upperLimit),
            ])
        }
        out += volume.lines

        out.append("")
        out.append("Re-referrals, concurrent referrals and rates (rolling 12 months: \(card.rollingFirst) to \(card.month))")
        var rates = TextTable([
            ("scope", .left), ("re-referrals", .right), ("re-ref 12 months", .right), ("concurrent", .right),
            ("per 10,000 (month)", .right), ("per 10,000 (12 months)", .right),
        ])
        for s in card.scopes {
            rates.add([
                s.scope, ReportFormat.percent(s.reReferralPercent), ReportFormat.percent(s.rollingReReferralPercent),
                ReportFormat.percent(s.concurrentPercent), ReportFormat.decimal(s.monthRatePer10000),
                ReportFormat.decimal(s.annualRatePer10000),
            ])
        }
        out += rates.lines

        out.append("")
        out.append("Data quality")
        var quality = TextTable([
            ("scope", .left), ("files", .right), ("files refused", .right), ("rows", .right), ("rows refused", .right),
            ("valid NHS number", .right), ("valid UPN", .right), ("commonest warnings", .left),
        ])
        for s in card.scopes {
            let q = s.quality
            quality.add([
                s.scope, String(q.filesReceived), String(q.filesRefused), String(q.rowsReceived), ReportFormat.percent(q.refusedPercent),
                ReportFormat.percent(q.nhsNumberPercent), ReportFormat.percent(q.upnPercent),
                q.commonestWarnings.isEmpty ? "-" : q.commonestWarnings.map { "\($0.rule) \($0.count)" }.joined(separator: ", "),
            ])
        }
        out += quality.lines

        if !card.benchmarks.isEmpty {
            out.append("")
            out.append("Benchmarks")
            var bench = TextTable([("figure", .left), ("per 10,000 (year)", .right), ("re-referrals", .right)])
            if let total = card.total {
                bench.add(["This area, 12 months to \(card.month)", ReportFormat.decimal(total.annualRatePer10000),
                           ReportFormat.percent(total.rollingReReferralPercent)])
            }
            for b in card.benchmarks {
                bench.add([b.name, ReportFormat.fixed(b.ratePer10000, 1), ReportFormat.percent(b.reReferralPercent)])
            }
            out += bench.lines
        }

        out.append("")
        out.append("In words")
        out += card.scopes.map { "  " + $0.caption }
        out.append("")
        out.append("Notes")
        out += card.notes.map { "  - " + $0 }
        return out.joined(separator: "\n") + "\n"
    }
}
