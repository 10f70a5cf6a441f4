/// Quoting for the configured schema name (validated as a plain identifier by the configuration).
enum SQLIdentifier {
    /// `"name"`, doubling any quote inside.
    static func quote(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
