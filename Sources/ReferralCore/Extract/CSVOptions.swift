/// Limits and dialect of the CSV reader.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator, one byte: `,` `\t` `|` `;`.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// A field longer than this (after unquoting) makes its record malformed.
    public var maxFieldBytes: Int = 1 << 20
    /// A record with more fields than this is malformed.
    public var maxFields: Int = 1024
    /// Raw bytes kept for one record; the rest of a longer record is read and dropped, and the record is malformed.
    public var maxRecordBytes: Int = 16 << 20

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20, maxFields: Int = 1024, maxRecordBytes: Int = 16 << 20) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
        self.maxRecordBytes = maxRecordBytes
    }
}
