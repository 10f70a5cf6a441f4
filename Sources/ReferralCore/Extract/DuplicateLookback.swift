/// The second look at the rows a `KeyFilter` flagged while checking a file without a database.
///
/// The filter's "seen" may be a false positive, so a flagged row is a duplicate only when an
/// earlier *accepted* row has the same key. This re-reads the file up to the last flagged row
/// and finds, for each flagged key, the first accepted row that carries it. Memory holds only
/// the flagged keys and the refused rows' numbers (both already reported), never every key.
struct DuplicateLookback {
    /// Flagged keys, each with its first accepted row once found.
    private var first: [String: Int] = [:]
    /// The last flagged row: the re-read stops there.
    private var lastRow = 0

    var isEmpty: Bool { first.isEmpty }

    mutating func flag(_ key: String, row: Int) {
        if first[key] == nil { first[key] = .max }
        lastRow = max(lastRow, row)
    }

    /// Whether the flagged row `row` with `key` repeats an earlier accepted row (after `resolve`).
    func isDuplicate(_ key: String, row: Int) -> Bool {
        (first[key] ?? .max) < row
    }

    /// Reads the rows again from a fresh source. `refused` are the data rows refused on the
    /// first read, ascending. With a partner_ref column only that column is decoded (the key is
    /// its text with whitespace collapsed, as the validator makes it); without one the key is
    /// derived from several fields, so those rows are validated again.
    mutating func resolve<Rows: RowSource>(
        rows: Rows, profile: PartnerProfile, arrivalDate: CivilDate, columns: ColumnMap, refused: [Int]
    ) throws {
        guard let refColumn = columns.columns.first(where: { $0.field == .partnerRef })?.index else {
            var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate)
            try scanner.readHeader()
            while let row = try scanner.next(), row.row <= lastRow {
                if case .accepted(let record, _) = row.outcome { note(record.partnerRef, row: row.row) }
            }
            return
        }
        var rows = rows
        repeat {
            guard try rows.advance() else { return }
        } while rows.position < profile.headerRow
        let headerPosition = rows.position
        var refusedIndex = 0
        while try rows.advance() {
            if rows.isBlank { continue }
            let row = rows.position - headerPosition
            if row > lastRow { return }
            while refusedIndex < refused.count, refused[refusedIndex] < row { refusedIndex += 1 }
            if refusedIndex < refused.count, refused[refusedIndex] == row { continue }
            // Not refused: the row is well formed with a non-blank, decodable partner_ref.
            guard rows.malformation == nil, refColumn < rows.fieldCount, case .text(let text) = rows.text(at: refColumn) else { continue }
            note(TextNormal.collapsingWhitespace(text), row: row)
        }
    }

    private mutating func note(_ key: String, row: Int) {
        if let seen = first[key], row < seen { first[key] = row }
    }
}
