/// A configuration or profile problem, located by file, line and key path.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, when known.
    public var file: String?
    /// 1-based line in the file, when known.
    public var line: Int?
    /// Dotted key path, e.g. `drop.poll_interval` or `partners.police.profile`.
    public var path: String
    public var message: String

    public init(file: String? = nil, line: Int? = nil, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var location = file ?? "configuration"
        if let line { location += ":\(line)" }
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
