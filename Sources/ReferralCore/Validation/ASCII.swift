/// Byte-level helpers shared by the validators (ASCII only, no Foundation).
enum ASCII {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0xA0 }
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    static func upper(_ b: UInt8) -> UInt8 { b &- 0x61 < 26 ? b - 0x20 : b }

    /// The high bit of each zero byte of the eight bytes in `x`, exactly (no borrow between
    /// bytes): for scanning eight bytes at a time (xor with a repeated byte first to find it).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }
}
