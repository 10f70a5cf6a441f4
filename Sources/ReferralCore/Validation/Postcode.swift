/// UK postcode, BS7666 pattern.
public enum Postcode {
    /// `OUTWARD INWARD`, upper case with one space, or `nil` when it does not match.
    ///
    /// Any case and any spacing is accepted (`sw1a1aa`, ` SW1A  1AA `). The outward code is one
    /// of `A9 A99 AA9 AA99 A9A AA9A` (the closing letter of `A9A`/`AA9A`
    /// restricted as BS7666 says); the inward code is `9AA` whose letters exclude C I K M O V.
    /// NHS pseudo postcodes (`ZZ99 3VZ`: ZZ99, a digit, two letters) and `GIR 0AA` are accepted.
    public static func normalise(_ text: String) -> String? {
        var chars: [UInt8] = []
        for b in text.utf8 where !ASCII.isSpace(b) {
            guard ASCII.isDigit(b) || ASCII.isLetter(b), chars.count < 7 else { return nil }
            chars.append(ASCII.upper(b))
        }
        guard chars.count >= 5 else { return nil }
        let outward = chars[..<(chars.count - 3)]
        let inward = chars[(chars.count - 3)...]
        let normalised = String(decoding: outward, as: UTF8.self) + " " + String(decoding: inward, as: UTF8.self)
        if normalised == "GIR 0AA" { return normalised }
        let isPseudo = outward.elementsEqual("ZZ99".utf8)
        guard isValidOutward(Array(outward)), ASCII.isDigit(inward[inward.startIndex]) else { return nil }
        for b in inward.dropFirst() {
            guard ASCII.isLetter(b) else { return nil }
            if !isPseudo, Array("CIKMOV".utf8).contains(b) { return nil }
        }
        return normalised
    }

    /// `A9 A99 AA9 AA99 A9A AA9A` (A a letter, 9 a digit). BS7666 restricts the closing letter:
    /// in `A9A` it is one of `ABCDEFGHJKPSTUW`, in `AA9A` one of `ABEHMNPRVWXY` (so `WF1O` is refused).
    private static func isValidOutward(_ o: [UInt8]) -> Bool {
        let shape = String(decoding: o.map { ASCII.isDigit($0) ? UInt8(ascii: "9") : UInt8(ascii: "A") },
                           as: UTF8.self)
        switch shape {
        case "A9", "A99", "AA9", "AA99": return true
        case "A9A": return "ABCDEFGHJKPSTUW".utf8.contains(o[2])
        case "AA9A": return "ABEHMNPRVWXY".utf8.contains(o[3])
        default: return false
        }
    }
}
