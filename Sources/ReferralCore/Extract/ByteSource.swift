/// A stream of bytes the CSV reader pulls from: a file, a pipe, or memory in tests.
///
/// `read(into:)` fills a prefix of the buffer and returns how many bytes it wrote; `0` means
/// the end of the stream. It may throw an I/O error, which the reader passes on unchanged.
public protocol ByteSource {
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes held in memory, served in slices: for tests and small inputs.
public struct MemoryByteSource: ByteSource, Sendable {
    private let bytes: [UInt8]
    private var offset = 0
    /// The most bytes one `read` returns, to exercise chunk boundaries in tests.
    private let maxChunk: Int

    public init(_ bytes: [UInt8], maxChunk: Int = .max) {
        self.bytes = bytes
        self.maxChunk = max(1, maxChunk)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, maxChunk)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
