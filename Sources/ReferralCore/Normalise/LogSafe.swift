/// Makes file names safe for one-line logs: control characters become `?`, length is capped.
public enum LogSafe {
    /// The last path component, sanitised.
    public static func fileName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return TextNormal.printable(String(String.UnicodeScalarView(name.unicodeScalars.prefix(200))))
    }
}
