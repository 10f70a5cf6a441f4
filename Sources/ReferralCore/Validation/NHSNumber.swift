/// NHS number: 10 digits, modulus-11 check.
public enum NHSNumber {
    /// The 10 digits without spaces or hyphens, or `nil` when format or check digit is wrong.
    ///
    /// Surrounding whitespace is ignored. A number whose ten digits are all the same
    /// (`0000000000`, `4444444444`) passes the modulus-11 check but is a placeholder systems use
    /// for "unknown", never an issued number, so it is refused too.
    public static func normalise(_ text: String) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(10)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits.count < 10 else { return nil }
                digits.append(b)
            case 0x20, UInt8(ascii: "-"), 0x09:
                continue
            default:
                return nil
            }
        }
        guard digits.count == 10, digits.contains(where: { $0 != digits[0] }) else { return nil }
        var sum = 0
        for k in 0..<9 { sum += Int(digits[k] - 0x30) * (10 - k) }
        let check = 11 - sum % 11
        let expected = check == 11 ? 0 : check
        guard expected != 10, expected == Int(digits[9] - 0x30) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
