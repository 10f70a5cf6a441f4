/// What a cell's number format makes of its number: a date, a zero-padded integer, or a plain
/// number (extract.md, Workbooks: "Cells to text").
public enum NumberFormat: Sendable, Equatable {
    case general
    case date
    /// An all-zeros format (`00000000`): an integer shows padded to this many digits.
    case zeroPadded(Int)

    /// Built-in format ids that are dates (14–17, 22); time-only ones (18–21, 45–47) are not.
    static let builtInDates: Set<Int> = [14, 15, 16, 17, 22]

    public static func builtIn(_ id: Int) -> NumberFormat {
        builtInDates.contains(id) ? .date : .general
    }

    /// Classifies a custom format code.
    public static func custom(_ code: String) -> NumberFormat {
        let bytes = Array(code.utf8)
        if !bytes.isEmpty, bytes.count <= 64, bytes.allSatisfy({ $0 == UInt8(ascii: "0") }) { return .zeroPadded(bytes.count) }
        // Only the first section (positive numbers) decides; quoted text, escaped characters
        // and bracketed parts ([Red], [$-809]) are not tokens, but elapsed time ([h]) is never a date.
        var day = false, month = false, year = false, hour = false, second = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i] | 0x20
            switch bytes[i] {
            case UInt8(ascii: ";"): i = bytes.count; continue
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"): i += 1
            case UInt8(ascii: "["):
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "]") { i += 1 }
                let inside = bytes[(start + 1)..<min(i, bytes.count)].map { $0 | 0x20 }
                if let first = inside.first, first == UInt8(ascii: "h") || first == UInt8(ascii: "m") || first == UInt8(ascii: "s") {
                    return .general
                }
            default:
                switch b {
                case UInt8(ascii: "d"): day = true
                case UInt8(ascii: "y"): year = true
                case UInt8(ascii: "m"): month = true
                case UInt8(ascii: "h"): hour = true
                case UInt8(ascii: "s"): second = true
                default: break
                }
            }
            i += 1
        }
        if day || year { return .date }
        // m alone is a month; beside h or s it is minutes.
        if month, !hour, !second { return .date }
        return .general
    }
}
