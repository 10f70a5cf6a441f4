/// Reads a partner's extract row by row from any `RowSource`: header → profile mapping →
/// validation. The format is the source's business; everything here is the same for all.
///
/// Call `readHeader()` once (it throws the file's refusal), then `next()` until `nil`.
/// Memory stays bounded: the source's current row and one decoded row.
public struct ExtractScanner<Rows: RowSource> {
    public let profile: PartnerProfile
    public let arrivalDate: CivilDate
    private var rows: Rows
    private var headerPosition = 0
    private var map: ColumnMap?
    private var validator: RowValidator?
    private var rawRow = RawRow()

    public init(rows: Rows, profile: PartnerProfile, arrivalDate: CivilDate) {
        self.rows = rows
        self.profile = profile
        self.arrivalDate = arrivalDate
    }

    /// A scanner of data rows only, with the columns another scanner resolved from the header:
    /// for a stretch of a file read on its own. Rows are numbered from 1 at the source's first
    /// row (the caller adds the rows before it); do not call `readHeader()`.
    public init(rows: Rows, profile: PartnerProfile, arrivalDate: CivilDate, columns: ColumnMap) {
        self.init(rows: rows, profile: profile, arrivalDate: arrivalDate)
        self.map = columns
        self.validator = RowValidator(profile: profile, arrivalDate: arrivalDate, hasPartnerRef: columns.hasPartnerRef)
    }

    /// The resolved columns, after `readHeader()`.
    public var columns: ColumnMap? { map }

    /// The mapped fields of the row `next()` returned last, as decoded: for tallies such as
    /// `UnrecognisedValues`, never for logs.
    public var lastRow: RawRow { rawRow }

    /// Skips banner rows above `header_row`, reads the header and resolves the columns.
    /// Returns file-level warnings; throws `FileRefusal` when the file cannot be taken at all.
    @discardableResult
    @_specialize(where Rows == CSVRowSource<RandomAccessByteSource>)
    public mutating func readHeader() throws -> [RowIssue] {
        var seen = false
        repeat {
            guard try rows.advance() else {
                throw FileRefusal(rule: "file.empty", message: seen
                    ? "the file ends before its header row \(profile.headerRow)" : "the file is empty")
            }
            seen = true
        } while rows.position < profile.headerRow
        headerPosition = rows.position
        guard rows.malformation == nil else {
            throw FileRefusal(rule: "file.not_text", message: "the header row is not a readable line of text")
        }
        var names: [String] = []
        for i in 0..<rows.fieldCount {
            switch rows.text(at: i) {
            case .empty: names.append("")
            case .text(let name): names.append(name)
            case .unreadable(let reason): throw FileRefusal(rule: "file.not_text", message: "the header row has \(reason)")
            }
        }
        let map = try ColumnMap.resolve(header: names, profile: profile)
        self.map = map
        self.validator = RowValidator(profile: profile, arrivalDate: arrivalDate, hasPartnerRef: map.hasPartnerRef)
        return map.warnings
    }

    /// The next data row, or `nil` at the end of the file. Blank rows carry no data and are
    /// skipped (they keep their place in the row numbering). A file's CSV rows (the hot path)
    /// take a specialised copy, chosen at run time, so the generic seam costs nothing there.
    @_specialize(where Rows == CSVRowSource<RandomAccessByteSource>)
    public mutating func next() throws -> ScannedRow? {
        guard let map, validator != nil else { preconditionFailure("readHeader() first") }
        repeat {
            guard try rows.advance() else { return nil }
        } while rows.isBlank
        let row = rows.position - headerPosition
        if let problem = malformation(map) {
            let issue = RowIssue(row: row, field: problem.field, rule: "row.malformed", severity: .error,
                                 message: located(problem.message, column: problem.column))
            return ScannedRow(row: row, outcome: .refused(issues: [issue]), raw: rows.rawContent, partnerRef: nil)
        }
        var outcome = validator!.validate(rawRow, row: row)
        if rows.locatesFields { outcome = locate(outcome, map) }
        if case .refused = outcome {
            return ScannedRow(row: row, outcome: outcome, raw: rows.rawContent, partnerRef: rawRow[.partnerRef])
        }
        return ScannedRow(row: row, outcome: outcome, raw: [], partnerRef: outcome.partnerRef)
    }

    /// Decodes the mapped fields into `rawRow`; describes the problem when the row is malformed.
    private mutating func malformation(_ map: ColumnMap) -> (field: String, column: Int?, message: String)? {
        if let malformed = rows.malformation {
            return (malformed.field.map { columnName($0, map) } ?? "row", malformed.field, malformed.message)
        }
        guard rows.fieldCount == map.fieldCount else {
            return ("row", nil, "the row has \(rows.fieldCount) fields; the header has \(map.fieldCount)")
        }
        rawRow.removeAll()
        // Through a buffer pointer: iterating the array would retain it on every row, and the
        // threads checking one file share it (contended counts).
        return map.columns.withUnsafeBufferPointer { columns in decode(columns) }
    }

    /// Decodes the mapped `columns` of a well-formed row into `rawRow`.
    private mutating func decode(_ columns: UnsafeBufferPointer<(field: StandardField, index: Int)>) -> (field: String, column: Int?, message: String)? {
        for (field, index) in columns {
            switch rows.text(at: index) {
            case .empty:
                continue
            case .unreadable(let reason):
                return (field.rawValue, index, "the field has \(reason)")
            case .text(let text):
                if text.utf8.count > field.maxLength, text.unicodeScalars.count > field.maxLength {
                    return (field.rawValue, index, "the field is longer than \(field.maxLength) characters")
                }
                if TextNormal.isBlank(text) { continue }
                rawRow[field] = text
            }
        }
        return nil
    }

    private func columnName(_ index: Int, _ map: ColumnMap) -> String {
        map.columns.first { $0.index == index }?.field.rawValue ?? "row"
    }

    /// `message (cell C17)` when the source names where a field is; an issue of the whole row
    /// (no column of its own) names the row's first cell, so the partner finds the row.
    private func located(_ message: String, column: Int?) -> String {
        guard let location = rows.location(ofField: column ?? 0) else { return message }
        return message + " (" + location + ")"
    }

    /// The outcome with each field issue's message carrying the field's location.
    private func locate(_ outcome: RowOutcome, _ map: ColumnMap) -> RowOutcome {
        func relocated(_ issues: [RowIssue]) -> [RowIssue] {
            issues.map { issue in
                var issue = issue
                issue.message = located(issue.message, column: map.columns.first { $0.field.rawValue == issue.field }?.index)
                return issue
            }
        }
        switch outcome {
        case .accepted(let record, let warnings): return .accepted(record, warnings: relocated(warnings))
        case .refused(let issues): return .refused(issues: relocated(issues))
        }
    }
}

extension ExtractScanner {
    /// A CSV extract (`CSVRowSource`) read from `source`.
    public init<Bytes: ByteSource>(source: Bytes, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions())
    where Rows == CSVRowSource<Bytes> {
        self.init(rows: CSVRowSource(bytes: source, profile: profile, options: options), profile: profile, arrivalDate: arrivalDate)
    }
}
