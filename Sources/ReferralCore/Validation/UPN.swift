/// Unique Pupil Number: a check letter, 11 digits, a digit or letter.
public enum UPN {
    /// The 23 letters a UPN uses (no I, O or S), A = 0 … Z = 22.
    static let alphabet: [UInt8] = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// Upper-cased UPN, or `nil` when format or check letter is wrong.
    ///
    /// Surrounding whitespace is ignored; inner spaces are not. A temporary UPN (ending in a
    /// letter) must end in one of the 23 UPN letters, which counts by its alphabet value.
    public static func normalise(_ text: String) -> String? {
        var text = text
        let result = text.withUTF8 { bytes -> (valid: Bool, asIs: Bool, upper: [UInt8]) in
            var start = 0, end = bytes.count
            while start < end, ASCII.isSpace(bytes[start]) { start += 1 }
            while end > start, ASCII.isSpace(bytes[end - 1]) { end -= 1 }
            guard end - start == 13, isValid(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return (false, false, []) }
            // Already trimmed and upper case (the usual case): the text itself is the answer.
            let asIs = start == 0 && end == bytes.count && !bytes.contains { ASCII.upper($0) != $0 }
            return (true, asIs, asIs ? [] : bytes[start..<end].map(ASCII.upper))
        }
        guard result.valid else { return nil }
        return result.asIs ? text : String(decoding: result.upper, as: UTF8.self)
    }

    /// Whether 13 bytes (any case) are a UPN with a right check letter.
    private static func isValid(_ chars: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let checkIndex = alphabet.firstIndex(of: ASCII.upper(chars[0])) else { return false }
        var sum = 0
        for k in 1...11 {
            guard ASCII.isDigit(chars[k]) else { return false }
            sum += Int(chars[k] - 0x30) * (k + 1)
        }
        let last = ASCII.upper(chars[12])
        if ASCII.isDigit(last) {
            sum += Int(last - 0x30) * 13
        } else if let value = alphabet.firstIndex(of: last) {
            sum += value * 13
        } else {
            return false
        }
        return sum % 23 == checkIndex
    }
}
