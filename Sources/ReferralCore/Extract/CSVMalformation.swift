/// Why a record could not be read as a clean row; the record is refused as `row.malformed`.
public enum CSVMalformation: Equatable, Sendable {
    /// A quoted field still open at the end of the input.
    case unterminatedQuote
    /// A quote inside an unquoted field, or a character after a closing quote (0-based field index).
    case strayQuote(field: Int)
    /// A field over `maxFieldBytes` (0-based field index).
    case fieldTooLong(field: Int)
    /// More than `maxFields` fields.
    case tooManyFields
    /// More than `maxRecordBytes` bytes.
    case recordTooLong
}
