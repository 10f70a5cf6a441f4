import ReferralCore

/// Builds rows of PostgreSQL's COPY text format into a reusable byte buffer.
///
/// Text is escaped (`\\`, tab, newline, carriage return), `nil` is `\N`, bytea is `\\x` + hex.
struct CopyTextEncoder {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    mutating func endRow() {
        bytes.append(0x0A)
        fieldsInRow = 0
    }

    mutating func text(_ value: String?) {
        separator()
        guard var value else { bytes.append(contentsOf: [0x5C, 0x4E]); return }
        value.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let escape: UInt8
                switch utf8[i] {
                case 0x5C: escape = 0x5C
                case 0x09: escape = 0x74
                case 0x0A: escape = 0x6E
                case 0x0D: escape = 0x72
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                bytes.append(0x5C)
                bytes.append(escape)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    /// Decimal digits written straight into the buffer (no `String` per value).
    mutating func int(_ value: Int) {
        separator()
        if value < 0 { bytes.append(0x2D) }
        appendDigits(value.magnitude, width: 1)
    }

    /// `YYYY-MM-DD`, as `CivilDate.description` writes it, straight into the buffer.
    mutating func date(_ value: CivilDate?) {
        guard let value, (0...9999).contains(value.year) else { text(value?.description); return }
        separator()
        appendDigits(UInt(value.year), width: 4)
        bytes.append(0x2D)
        appendDigits(UInt(value.month), width: 2)
        bytes.append(0x2D)
        appendDigits(UInt(value.day), width: 2)
    }

    /// One ASCII byte as a whole field (`a`, `t`, `f`): no escaping needed.
    mutating func flag(_ byte: UInt8) {
        separator()
        bytes.append(byte)
    }

    private mutating func appendDigits(_ value: UInt, width: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0, v = value
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = 0x30 + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0 || n < width
            while n > 0 { n -= 1; bytes.append(d[n]) }
        }
    }

    mutating func bytea(_ value: [UInt8]) {
        separator()
        bytes.append(contentsOf: [0x5C, 0x5C, 0x78])
        Hex.append(value, to: &bytes)
    }

    private var fieldsInRow = 0

    private mutating func separator() {
        if fieldsInRow > 0 { bytes.append(0x09) }
        fieldsInRow += 1
    }
}
