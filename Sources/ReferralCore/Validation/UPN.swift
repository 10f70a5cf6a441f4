/// Unique Pupil Number: a check letter, 11 digits, a digit or letter.
public enum UPN {
    /// The 23 letters a UPN uses (no I, O or S), A = 0 … Z = 22.
    static let alphabet: [UInt8] = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)

    /// Upper-cased UPN, or `nil` when format or check letter is wrong.
    ///
    /// Surrounding whitespace is ignored; inner spaces are not. A temporary UPN (ending in a
    /// letter) must end in one of the 23 UPN letters, which counts by its alphabet value.
    public static func normalise(_ text: String) -> String? {
        let chars = ASCII.trimmed(text).map(ASCII.upper)
        guard chars.count == 13, let checkIndex = alphabet.firstIndex(of: chars[0]) else { return nil }
        var sum = 0
        for k in 1...11 {
            guard ASCII.isDigit(chars[k]) else { return nil }
            sum += Int(chars[k] - 0x30) * (k + 1)
        }
        let last = chars[12]
        if ASCII.isDigit(last) {
            sum += Int(last - 0x30) * 13
        } else if let value = alphabet.firstIndex(of: last) {
            sum += value * 13
        } else {
            return nil
        }
        guard sum % 23 == checkIndex else { return nil }
        return String(decoding: chars, as: UTF8.self)
    }
}
