/// Lower-case hexadecimal text of bytes (digests, bytea).
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends two hex digits per byte to `out`.
    public static func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
    }

    /// The bytes as a hex string.
    public static func string<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
