/// Buffers COPY data and sends it to `PQputCopyData` in chunks of at least 8 KiB.
public struct CopyInWriter: ~Copyable {
    /// Appends bytes to the COPY stream (text format: the caller escapes).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) { fatalError("stub") }
    public mutating func write(_ bytes: [UInt8]) throws(PostgresError) { fatalError("stub") }
    /// Appends one byte.
    public mutating func write(byte: UInt8) throws(PostgresError) { fatalError("stub") }
}
