/// The second look at the rows a `KeyFilter` flagged while checking a file without a database.
///
/// The filter's "seen" may be a false positive, so a flagged row is a duplicate only when an
/// earlier *accepted* row has the same key. This re-reads the file up to the last flagged row
/// (or further, `extend(to:)`) and finds, for each flagged key, the first accepted row that
/// carries it, and the accepted rows with a flagged key that were not flagged themselves. Read
/// in file order, the filter leaves at most one such row per key, its first; read in stretches
/// on several threads, it may be a later one, which is then a duplicate too. Memory holds only
/// the flagged keys and rows and the refused rows' numbers (all already reported), never every key.
struct DuplicateLookback {
    /// Flagged keys, each with its first accepted row once found.
    private var first: [String: Int] = [:]
    /// The flagged rows.
    private var flaggedRows: Set<Int> = []
    /// The last row to read again.
    private var lastRow = 0
    /// Accepted rows with a flagged key that were not flagged, in row order (after `resolve`).
    private(set) var unflagged: [(row: Int, key: String)] = []

    var isEmpty: Bool { first.isEmpty }

    mutating func flag(_ key: String, row: Int) {
        if first[key] == nil { first[key] = .max }
        flaggedRows.insert(row)
        lastRow = max(lastRow, row)
    }

    /// Reads again at least up to `row`.
    mutating func extend(to row: Int) {
        lastRow = max(lastRow, row)
    }

    /// Whether the accepted row `row` with a flagged `key` repeats an earlier accepted row (after `resolve`).
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
        guard let seen = first[key] else { return }
        if row < seen { first[key] = row }
        if !flaggedRows.contains(row) { unflagged.append((row, key)) }
    }
}
