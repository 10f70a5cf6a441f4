/// A strict, streaming, byte-level RFC 4180 reader with bounded memory.
public struct CSVReader<Source: ByteSource> {
    public init(source: Source, options: CSVOptions = CSVOptions()) {
        fatalError("stub")
    }

    /// Reads the next record into `record`; `false` at the end of the input.
    /// A malformed record is returned with `malformation` set and reading resumes after it.
    public mutating func next(into record: inout CSVRecord) throws -> Bool {
        fatalError("stub")
    }
}
