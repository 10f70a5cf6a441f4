extension ScannedRow {
    /// Adds the sheet cell to every issue's message: `(cell C17)` for a field's column, `(sheet
    /// row 17)` for the whole row.
    mutating func nameCells(sheetRow: Int, map: ColumnMap) {
        func rename(_ issues: [RowIssue]) -> [RowIssue] {
            issues.map { issue in
                var issue = issue
                issue.message += " (" + SheetCellName.of(field: issue.field, sheetRow: sheetRow, map: map) + ")"
                return issue
            }
        }
        switch outcome {
        case .accepted(let referral, let issues): outcome = .accepted(referral, warnings: rename(issues))
        case .refused(let issues): outcome = .refused(issues: rename(issues))
        }
    }
}

/// Excel's names for cells: column letters and the sheet row.
public enum SheetCellName {
    /// `A`, `Z`, `AA`, … for the 0-based column 0, 25, 26, …
    public static func column(_ index: Int) -> String {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            letters.append(UInt8(ascii: "A") + UInt8((n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `cell C17` when the field has a column in the map, else `sheet row 17`.
    static func of(field: String, sheetRow: Int, map: ColumnMap) -> String {
        let standard = StandardField(rawValue: field)
        let column = map.columns.first { $0.field == standard }?.index
            ?? ((standard == .forename || standard == .surname) ? map.columns.first { $0.field == .fullName }?.index : nil)
        guard let column else { return "sheet row \(sheetRow)" }
        return "cell " + Self.column(column) + String(sheetRow)
    }
}
