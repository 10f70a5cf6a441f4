/// Reads a partner's extract row by row: CSV record → profile mapping → validation.
///
/// Call `readHeader()` once (it throws the file's refusal), then `next()` until `nil`.
/// Memory stays bounded: one record and one read buffer.
public struct ExtractScanner<Source: ByteSource> {
    public let profile: PartnerProfile
    public let arrivalDate: CivilDate
    private var reader: CSVReader<Source>
    private var record = CSVRecord()
    private var headerNumber = 0
    private var map: ColumnMap?
    private var validator: RowValidator?
    private var rawRow = RawRow()
    private let sheetCells: Bool

    public init(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) {
        var options = options
        var profile = profile
        if options.sheetCells {
            // A worksheet's rows arrive as UTF-8 CSV, whatever the profile says of its CSV files.
            profile.delimiter = UInt8(ascii: ",")
            profile.encoding = .utf8
        }
        options.delimiter = profile.delimiter
        self.reader = CSVReader(source: source, options: options)
        self.sheetCells = options.sheetCells
        self.profile = profile
        self.arrivalDate = arrivalDate
    }

    /// The resolved columns, after `readHeader()`.
    public var columns: ColumnMap? { map }

    /// Skips banner lines above `header_row`, reads the header and resolves the columns.
    /// Returns file-level warnings; throws `FileRefusal` when the file cannot be taken at all.
    @discardableResult
    public mutating func readHeader() throws -> [RowIssue] {
        repeat {
            guard try reader.next(into: &record) else {
                throw FileRefusal(rule: "file.empty", message: record.number == 0
                    ? "the file is empty" : "the file ends before its header row \(profile.headerRow)")
            }
        } while record.number < profile.headerRow
        headerNumber = record.number
        guard record.malformation == nil, !record.raw.contains(0) else {
            throw FileRefusal(rule: "file.not_text", message: "the header row is not a readable line of text")
        }
        var names: [String] = []
        for i in 0..<record.count {
            guard let name = profile.encoding.decode(record[i]) else {
                throw FileRefusal(rule: "file.not_text", message: "the header row has bytes invalid in \(profile.encoding.rawValue)")
            }
            names.append(name)
        }
        let map = try ColumnMap.resolve(header: names, profile: profile)
        self.map = map
        self.validator = RowValidator(profile: profile, arrivalDate: arrivalDate, hasPartnerRef: map.hasPartnerRef)
        return map.warnings
    }

    /// The next data row, or `nil` at the end of the file. Blank lines carry no data and are
    /// skipped (they keep their place in the row numbering).
    public mutating func next() throws -> ScannedRow? {
        guard var row = try nextRow() else { return nil }
        if sheetCells, let map { row.nameCells(sheetRow: record.number, map: map) }
        return row
    }

    private mutating func nextRow() throws -> ScannedRow? {
        guard let map, validator != nil else { preconditionFailure("readHeader() first") }
        repeat {
            guard try reader.next(into: &record) else { return nil }
        } while record.raw.isEmpty && record.malformation == nil
        let row = record.number - headerNumber
        if let problem = malformation(map) {
            let issue = RowIssue(row: row, field: problem.field, rule: "row.malformed", severity: .error, message: problem.message)
            return ScannedRow(row: row, outcome: .refused(issues: [issue]), raw: record.raw, partnerRef: nil)
        }
        let outcome = validator!.validate(rawRow, row: row)
        switch outcome {
        case .refused:
            return ScannedRow(row: row, outcome: outcome, raw: record.raw, partnerRef: rawRow[.partnerRef])
        case .accepted(let referral, _):
            return ScannedRow(row: row, outcome: outcome, raw: [], partnerRef: referral.partnerRef)
        }
    }

    /// Decodes the mapped fields into `rawRow`; describes the problem when the row is malformed.
    private mutating func malformation(_ map: ColumnMap) -> (field: String, message: String)? {
        if let malformed = record.malformation {
            switch malformed {
            case .unterminatedQuote: return ("row", "a quoted field is not closed before the end of the file")
            case .strayQuote(let field): return (columnName(field, map), "a quote appears inside an unquoted field or after a closing quote")
            case .fieldTooLong(let field): return (columnName(field, map), "a field is longer than the reader's limit")
            case .tooManyFields: return ("row", "the row has more fields than the reader's limit")
            case .recordTooLong: return ("row", "the row is longer than the reader's limit")
            }
        }
        guard record.count == map.fieldCount else {
            return ("row", "the row has \(record.count) fields; the header has \(map.fieldCount)")
        }
        rawRow.removeAll()
        for (field, index) in map.columns {
            let bytes = record[index]
            if bytes.isEmpty { continue }
            guard !bytes.contains(0), let text = profile.encoding.decode(bytes) else {
                return (field.rawValue, "the field has bytes invalid in \(profile.encoding.rawValue)")
            }
            if text.utf8.count > field.maxLength, text.unicodeScalars.count > field.maxLength {
                return (field.rawValue, "the field is longer than \(field.maxLength) characters")
            }
            if TextNormal.isBlank(text) { continue }
            rawRow[field] = text
        }
        return nil
    }

    private func columnName(_ index: Int, _ map: ColumnMap) -> String {
        map.columns.first { $0.index == index }?.field.rawValue ?? "row"
    }
}
