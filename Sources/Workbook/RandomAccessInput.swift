/// Bytes the workbook reader reads at offsets: an opened file, or memory in tests.
public protocol RandomAccessInput {
    /// The size in bytes, fixed while reading.
    var size: Int64 { get }
    /// Reads from `offset` into the buffer; returns bytes read, 0 at the end. Throws an I/O error.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int
}

extension RandomAccessInput {
    /// Reads exactly `count` bytes at `offset`, or throws `file.malformed` when the input ends first.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= size else {
            throw WorkbookError.malformed("a ZIP record points past the end of the file")
        }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        try out.withUnsafeMutableBytes { buffer in
            while done < count {
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]), at: offset + Int64(done))
                guard n > 0 else { throw WorkbookError.malformed("the file ends inside a ZIP record") }
                done += n
            }
        }
        return out
    }
}

/// A workbook held in memory: for tests and the fuzz harness.
public struct MemoryInput: RandomAccessInput, Sendable {
    public let data: [UInt8]

    public init(_ data: [UInt8]) { self.data = data }

    public var size: Int64 { Int64(data.count) }

    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        guard offset < Int64(data.count) else { return 0 }
        let start = Int(offset)
        let n = min(buffer.count, data.count - start)
        data.withUnsafeBytes { src in buffer.baseAddress!.copyMemory(from: src.baseAddress! + start, byteCount: n) }
        return n
    }
}

/// Little-endian integers from a byte array, bounds-checked.
extension Array where Element == UInt8 {
    func u16(_ at: Int) -> Int {
        guard at >= 0, at + 2 <= count else { return 0 }
        return Int(self[at]) | Int(self[at + 1]) << 8
    }

    func u32(_ at: Int) -> Int {
        guard at >= 0, at + 4 <= count else { return 0 }
        return u16(at) | u16(at + 2) << 16
    }

    func u64(_ at: Int) -> Int64 {
        guard at >= 0, at + 8 <= count else { return 0 }
        return Int64(u32(at)) | Int64(u32(at + 4)) << 32
    }
}
