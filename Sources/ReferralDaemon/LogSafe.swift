/// Makes file names safe for one-line logs: control characters become `?`, length is capped.
public enum LogSafe {
    /// The last path component, sanitised.
    public static func fileName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars.prefix(200) {
            out.append(scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) ? "?" : scalar)
        }
        return String(out)
    }
}
