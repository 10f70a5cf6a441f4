/// Small text normalisations shared by the profile and the rules.
public enum TextNormal {
    /// Trimmed, runs of whitespace collapsed to one space.
    public static func collapsingWhitespace(_ text: String) -> String {
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

    /// True when the text holds nothing but whitespace.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
