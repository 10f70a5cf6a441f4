/// An item's bytes, readable at any offset: an opened file, a spooled MESH message, memory in
/// tests. A format reader that must seek (a workbook's ZIP directory sits at its end) reads
/// these directly; a streaming one takes `byteSource()`.
public protocol RandomAccessBytes: AnyObject {
    /// The size fixed when the bytes were opened (bytes appended later are not read).
    var size: Int64 { get }
    /// Reads from `offset` into the buffer; returns bytes read, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int
}

extension RandomAccessBytes {
    /// The bytes from the start, as a stream.
    public func byteSource() -> RandomAccessByteSource { RandomAccessByteSource(self) }
}
