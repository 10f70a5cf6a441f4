import CZlib

/// A stream of bytes pulled in chunks: an inflating ZIP entry, or memory in tests.
public protocol ByteStream {
    /// Fills a prefix of the buffer; returns how many bytes, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// How much the parts of one workbook may inflate to, shared by every part read.
public final class InflateBudget {
    /// No part beyond this, whatever its ratio (quality.md, hostile workbooks).
    public static let maxPartBytes: Int64 = 1 << 30
    /// No part beyond this many times its compressed size.
    public static let maxRatio: Int64 = 200
    /// Parts this small are never a bomb: the ratio is not applied below this size.
    public static let ratioFloor: Int64 = 1 << 20

    /// The parts together may not inflate beyond this (the configured `max_file_size`).
    public let maxTotal: Int64
    public private(set) var total: Int64 = 0

    public init(maxTotal: Int64) { self.maxTotal = maxTotal }

    /// The most `entry` may inflate to.
    func limit(for entry: ZipDirectory.Entry) -> Int64 {
        min(Self.maxPartBytes, max(Self.ratioFloor, entry.compressedSize * Self.maxRatio))
    }

    func spend(_ bytes: Int, part: String) throws {
        total += Int64(bytes)
        guard total <= maxTotal else {
            throw WorkbookError(.tooLarge, "the workbook's parts inflate beyond the size limit of \(maxTotal) bytes")
        }
    }
}

/// One ZIP entry's bytes, inflated as they are read (raw deflate through zlib, or stored), with
/// the bounds checked as it goes: a bomb is stopped at its limit, never expanded.
public final class ZipEntryStream: ByteStream {
    private let input: any RandomAccessInput
    private let entry: ZipDirectory.Entry
    private let budget: InflateBudget
    private let limit: Int64
    private var offset: Int64
    private var remaining: Int64
    private var produced: Int64 = 0
    private var crc: UInt = 0
    private var finished = false
    private let zstream: UnsafeMutablePointer<z_stream>
    private var inBuffer: [UInt8]
    private var initialised = false
    private var inStart = 0
    private var inCount = 0
    private var streamEnded = false

    public init(input: some RandomAccessInput, entry: ZipDirectory.Entry, budget: InflateBudget) throws {
        guard entry.flags & 1 == 0 else { throw WorkbookError(.encrypted, "the ZIP entry \(entry.name) is encrypted") }
        guard entry.method == 0 || entry.method == 8 else {
            throw WorkbookError(.unsupportedFormat, "the ZIP entry \(entry.name) uses compression method \(entry.method)")
        }
        self.input = input
        self.entry = entry
        self.budget = budget
        self.limit = budget.limit(for: entry)
        guard entry.uncompressedSize <= limit else {
            throw WorkbookError(.tooLarge, "the part \(entry.name) declares \(entry.uncompressedSize) bytes inflated, beyond its limit (a ZIP bomb is not expanded)")
        }
        let local = try input.bytes(at: entry.localHeaderOffset, count: 30)
        guard local.u32(0) == 0x0403_4B50 else { throw WorkbookError.malformed("the ZIP local header of \(entry.name) is missing") }
        offset = entry.localHeaderOffset + 30 + Int64(local.u16(26)) + Int64(local.u16(28))
        remaining = entry.compressedSize
        guard offset + remaining <= input.size else { throw WorkbookError.malformed("the ZIP entry \(entry.name) runs past the end of the file") }
        inBuffer = [UInt8](repeating: 0, count: 64 << 10)
        zstream = .allocate(capacity: 1)
        zstream.initialize(to: z_stream())
        if entry.method == 8 {
            guard inflateInit2_(zstream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw WorkbookError(.unreadable, "zlib could not start")
            }
            initialised = true
        }
    }

    deinit {
        if initialised { inflateEnd(zstream) }
        zstream.deinitialize(count: 1)
        zstream.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let n = entry.method == 0 ? try readStored(into: buffer) : try inflate(into: buffer)
        if n > 0 {
            produced += Int64(n)
            guard produced <= limit else {
                throw WorkbookError(.tooLarge, "the part \(entry.name) inflates beyond its limit (a ZIP bomb is not expanded)")
            }
            guard produced <= entry.uncompressedSize else {
                throw WorkbookError.malformed("the part \(entry.name) inflates beyond the size its ZIP entry declares")
            }
            try budget.spend(n, part: entry.name)
            crc = crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(n))
        } else {
            finished = true
            guard produced == entry.uncompressedSize, UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw WorkbookError.malformed("the part \(entry.name) does not match its ZIP entry's size and checksum (truncated or damaged)")
            }
        }
        return n
    }

    private func readStored(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let want = Int(min(Int64(buffer.count), remaining))
        guard want > 0 else { return 0 }
        let n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(want)), at: offset)
        guard n > 0 else { throw WorkbookError.malformed("the file ends inside the part \(entry.name)") }
        offset += Int64(n)
        remaining -= Int64(n)
        return n
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !streamEnded else { return 0 }
        let capacity = UInt32(min(buffer.count, Int(UInt32.max)))
        zstream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        zstream.pointee.avail_out = capacity
        while zstream.pointee.avail_out == capacity {
            if inCount == 0 && remaining > 0 {
                let want = Int(min(Int64(inBuffer.count), remaining))
                let n = try inBuffer.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0.prefix(want)), at: offset) }
                guard n > 0 else { throw WorkbookError.malformed("the file ends inside the part \(entry.name)") }
                offset += Int64(n)
                remaining -= Int64(n)
                inStart = 0
                inCount = n
            }
            let status = inBuffer.withUnsafeMutableBufferPointer { inBytes -> Int32 in
                zstream.pointee.next_in = inBytes.baseAddress! + inStart
                zstream.pointee.avail_in = UInt32(inCount)
                let status = CZlib.inflate(zstream, Z_NO_FLUSH)
                inStart += inCount - Int(zstream.pointee.avail_in)
                inCount = Int(zstream.pointee.avail_in)
                zstream.pointee.next_in = nil
                return status
            }
            switch status {
            case Z_OK: continue
            case Z_STREAM_END:
                streamEnded = true
                return Int(capacity - zstream.pointee.avail_out)
            case Z_BUF_ERROR where remaining == 0 && inCount == 0:
                throw WorkbookError.malformed("the part \(entry.name) ends before its compressed data does (truncated)")
            default:
                throw WorkbookError.malformed("the part \(entry.name) is not valid deflate data")
            }
        }
        return Int(capacity - zstream.pointee.avail_out)
    }
}

/// Bytes in memory as a stream, in slices of at most `maxChunk`: for tests and the fuzz harness.
public struct MemoryStream: ByteStream, Sendable {
    private let bytes: [UInt8]
    private var offset = 0
    private let maxChunk: Int

    public init(_ bytes: [UInt8], maxChunk: Int = .max) {
        self.bytes = bytes
        self.maxChunk = max(1, maxChunk)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, maxChunk)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
