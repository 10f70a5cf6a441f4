/// NHS number: 10 digits, modulus-11 check.
public enum NHSNumber {
    /// The 10 digits without spaces or hyphens, or `nil` when format or check digit is wrong.
    ///
    /// Surrounding whitespace is ignored. A number whose ten digits are all the same
    /// (`0000000000`, `4444444444`) passes the modulus-11 check but is a placeholder systems use
    /// for "unknown", never an issued number, so it is refused too.
    public static func normalise(_ text: String) -> String? {
        var digits: UInt64 = 0  // the digits' values, 4 bits each, the first digit highest
        var count = 0
        var tidy = true  // the text is exactly the ten digits (the usual case: returned as it is)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard count < 10 else { return nil }
                digits = digits << 4 | UInt64(b &- 0x30)
                count += 1
            case 0x20, UInt8(ascii: "-"), 0x09:
                tidy = false
            default:
                return nil
            }
        }
        guard count == 10 else { return nil }
        // digit k (0-based from the left) is at bits 4 × (9 − k). (A constant: a nested function
        // capturing a `var` reads it through a checked box.)
        let number = digits
        func digit(_ k: Int) -> Int { Int((number >> UInt64(4 * (9 - k))) & 0xF) }
        let first = digit(0)
        guard (1..<10).contains(where: { digit($0) != first }) else { return nil }
        var sum = 0
        for k in 0..<9 { sum += digit(k) * (10 - k) }
        let check = 11 - sum % 11
        let expected = check == 11 ? 0 : check
        guard expected != 10, expected == digit(9) else { return nil }
        if tidy { return text }
        return String(unsafeUninitializedCapacity: 10) { out in
            for k in 0..<10 { out[k] = UInt8(0x30 + digit(k)) }
            return 10
        }
    }
}
