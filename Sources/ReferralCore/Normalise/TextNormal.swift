/// Small text normalisations shared by the profile and the rules.
public enum TextNormal {
    /// Trimmed, runs of whitespace collapsed to one space.
    public static func collapsingWhitespace(_ text: String) -> String {
        if isTidyASCII(text) { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The key a case-insensitive lookup uses: whitespace collapsed, lower-cased.
    public static func lookupKey(_ text: String) -> String {
        collapsingWhitespace(text).lowercased()
    }

    /// `text` with every control character (C0, DEL, C1) shown as `?`, for one-line logs and
    /// messages: names chosen by partners must not break or forge a log line.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) ? "?" : $0
        }))
    }

    /// True when the text holds nothing but whitespace.
    @inline(__always)
    public static func isBlank(_ text: String) -> Bool {
        // Most fields start with a printable ASCII character.
        let utf8 = text.utf8
        if !utf8.isEmpty, case let first = utf8[utf8.startIndex], first > 0x20, first < 0x80 { return false }
        return isBlankSlow(text)
    }

    private static func isBlankSlow(_ text: String) -> Bool {
        var nonASCII = false
        for byte in text.utf8 {
            if byte >= 0x80 { nonASCII = true; break }
            if !isASCIISpace(byte) { return false }
        }
        return !nonASCII || text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The fast path: ASCII with no leading, trailing, doubled or non-space whitespace, so
    /// collapsing would change nothing.
    @inline(__always)
    static func isTidyASCII(_ text: String) -> Bool {
        var text = text  // `withUTF8` reads a small string's bytes in place on the stack
        return text.withUTF8 { bytes in
            var previousSpace = true  // a leading space is untidy
            for byte in bytes {
                if byte >= 0x80 { return false }
                if isASCIISpace(byte) {
                    if byte != 0x20 || previousSpace { return false }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            return !previousSpace || bytes.isEmpty
        }
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
