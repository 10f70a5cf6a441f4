import Foundation

/// When a PEM certificate stops being valid (its `notAfter`), read with a minimal DER walk:
/// Certificate → TBSCertificate → [0] version, serial, signature, issuer, validity.
/// For the warning a client certificate gets when it is within 30 days of expiry (intake.md).
public enum CertificateExpiry {
    /// The first certificate's `notAfter` in the PEM file at `path`; nil when it cannot be read.
    public static func notAfter(pemFile path: String) -> Date? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return notAfter(pem: text)
    }

    public static func notAfter(pem: String) -> Date? {
        guard let begin = pem.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = pem.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<pem.endIndex),
              let der = Data(base64Encoded: String(pem[begin.upperBound..<end.lowerBound]), options: .ignoreUnknownCharacters)
        else { return nil }
        return notAfter(der: [UInt8](der))
    }

    static func notAfter(der: [UInt8]) -> Date? {
        guard let certificate = element(der, at: 0), certificate.tag == 0x30,
              var cursor = Optional(certificate.contentStart),
              let tbs = element(der, at: cursor), tbs.tag == 0x30 else { return nil }
        cursor = tbs.contentStart
        var fields: [(tag: UInt8, start: Int, end: Int)] = []
        while cursor < tbs.end, fields.count < 6, let field = element(der, at: cursor) {
            fields.append((field.tag, field.contentStart, field.end))
            cursor = field.end
        }
        let rest = fields.first?.tag == 0xA0 ? Array(fields.dropFirst()) : fields  // version is optional
        guard rest.count >= 4, rest[3].tag == 0x30,
              let notBefore = element(der, at: rest[3].start), let notAfter = element(der, at: notBefore.end) else { return nil }
        return time(tag: notAfter.tag, bytes: Array(der[notAfter.contentStart..<notAfter.end]))
    }

    /// One TLV at `offset`: its tag, where its content starts and where it ends.
    private static func element(_ der: [UInt8], at offset: Int) -> (tag: UInt8, contentStart: Int, end: Int)? {
        guard offset + 2 <= der.count else { return nil }
        let tag = der[offset]
        var length = Int(der[offset + 1]), start = offset + 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, start + count <= der.count else { return nil }
            length = der[start..<start + count].reduce(0) { $0 << 8 | Int($1) }
            start += count
        }
        guard start + length <= der.count else { return nil }
        return (tag, start, start + length)
    }

    /// UTCTime (`YYMMDDHHMMSSZ`, years 1950-2049) or GeneralizedTime (`YYYYMMDDHHMMSSZ`).
    private static func time(tag: UInt8, bytes: [UInt8]) -> Date? {
        guard let text = String(bytes: bytes, encoding: .ascii), text.hasSuffix("Z") else { return nil }
        var digits = String(text.dropLast())
        if tag == 0x17 {
            guard digits.count == 12, let yy = Int(digits.prefix(2)) else { return nil }
            digits = (yy < 50 ? "20" : "19") + digits
        } else if tag != 0x18 {
            return nil
        }
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let n = { (from: Int, count: Int) in Int(digits.dropFirst(from).prefix(count))! }
        return calendar.date(from: DateComponents(year: n(0, 4), month: n(4, 2), day: n(6, 2), hour: n(8, 2), minute: n(10, 2), second: n(12, 2)))
    }
}
