import ReferralCore

/// The report card as one self-contained HTML file that prints on A4: inline CSS, an inline SVG
/// XmR chart per scope, nothing loaded from anywhere. Every string is HTML-escaped.
public enum HTMLReport {
    public static func render(_ card: ReportCard) -> String {
        let month = ReportFormat.monthName(card.month)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(e("Referral report card: \(month)"))</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        out += "<header><h1>Referral report card</h1><p class=\"month\">\(e(month))\(card.inProgress ? " <span class=\"badge\">month in progress</span>" : "")</p>"
        out += "<p class=\"lede\">Every partner and all partners together: referrals by referral date, control status from the alert rules, re-referrals, concurrent referrals, rates and data quality. Aggregate figures only.</p></header>\n"
        out += HTMLTables.volume(card) + HTMLTables.rates(card) + HTMLTables.benchmarks(card) + HTMLTables.quality(card)
        out += "<section class=\"charts\">\n<h2>XmR charts: the last 24 months</h2>\n"
        out += "<p class=\"explain\">Each point is a month's referrals. The solid line is the mean and the dashed lines the process limits of the \(card.settings.baselinePeriods[.month] ?? card.settings.minBaselinePoints) months before that month. Orange marks a special cause of concern (a spike or a sustained rise), blue a month below the lower limit. The shaded column is \(e(month)).</p>\n"
        for (index, scope) in card.scopes.enumerated() {
            let chart = XmRChart(figures: scope, month: card.month, id: "chart-\(index)")
            out += "<figure class=\"chart\" id=\"scope-\(e(scope.scope))\">\n<h3>\(e(scope.title))"
            out += " <span class=\"status \(e(scope.control.status.rawValue))\">\(e(scope.control.status.label))</span></h3>\n"
            out += chart.svg + "\n<figcaption>\(e(scope.caption))</figcaption>\n</figure>\n"
        }
        out += "</section>\n<section class=\"notes\">\n<h2>Notes</h2>\n<ul>\n"
        out += card.notes.map { "<li>\(e($0))</li>\n" }.joined()
        out += "</ul>\n</section>\n</body>\n</html>\n"
        return out
    }

    static func e(_ text: String) -> String { HTMLEscape.text(text) }
}
