/// The bytes with a meaning in CSV syntax.
enum CSVByte {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
}

/// Eight-bytes-at-a-time search for the bytes that end a scan.
enum CSVScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte`, exact up to the lowest set bit.
    @inline(__always)
    private static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// The index in `from..<end` of the first delimiter, LF, CR or quote, or `end`.
    @inline(__always)
    static func unquotedStop(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int, delimiter: UInt8,
                             classes: UnsafePointer<UInt8>) -> Int {
        var i = from
        while i + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
            let found = matches(word, delimiter) | matches(word, CSVByte.lf)
                | matches(word, CSVByte.cr) | matches(word, CSVByte.quote)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end && classes[Int(bytes[i])] & CSVChunkBuffer.unquotedStop == 0 { i += 1 }
        return i
    }

    /// The index in `from..<end` of the first quote or LF, or `end`.
    @inline(__always)
    static func quotedStop(_ bytes: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
            let found = matches(word, CSVByte.quote) | matches(word, CSVByte.lf)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < end && bytes[i] != CSVByte.quote && bytes[i] != CSVByte.lf { i += 1 }
        return i
    }
}
