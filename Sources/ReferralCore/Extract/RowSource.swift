/// One format's reader of an extract's rows: the CSV reader is one (`CSVRowSource`), a workbook
/// reader another. `ExtractScanner` maps and validates whatever a `RowSource` yields, so the
/// validation, staging and the loader never see the format.
///
/// A source walks every row of the file in order (banner lines above the header, the header,
/// then the data rows) and exposes the current one. The scanner decides which is the header
/// (the profile's `header_row`) and numbers data rows from it. A source never logs, and never
/// puts a value from the file in a message.
public protocol RowSource {
    /// Moves to the next row; `false` at the end of the file. Throws `FileRefusal` when the file
    /// cannot be read in this format at all (e.g. `file.not_text`): only up to and including the
    /// header row, since later the load has begun (a bad data row is a `malformation`). Any
    /// other error (the bytes' I/O error) fails the load, which is tried again later.
    mutating func advance() throws -> Bool

    /// 1-based position of the current row in the file (a CSV record's number, a sheet's row
    /// number); increasing, gaps allowed. The data row number is `position - header position`.
    var position: Int { get }

    /// The current row holds no data at all (a blank line, an empty sheet row): it is skipped and
    /// keeps its place in the numbering.
    var isBlank: Bool { get }

    /// Set when the current row could not be read cleanly; its fields are then unreliable and
    /// the row is refused as `row.malformed`.
    var malformation: RowMalformation? { get }

    /// Number of fields in the current row.
    var fieldCount: Int { get }

    /// The text of field `index` (0-based, below `fieldCount`) of the current row.
    func text(at index: Int) -> FieldText

    /// Where field `index` of the current row is, carried in row issues' messages
    /// (e.g. `cell C17`); `nil` when the row and column name say enough (CSV).
    func location(ofField index: Int) -> String?

    /// Whether `location(ofField:)` ever names anything (so the scanner asks only then).
    var locatesFields: Bool { get }

    /// The current row as received, kept in `rejected_row` for a refused row (for a workbook,
    /// one RFC 4180 CSV line of its cells).
    var rawContent: [UInt8] { get }
}

extension RowSource {
    public func location(ofField index: Int) -> String? { nil }
    public var locatesFields: Bool { false }
}
