@testable import ReferralCore
import Testing
import TestSupport

/// The identifier checks take fast paths (no allocation, the text returned as it is when it is
/// already normal). Each is compared here with a plain reading of its rule on many generated
/// values, near-valid ones most of all.
@Suite struct IdentifierOracleTests {
    @Test func postcodesAgreeWithThePlainRule() {
        var random = SplitMix(seed: 7)
        let valid = ["M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "ZZ99 3VZ", "GIR 0AA", "LS13 1WQ"]
        for _ in 0..<20_000 {
            let text = random.mutate(random.pick(valid), alphabet: "AZCIKMOV019 glrw-")
            #expect(Postcode.normalise(text) == PlainRules.postcode(text), "\(text)")
        }
    }

    @Test func nhsNumbersAgreeWithThePlainRule() {
        var random = SplitMix(seed: 8)
        let valid = ["9876543210", "4000000632", "4000000640", "987 654 3210"]
        for _ in 0..<20_000 {
            let text = random.mutate(random.pick(valid), alphabet: "0123456789 -\tx")
            #expect(NHSNumber.normalise(text) == PlainRules.nhsNumber(text), "\(text)")
        }
    }

    @Test func upnsAgreeWithThePlainRule() {
        var random = SplitMix(seed: 9)
        let valid = ["B801200005001", "A950000178301", "M80120000500A", "b80120000500b", " B801200005001 "]
        for _ in 0..<20_000 {
            let text = random.mutate(random.pick(valid), alphabet: "0123456789ABIMObm \t")
            #expect(UPN.normalise(text) == PlainRules.upn(text), "\(text)")
        }
    }
}

/// Near-valid values: a valid one with up to two characters replaced, inserted or removed.
private extension SplitMix {
    mutating func mutate(_ text: String, alphabet: String) -> String {
        var chars = Array(text)
        let letters = Array(alphabet)
        for _ in 0..<below(3) {
            let at = below(chars.count + 1)
            switch below(3) {
            case 0 where at < chars.count: chars[at] = letters[below(letters.count)]
            case 1: chars.insert(letters[below(letters.count)], at: at)
            default: if at < chars.count { chars.remove(at: at) }
            }
        }
        return String(chars)
    }
}

/// The rules as extract.md states them, written plainly (allocating freely).
private enum PlainRules {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0xA0 }
    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    static func upper(_ b: UInt8) -> UInt8 { (0x61...0x7A).contains(b) ? b - 0x20 : b }

    static func postcode(_ text: String) -> String? {
        let chars = text.utf8.filter { !isSpace($0) }
        guard chars.allSatisfy({ isDigit($0) || isLetter($0) }), (5...7).contains(chars.count) else { return nil }
        let upper = chars.map(upper)
        let outward = String(decoding: upper.dropLast(3), as: UTF8.self)
        let inward = String(decoding: upper.suffix(3), as: UTF8.self)
        if outward == "GIR" && inward == "0AA" { return "GIR 0AA" }
        let shape = String(outward.utf8.map { isDigit($0) ? "9" : "A" })
        let o = Array(outward.utf8)
        let outwardOK: Bool
        switch shape {
        case "A9", "A99", "AA9", "AA99": outwardOK = true
        case "A9A": outwardOK = "ABCDEFGHJKPSTUW".utf8.contains(o[2])
        case "AA9A": outwardOK = "ABEHMNPRVWXY".utf8.contains(o[3])
        default: outwardOK = false
        }
        let i = Array(inward.utf8)
        guard outwardOK, isDigit(i[0]), isLetter(i[1]), isLetter(i[2]) else { return nil }
        if outward != "ZZ99", i.dropFirst().contains(where: { "CIKMOV".utf8.contains($0) }) { return nil }
        return outward + " " + inward
    }

    static func nhsNumber(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ isDigit($0) || $0 == 0x20 || $0 == 0x2D || $0 == 0x09 }) else { return nil }
        let digits = text.utf8.filter(isDigit).map { Int($0 - 0x30) }
        guard digits.count == 10, Set(digits).count > 1 else { return nil }
        let sum = (0..<9).reduce(0) { $0 + digits[$1] * (10 - $1) }
        let check = (11 - sum % 11) % 11
        guard check != 10, check == digits[9] else { return nil }
        return String(digits.map { Character(String($0)) })
    }

    static func upn(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        let chars = bytes.map(upper)
        let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ".utf8)
        guard chars.count == 13, let check = alphabet.firstIndex(of: chars[0]),
              chars[1...11].allSatisfy(isDigit) else { return nil }
        var sum = (1...11).reduce(0) { $0 + Int(chars[$1] - 0x30) * ($1 + 1) }
        if isDigit(chars[12]) {
            sum += Int(chars[12] - 0x30) * 13
        } else if let value = alphabet.firstIndex(of: chars[12]) {
            sum += value * 13
        } else {
            return nil
        }
        return sum % 23 == check ? String(decoding: chars, as: UTF8.self) : nil
    }
}
