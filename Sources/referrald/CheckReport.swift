import Foundation
import ReferralCore

/// Renders a check for partners: the spec's JSON object, or text a safeguarding lead can act on.
enum CheckReport {
    static func json(_ c: ExtractCheck, file: String, partner: String) -> String {
        var object: [String: Any] = [
            "file": file, "partner": partner, "rows": c.rows, "accepted": c.accepted, "rejected": c.rejected,
            "duplicates": c.duplicates, "warnings": c.warnings,
            "issues": c.issues.map { issue in
                ["row": issue.row, "field": issue.field, "rule": issue.rule, "severity": issue.severity.rawValue, "message": issue.message] as [String: Any]
            },
        ]
        if let refusal = c.refusal { object["refused"] = ["rule": refusal.rule, "message": refusal.message] }
        object["unrecognised_values"] = c.unrecognised.entries.map { ["field": $0.field.rawValue, "value": $0.value, "rows": $0.rows] as [String: Any] }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func text(_ c: ExtractCheck, file: String, partner: String) -> String {
        var out = "\(file) (\(partner))\n"
        if let refusal = c.refusal {
            out += "REFUSED: the whole file would be refused and nothing loaded.\n  \(refusal.rule): \(refusal.message)\n"
            return out
        }
        out += "  \(c.rows) rows: \(c.accepted) accepted, \(c.rejected) refused, \(c.duplicates) duplicates; \(c.warnings) warnings\n"
        let errors = c.issues.filter { $0.severity == .error }
        if !errors.isEmpty {
            out += "\nRefused rows (not loaded; correct them and send the rows again):\n"
            for issue in errors.prefix(200) { out += "  row \(issue.row): \(issue.field): \(issue.message) [\(issue.rule)]\n" }
            if errors.count > 200 { out += "  … and \(errors.count - 200) more (see --format json)\n" }
        }
        let warnings = c.issues.filter { $0.severity == .warning }
        if !warnings.isEmpty {
            out += "\nWarnings (row loaded; the field was stored empty or defaulted):\n"
            var byRule: [String: [Int]] = [:]
            for issue in warnings { byRule[issue.rule, default: []].append(issue.row) }
            for (rule, rows) in byRule.sorted(by: { $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key < $1.key) }) {
                let list = rows.prefix(15).map(String.init).joined(separator: ", ")
                out += "  \(rule): \(rows.count) row(s): \(list)\(rows.count > 15 ? ", …" : "")\n"
            }
        }
        let entries = c.unrecognised.entries
        if !entries.isEmpty {
            out += "\nUnrecognised values (in \(UnrecognisedValues.minimumRows) or more rows): give each a code in the profile:\n"
            for entry in entries { out += "  \(entry.rows) rows: \(entry.field.rawValue) \(UnrecognisedValues.quoted(entry.value))\n" }
            out += "\n" + UnrecognisedValues.yamlLines(entries, commented: false).joined(separator: "\n") + "\n"
        }
        return out
    }
}
