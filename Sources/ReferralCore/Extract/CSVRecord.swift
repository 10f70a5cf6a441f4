/// One CSV record, reused between reads to avoid allocation.
public struct CSVRecord: Sendable {
    /// 1-based index of this record in the input (the first record, usually the header, is 1).
    public internal(set) var number: Int = 0
    /// 1-based physical line on which the record starts.
    public internal(set) var line: Int = 0
    /// The record's bytes as received, without its line terminator (and without a leading BOM).
    public internal(set) var raw: [UInt8] = []
    /// Set when the record is not clean RFC 4180; its fields are then unreliable.
    public internal(set) var malformation: CSVMalformation?

    public init() {}

    /// Number of fields.
    public var count: Int { fatalError("stub") }

    /// The unquoted content of field `index` (0-based).
    public subscript(index: Int) -> ArraySlice<UInt8> { fatalError("stub") }
}
