/// The central directory of a ZIP file: every entry's name, method, sizes and where its data
/// begins. Only the directory is read; no entry is inflated here.
public struct ZipDirectory: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var method: Int
        public var flags: Int
        public var crc32: UInt32
        public var compressedSize: Int64
        public var uncompressedSize: Int64
        public var localHeaderOffset: Int64
    }

    /// At most this many entries (a workbook has dozens).
    public static let maxEntries = 65_535
    /// The central directory itself may not be larger than this.
    public static let maxDirectoryBytes = 16 << 20

    public let entries: [Entry]
    private let index: [String: Int]

    /// Reads the end record and the central directory of `input`.
    public init(input: some RandomAccessInput) throws {
        let size = input.size
        guard size >= 22 else { throw WorkbookError.malformed("the ZIP file is too short to have a central directory") }
        let tailLength = Int(min(size, 22 + 65_535))
        let tail = try input.bytes(at: size - Int64(tailLength), count: tailLength)
        var end = -1
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw WorkbookError.malformed("the ZIP file has no end of central directory (truncated?)") }
        var count = tail.u16(end + 10)
        var directorySize = Int64(tail.u32(end + 12))
        var directoryOffset = Int64(tail.u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record and names the ZIP64 end record.
            let locatorAt = size - Int64(tailLength - end) - 20
            let locator = try input.bytes(at: locatorAt, count: 20)
            guard locator.u32(0) == 0x0706_4B50 else { throw WorkbookError.malformed("the ZIP64 end locator is missing") }
            let record = try input.bytes(at: locator.u64(8), count: 56)
            guard record.u32(0) == 0x0606_4B50 else { throw WorkbookError.malformed("the ZIP64 end record is missing") }
            let count64 = record.u64(32)
            guard count64 >= 0, count64 <= Int64(Self.maxEntries) else { throw WorkbookError.malformed("the ZIP file declares too many entries") }
            count = Int(count64)
            directorySize = record.u64(40)
            directoryOffset = record.u64(48)
        }
        guard count <= Self.maxEntries, directorySize >= 0, directorySize <= Int64(Self.maxDirectoryBytes),
              directoryOffset >= 0, directoryOffset + directorySize <= size else {
            throw WorkbookError.malformed("the ZIP central directory is out of bounds")
        }
        let directory = try input.bytes(at: directoryOffset, count: Int(directorySize))
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else {
                throw WorkbookError.malformed("a ZIP central directory record is broken")
            }
            let nameLength = directory.u16(at + 28), extraLength = directory.u16(at + 30), commentLength = directory.u16(at + 32)
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw WorkbookError.malformed("a ZIP central directory record is broken") }
            var entry = Entry(
                name: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: directory.u16(at + 10), flags: directory.u16(at + 8), crc32: UInt32(directory.u32(at + 16)),
                compressedSize: Int64(directory.u32(at + 20)), uncompressedSize: Int64(directory.u32(at + 24)),
                localHeaderOffset: Int64(directory.u32(at + 42)))
            Self.applyZip64(&entry, extra: Array(directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)]))
            guard entry.compressedSize >= 0, entry.uncompressedSize >= 0, entry.localHeaderOffset >= 0,
                  entry.localHeaderOffset < size else {
                throw WorkbookError.malformed("a ZIP entry points outside the file")
            }
            if index[entry.name] == nil { index[entry.name] = entries.count }
            entries.append(entry)
            at = next
        }
        self.entries = entries
        self.index = index
    }

    /// The entry named `name` (exact, as stored), if any.
    public func entry(_ name: String) -> Entry? { index[name].map { entries[$0] } }

    /// Replaces 0xFFFFFFFF sizes and offset with the ZIP64 extra field's values, in its order.
    private static func applyZip64(_ entry: inout Entry, extra: [UInt8]) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at), length = extra.u16(at + 2)
            if id == 0x0001 {
                var field = at + 4
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = extra.u64(field); field += 8 }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = extra.u64(field); field += 8 }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = extra.u64(field) }
                return
            }
            at += 4 + length
        }
    }
}
