/// Streams `RandomAccessBytes` from the start (or a given offset) up to their `size`.
public struct RandomAccessByteSource: ByteSource {
    private let bytes: any RandomAccessBytes
    private var offset: Int64 = 0

    public init(_ bytes: any RandomAccessBytes) { self.bytes = bytes }

    /// The bytes from `offset` on.
    public init(_ bytes: any RandomAccessBytes, from offset: Int64) {
        self.bytes = bytes
        self.offset = offset
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let remaining = bytes.size - offset
        guard remaining > 0 else { return 0 }
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(Int(min(Int64(buffer.count), remaining))))
        let n = try bytes.read(into: target, at: offset)
        offset += Int64(n)
        return n
    }
}
