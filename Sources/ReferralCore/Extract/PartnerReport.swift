/// The per-file report a partner reads back: one CSV line per refused row or warning, holding
/// only row, partner_ref, field, rule, severity and message.
///
/// Cells are written for spreadsheets: a cell starting with `=`, `+`, `-` or `@` gets a leading
/// `'` so it is never run as a formula.
public enum PartnerReport {
    public static let header = "row,partner_ref,field,rule,severity,message\r\n"

    /// One report line (CRLF-terminated).
    public static func line(_ issue: RowIssue, partnerRef: String?) -> String {
        [String(issue.row), partnerRef ?? "", issue.field, issue.rule, issue.severity.rawValue, issue.message]
            .map(cell).joined(separator: ",") + "\r\n"
    }

    /// A cell quoted when needed and neutralised against formulas.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return text
    }
}
