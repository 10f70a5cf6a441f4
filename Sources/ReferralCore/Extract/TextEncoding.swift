/// The character encodings a partner's extract may declare (UTF-8 byte-order mark always accepted).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case iso88591 = "iso-8859-1"

    /// Decodes one field to a `String`; `nil` when a byte is invalid in this encoding.
    public func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        fatalError("stub: implemented by the CSV work")
    }
}
