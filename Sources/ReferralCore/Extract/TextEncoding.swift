/// The character encodings a partner's extract may declare (UTF-8 byte-order mark always accepted).
///
/// Decoding is per field: the reader works on bytes and a field becomes a `String` only when
/// the caller needs one. An all-ASCII field takes a fast path in every encoding.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"

    /// Decodes one field to a `String`; `nil` when a byte is invalid in this encoding.
    ///
    /// UTF-8 is validated (no replacement characters). Windows-1252 maps 0x80–0x9F per the
    /// WHATWG table, and its five undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) are invalid.
    /// ISO-8859-1 maps every byte to U+0000–U+00FF and never fails.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { decode($0, refusingNUL: false) }
    }

    /// `decode`, reading the bytes in place; with `refusingNUL` a NUL byte makes the field
    /// invalid too (a text field never holds one), found in the same pass as the ASCII test.
    @inline(__always)
    func decode(_ bytes: UnsafeBufferPointer<UInt8>, refusingNUL: Bool) -> String? {
        let bytesSeen = Self.classify(bytes)
        if refusingNUL && bytesSeen.nul { return nil }
        if bytesSeen.ascii { return String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .utf8: return String(validating: bytes, as: UTF8.self)
        case .windows1252: return Self.decodeSingleByte(bytes, windows1252: true)
        case .iso88591: return Self.decodeSingleByte(bytes, windows1252: false)
        }
    }

    /// Whether every byte is below 0x80, and whether one is 0, eight bytes at a time.
    @inline(__always)
    private static func classify(_ buffer: UnsafeBufferPointer<UInt8>) -> (ascii: Bool, nul: Bool) {
        guard let base = buffer.baseAddress else { return (true, false) }
        let raw = UnsafeRawPointer(base)
        let count = buffer.count
        var any: UInt64 = 0, zero: UInt64 = 0
        var i = 0
        while i + 8 <= count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            any |= x
            zero |= ASCII.zeroBytes(x)
            i += 8
        }
        while i < count {
            any |= UInt64(base[i])
            if base[i] == 0 { zero = 1 }
            i += 1
        }
        return (any & 0x8080_8080_8080_8080 == 0, zero != 0)
    }

    /// Windows-1252 0x80–0x9F; 0 marks the five undefined bytes.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Transcodes a single-byte encoding to UTF-8; `nil` on an undefined byte.
    private static func decodeSingleByte(_ bytes: UnsafeBufferPointer<UInt8>, windows1252: Bool) -> String? {
        var valid = true
        let table = windows1252High
        let string = String(unsafeUninitializedCapacity: bytes.count * 3) { out in
            var o = 0
            for byte in bytes {
                var scalar = UInt32(byte)
                if windows1252 && byte >= 0x80 && byte < 0xA0 {
                    scalar = UInt32(table[Int(byte) - 0x80])
                    if scalar == 0 {
                        valid = false
                        return 0
                    }
                }
                if scalar < 0x80 {
                    out[o] = UInt8(scalar)
                    o += 1
                } else if scalar < 0x800 {
                    out[o] = UInt8(0xC0 | (scalar >> 6))
                    out[o + 1] = UInt8(0x80 | (scalar & 0x3F))
                    o += 2
                } else {
                    out[o] = UInt8(0xE0 | (scalar >> 12))
                    out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (scalar & 0x3F))
                    o += 3
                }
            }
            return o
        }
        return valid ? string : nil
    }
}
