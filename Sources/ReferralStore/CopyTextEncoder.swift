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

    mutating func int(_ value: Int) { text(String(value)) }

    mutating func date(_ value: CivilDate?) { text(value?.description) }

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
