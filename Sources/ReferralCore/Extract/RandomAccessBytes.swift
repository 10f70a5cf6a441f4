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

/// Streams `RandomAccessBytes` from the start up to their `size`.
public struct RandomAccessByteSource: ByteSource {
    private let bytes: any RandomAccessBytes
    private var offset: Int64 = 0

    public init(_ bytes: any RandomAccessBytes) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let remaining = bytes.size - offset
        guard remaining > 0 else { return 0 }
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(Int(min(Int64(buffer.count), remaining))))
        let n = try bytes.read(into: target, at: offset)
        offset += Int64(n)
        return n
    }
}

/// Bytes held in memory: for tests and for intakes whose items are small.
public final class MemoryBytes: RandomAccessBytes, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var size: Int64 { Int64(bytes.count) }

    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        guard offset < size else { return 0 }
        let n = min(buffer.count, bytes.count - Int(offset))
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + Int(offset), byteCount: n)
        }
        return n
    }
}
