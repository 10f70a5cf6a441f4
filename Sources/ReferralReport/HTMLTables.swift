import ReferralCore

/// The report card's summary tables as HTML.
enum HTMLTables {
    static func e(_ text: String) -> String { HTMLEscape.text(text) }

    static func table(_ caption: String, _ explain: String, _ header: [String], _ rows: [(ScopeFigures?, [String])]) -> String {
        var out = "<h2>\(e(caption))</h2>\n"
        if !explain.isEmpty { out += "<p class=\"explain\">\(e(explain))</p>\n" }
        // A column of text (markup) is left-aligned, header included; numbers are right-aligned.
        let textColumns = Set(rows.first.map { $0.1.indices.filter { rows[0].1[$0].hasPrefix("<") } } ?? [])
        out += "<table>\n<thead><tr>" + header.indices.map {
            textColumns.contains($0) ? "<th class=\"text\">\(e(header[$0]))</th>" : "<th>\(e(header[$0]))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for (scope, cells) in rows {
            out += scope?.isTotal == true ? "<tr class=\"total\">" : "<tr>"
            out += cells.map { $0.hasPrefix("<") ? "<td class=\"text\">\($0)</td>" : "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func volume(_ card: ReportCard) -> String {
        table("Referrals and control status",
              "Mean and process limits from the months \(ReportFormat.monthName(card.baselineFirst)) to \(ReportFormat.monthName(card.baselineLast)).",
              ["Scope", "Referrals", "Same month last year", "12-month mean", "Status", "Mean", "Lower limit", "Upper limit"],
              card.scopes.map { s in
                  (s, ["<span>\(e(s.title))</span>", String(s.referrals), s.sameMonthLastYear.map(String.init) ?? "-",
                       ReportFormat.decimal(s.twelveMonthMean),
                       "<span class=\"status \(e(s.control.status.rawValue))\">\(e(s.control.status.label))</span>",
                       ReportFormat.decimal(s.control.mean), ReportFormat.decimal(s.control.lowerLimit),
                       ReportFormat.decimal(s.control.upperLimit)])
              })
    }

    static func rates(_ card: ReportCard) -> String {
        table("Re-referrals, concurrent referrals and rates",
              "Rolling 12 months: \(ReportFormat.monthName(card.rollingFirst)) to \(ReportFormat.monthName(card.month))."
                  + (card.population.map { " Rates per 10,000 children aged 0-17 (population \($0))." } ?? " Rates need report.population_0_17."),
              ["Scope", "Re-referrals (month)", "Re-referrals (12 months)", "Concurrent", "Per 10,000 (month)", "Per 10,000 (12 months)"],
              card.scopes.map { s in
                  (s, ["<span>\(e(s.title))</span>", ReportFormat.percent(s.reReferralPercent), ReportFormat.percent(s.rollingReReferralPercent),
                       ReportFormat.percent(s.concurrentPercent), ReportFormat.decimal(s.monthRatePer10000),
                       ReportFormat.decimal(s.annualRatePer10000)])
              })
    }

    static func benchmarks(_ card: ReportCard) -> String {
        guard !card.benchmarks.isEmpty else { return "" }
        var rows: [(ScopeFigures?, [String])] = []
        if let total = card.total {
            rows.append((nil, ["<strong>\(e("This area, 12 months to \(ReportFormat.monthName(card.month))"))</strong>",
                               ReportFormat.decimal(total.annualRatePer10000), ReportFormat.percent(total.rollingReReferralPercent)]))
        }
        rows += card.benchmarks.map { b in
            (nil, ["<span>\(e(b.name))</span>", ReportFormat.fixed(b.ratePer10000, 1), ReportFormat.percent(b.reReferralPercent)])
        }
        return table("Benchmarks", "", ["Figure", "Referrals per 10,000 children (year)", "Re-referrals"], rows)
    }

    static func quality(_ card: ReportCard) -> String {
        table("Data quality",
              "Valid identifiers: referrals dated in the month. Refused rows and warnings: rows of the files received in the month.",
              ["Scope", "Files", "Files refused", "Rows", "Rows refused", "Valid NHS number", "Valid UPN", "Commonest warnings"],
              card.scopes.map { s in
                  let q = s.quality
                  let warnings = q.commonestWarnings.isEmpty ? "<span>none</span>"
                      : "<ol>" + q.commonestWarnings.map { "<li>\(e($0.rule)) (\($0.count))</li>" }.joined() + "</ol>"
                  return (s, ["<span>\(e(s.title))</span>", String(q.filesReceived), String(q.filesRefused), String(q.rowsReceived),
                              ReportFormat.percent(q.refusedPercent), ReportFormat.percent(q.nhsNumberPercent),
                              ReportFormat.percent(q.upnPercent), warnings])
              })
    }
}
