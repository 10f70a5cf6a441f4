import PropertyBased
import Testing
import ReferralCore

@Suite("TextEncoding")
struct TextEncodingTests {
    @Test func asciiDecodesInEveryEncoding() {
        for encoding in TextEncoding.allCases {
            #expect(encoding.decode(ArraySlice(Array("Smith, Jo 2024-01-02".utf8))) == "Smith, Jo 2024-01-02")
        }
    }

    @Test func windows1252Euro() {
        #expect(TextEncoding.windows1252.decode([0x80]) == "€")
        #expect(TextEncoding.windows1252.decode([0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x9F]) == "Café \u{201C}Ÿ")
    }

    @Test func windows1252UndefinedBytesAreInvalid() {
        for byte: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(TextEncoding.windows1252.decode([0x41, byte]) == nil)
        }
    }

    @Test func invalidUTF8IsNil() {
        #expect(TextEncoding.utf8.decode([0x41, 0xC3]) == nil)
        #expect(TextEncoding.utf8.decode([0xFF]) == nil)
        #expect(TextEncoding.utf8.decode([0xED, 0xA0, 0x80]) == nil)
        #expect(TextEncoding.utf8.decode([0x43, 0x61, 0x66, 0xC3, 0xA9]) == "Café")
    }

    @Test func latin1() {
        #expect(TextEncoding.iso88591.decode([0xE9]) == "é")
        #expect(TextEncoding.iso88591.decode([0x80]) == "\u{80}")
        let all = (0...255).map { UInt8($0) }
        let decoded = TextEncoding.iso88591.decode(ArraySlice(all))
        #expect(decoded?.unicodeScalars.map(\.value) == (0...255).map { UInt32($0) })
    }

    @Test func decodesSliceWithOffsetIndices() {
        let bytes: [UInt8] = [0xFF, 0x41, 0xE9, 0x42]
        #expect(TextEncoding.iso88591.decode(bytes[1...]) == "AéB")
        #expect(TextEncoding.utf8.decode(bytes[1...1]) == "A")
    }

    @Test func utf8RoundTripsAnyScalars() async {
        let scalars = Gen.int(in: 0...0x10FFFF).map { Unicode.Scalar(UInt32($0)) ?? "x" }.array(of: 0...20)
        await propertyCheck(count: 300, input: scalars) { scalars in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            #expect(TextEncoding.utf8.decode(ArraySlice(Array(text.utf8))) == text)
        }
    }

    @Test func singleByteEncodingsDecodeEachByteToOneScalar() async {
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        await propertyCheck(count: 300, input: Gen.uint8(in: 0...255).array(of: 0...40)) { bytes in
            let latin1 = TextEncoding.iso88591.decode(ArraySlice(bytes))
            #expect(latin1?.unicodeScalars.map(\.value) == bytes.map { UInt32($0) })
            let cp1252 = TextEncoding.windows1252.decode(ArraySlice(bytes))
            if bytes.contains(where: undefined.contains) {
                #expect(cp1252 == nil)
            } else {
                #expect(cp1252?.unicodeScalars.count == bytes.count)
                #expect(cp1252?.unicodeScalars.allSatisfy { $0.value >= 0xA0 || $0.value < 0x80 || $0.value > 0xFF } == true)
            }
        }
    }
}
