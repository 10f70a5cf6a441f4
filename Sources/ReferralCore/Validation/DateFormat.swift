/// One date pattern a partner's extract uses, such as `dd/MM/yyyy` or `dd-MMM-yyyy`.
///
/// Tokens: `yyyy` (four digits), `MM`/`dd` (exactly two digits), `M`/`d` (one or two digits),
/// `MMM` or `MMMM` (an English month name, abbreviated or full, any case), and the literal
/// separators `/ - .` and space. Each of year, month and day must appear exactly once.
/// Parsing is byte-level and allocation-free: it runs on every row.
public struct DateFormat: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let tokens: [Token]

    enum Token: Hashable, Sendable {
        case year
        case month(minDigits: Int)
        case day(minDigits: Int)
        case monthName
        case literal(UInt8)
    }

    /// `nil` when the pattern is not one this parser supports.
    public init?(pattern: String) {
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var i = 0
        var seen = (year: 0, month: 0, day: 0)
        while i < bytes.count {
            let b = bytes[i]
            var run = 1
            while i + run < bytes.count, bytes[i + run] == b { run += 1 }
            switch b {
            case UInt8(ascii: "y"):
                guard run == 4 else { return nil }
                tokens.append(.year); seen.year += 1
            case UInt8(ascii: "M"):
                switch run {
                case 1, 2: tokens.append(.month(minDigits: run))
                case 3, 4: tokens.append(.monthName)
                default: return nil
                }
                seen.month += 1
            case UInt8(ascii: "d"):
                guard run <= 2 else { return nil }
                tokens.append(.day(minDigits: run)); seen.day += 1
            case UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "):
                for _ in 0..<run { tokens.append(.literal(b)) }
            default:
                return nil
            }
            i += run
        }
        guard seen == (1, 1, 1) else { return nil }
        // Two variable-width numbers side by side (`dM`) cannot be split reliably.
        for (a, b) in zip(tokens, tokens.dropFirst()) where a.isVariable && b.isNumeric {
            return nil
        }
        self.pattern = pattern
        self.tokens = tokens
    }

    /// The date, or `nil` when the text does not match or is not a real date.
    ///
    /// Surrounding whitespace is ignored, and so is a trailing midnight-style time part that
    /// exports add (` 00:00`, ` 00:00:00`, `T00:00:00`, ` 00:00:00.000`); any time is accepted
    /// and discarded.
    public func parse(_ text: String) -> CivilDate? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// `parse` over raw UTF-8 bytes, for callers that hold a field's bytes.
    public func parse(bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        var start = 0
        var end = bytes.count
        while start < end, DateFormat.isSpace(bytes[start]) { start += 1 }
        while end > start, DateFormat.isSpace(bytes[end - 1]) { end -= 1 }
        // Through a buffer pointer: iterating the array would retain it on every row (and the
        // threads of one check share a profile's formats: contended counts).
        return tokens.withUnsafeBufferPointer { tokens in parse(bytes, from: start, to: end, tokens: tokens) }
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, tokens: UnsafeBufferPointer<Token>) -> CivilDate? {
        var i = start
        var year = 0, month = 0, day = 0
        for token in tokens {
            switch token {
            case .year:
                guard let v = DateFormat.digits(bytes, &i, end, min: 4, max: 4) else { return nil }
                year = v
            case .month(let minDigits):
                guard let v = DateFormat.digits(bytes, &i, end, min: minDigits, max: 2) else { return nil }
                month = v
            case .day(let minDigits):
                guard let v = DateFormat.digits(bytes, &i, end, min: minDigits, max: 2) else { return nil }
                day = v
            case .monthName:
                guard let v = DateFormat.monthName(bytes, &i, end) else { return nil }
                month = v
            case .literal(let b):
                guard i < end, bytes[i] == b else { return nil }
                i += 1
            }
        }
        guard i == end || DateFormat.isTimePart(bytes, from: i, to: end) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    public var description: String { pattern }

    // MARK: - Byte helpers

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    private static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Reads `min…max` digits at `i`; `max` is a hard limit when `min == max`.
    private static func digits(
        _ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int, min: Int, max: Int
    ) -> Int? {
        var value = 0
        var count = 0
        while count < max, i < end, isDigit(bytes[i]) {
            value = value * 10 + Int(bytes[i] &- 0x30)
            i += 1
            count += 1
        }
        return count >= min ? value : nil
    }

    private static let monthNames: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    /// An English month name, full or abbreviated to three letters (also `Sept`).
    private static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Int? {
        var j = i
        while j < end, (bytes[j] | 0x20) &- UInt8(ascii: "a") < 26 { j += 1 }
        let length = j - i
        guard length >= 3 else { return nil }
        for (index, name) in monthNames.enumerated() where length <= name.count {
            var matches = true
            for k in 0..<length where bytes[i + k] | 0x20 != name[k] {
                matches = false
                break
            }
            // Full name, three-letter abbreviation, or `Sept`.
            if matches, length == name.count || length == 3 || (index == 8 && length == 4) {
                i = j
                return index + 1
            }
        }
        return nil
    }

    /// ` HH:mm`, ` HH:mm:ss`, `THH:mm:ss`, optionally `.fff`, from `i` to `end`.
    private static func isTimePart(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var i = start
        guard i < end, bytes[i] == 0x20 || bytes[i] == UInt8(ascii: "T") else { return false }
        i += 1
        while i < end, bytes[i] == 0x20 { i += 1 }
        guard let hour = digits(bytes, &i, end, min: 1, max: 2), hour < 24,
              i < end, bytes[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = digits(bytes, &i, end, min: 2, max: 2), minute < 60 else { return false }
        if i < end, bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let second = digits(bytes, &i, end, min: 2, max: 2), second < 61 else { return false }
            if i < end, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < end else { return false }
                while i < end, isDigit(bytes[i]) { i += 1 }
            }
        }
        return i == end
    }
}

extension DateFormat.Token {
    var isNumeric: Bool {
        switch self {
        case .year, .month, .day: return true
        case .monthName, .literal: return false
        }
    }

    var isVariable: Bool {
        switch self {
        case .month(let n), .day(let n): return n == 1
        default: return false
        }
    }
}
