/// The five predefined XML entities and numeric character references; nothing else (no DTD is
/// ever read, so no other entity exists).
enum XMLEntities {
    /// Appends `bytes` to `out` with entities decoded; false on an unknown or unterminated one.
    static func decode(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        var i = bytes.startIndex
        var runStart = i
        while i < bytes.endIndex {
            guard bytes[i] == UInt8(ascii: "&") else { i += 1; continue }
            out.append(contentsOf: bytes[runStart..<i])
            var semicolon = i + 1
            while semicolon < bytes.endIndex, semicolon - i < 12, bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
            guard semicolon < bytes.endIndex, bytes[semicolon] == UInt8(ascii: ";") else { return false }
            let entity = bytes[(i + 1)..<semicolon]
            if entity.elementsEqual("lt".utf8) { out.append(UInt8(ascii: "<")) }
            else if entity.elementsEqual("gt".utf8) { out.append(UInt8(ascii: ">")) }
            else if entity.elementsEqual("amp".utf8) { out.append(UInt8(ascii: "&")) }
            else if entity.elementsEqual("quot".utf8) { out.append(UInt8(ascii: "\"")) }
            else if entity.elementsEqual("apos".utf8) { out.append(UInt8(ascii: "'")) }
            else if entity.first == UInt8(ascii: "#"), let scalar = characterReference(entity.dropFirst()) {
                out.append(contentsOf: String(Character(scalar)).utf8)
            } else {
                return false
            }
            i = semicolon + 1
            runStart = i
        }
        out.append(contentsOf: bytes[runStart..<bytes.endIndex])
        return true
    }

    static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = digits
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") { radix = 16; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for d in digits {
            guard let v = hexValue(d), v < radix else { return nil }
            value = value * radix + v
        }
        return Unicode.Scalar(value)
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
