/// UK postcode, BS7666 pattern.
public enum Postcode {
    /// `OUTWARD INWARD`, upper case with one space, or `nil` when it does not match.
    ///
    /// Any case and any spacing is accepted (`sw1a1aa`, ` SW1A  1AA `). The outward code is one
    /// of `A9 A99 AA9 AA99 A9A AA9A` (the closing letter of `A9A`/`AA9A`
    /// restricted as BS7666 says); the inward code is `9AA` whose letters exclude C I K M O V.
    /// NHS pseudo postcodes (`ZZ99 3VZ`: ZZ99, a digit, two letters) and `GIR 0AA` are accepted.
    public static func normalise(_ text: String) -> String? {
        // Up to seven letters and digits, upper-cased, packed into one word (no allocation).
        var packed: UInt64 = 0
        var count = 0
        for b in text.utf8 where !ASCII.isSpace(b) {
            guard ASCII.isDigit(b) || ASCII.isLetter(b), count < 7 else { return nil }
            packed |= UInt64(ASCII.upper(b)) << UInt64(8 * count)
            count += 1
        }
        guard count >= 5 else { return nil }
        // A constant: a nested function capturing a `var` reads it through a checked box.
        let word = packed
        func char(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> UInt64(8 * i)) }
        let outwardCount = count - 3
        let isGiro = count == 6 && word == Self.giro
        if !isGiro {
            guard isValidOutward(char, outwardCount), ASCII.isDigit(char(outwardCount)) else { return nil }
            let isPseudo = outwardCount == 4 && word & 0xFFFF_FFFF == Self.pseudoOutward
            for i in (outwardCount + 1)..<count {
                let b = char(i)
                guard ASCII.isLetter(b) else { return nil }
                if !isPseudo, Self.inwardExcluded.contains(b) { return nil }
            }
        }
        // Already `OUTWARD INWARD` (the usual case): the text itself is the answer.
        var text = text
        let asIs = text.withUTF8 { bytes in
            guard bytes.count == count + 1, bytes[outwardCount] == 0x20 else { return false }
            for i in 0..<count where bytes[i < outwardCount ? i : i + 1] != char(i) { return false }
            return true
        }
        if asIs { return text }
        return String(unsafeUninitializedCapacity: count + 1) { out in
            for i in 0..<outwardCount { out[i] = char(i) }
            out[outwardCount] = 0x20
            for i in outwardCount..<count { out[i + 1] = char(i) }
            return count + 1
        }
    }

    /// Letters the inward code may not use; closing letters `A9A` and `AA9A` outward codes may use.
    private static let inwardExcluded = LetterSet("CIKMOV")
    private static let threeCharacterClosing = LetterSet("ABCDEFGHJKPSTUW")
    private static let fourCharacterClosing = LetterSet("ABEHMNPRVWXY")

    /// A set of upper-case ASCII letters as bits (a test costs one shift, no string search).
    private struct LetterSet {
        let bits: UInt32

        init(_ letters: StaticString) {
            var bits: UInt32 = 0
            for i in 0..<letters.utf8CodeUnitCount { bits |= 1 << UInt32(letters.utf8Start[i] &- 0x41) }
            self.bits = bits
        }

        func contains(_ letter: UInt8) -> Bool {
            let index = letter &- 0x41
            return index < 26 && bits & (1 << UInt32(index)) != 0
        }
    }

    private static let giro = pack("GIR0AA")
    private static let pseudoOutward = pack("ZZ99")

    /// Up to eight ASCII bytes in one word, the first lowest (as `normalise` packs them).
    private static func pack(_ text: StaticString) -> UInt64 {
        var word: UInt64 = 0
        for i in 0..<text.utf8CodeUnitCount { word |= UInt64(text.utf8Start[i]) << UInt64(8 * i) }
        return word
    }

    /// `A9 A99 AA9 AA99 A9A AA9A` (A a letter, 9 a digit). BS7666 restricts the closing letter:
    /// in `A9A` it is one of `ABCDEFGHJKPSTUW`, in `AA9A` one of `ABEHMNPRVWXY` (so `WF1O` is refused).
    private static func isValidOutward(_ char: (Int) -> UInt8, _ count: Int) -> Bool {
        // The shape as bits, a digit 1: A9 = 01, A99 = 011, AA9 = 001, AA99 = 0011, A9A = 010, AA9A = 0010.
        var shape = 0
        for i in 0..<count { shape = shape << 1 | (ASCII.isDigit(char(i)) ? 1 : 0) }
        switch (count, shape) {
        case (2, 0b01), (3, 0b011), (3, 0b001), (4, 0b0011): return true
        case (3, 0b010): return threeCharacterClosing.contains(char(2))
        case (4, 0b0010): return fourCharacterClosing.contains(char(3))
        default: return false
        }
    }
}
