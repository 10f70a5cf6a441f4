#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging

/// One event per line on stderr: a constant message then sorted `key=value` pairs; under
/// journald (`$JOURNAL_STREAM` set) each line starts with its syslog priority (`<4>` …).
///
/// Values with spaces, quotes or `=` are quoted; control characters never reach the output.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let withPriority: Bool

    public init(label: String, level: Logger.Level = .info, withPriority: Bool? = nil) {
        self.label = label
        self.logLevel = level
        self.withPriority = withPriority ?? (getenv("JOURNAL_STREAM") != nil)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = withPriority ? "<\(Self.priority(event.level))>" : ""
        line += Self.clean(event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in Self.orderedKeys(merged) {
            line += " \(key)=\(Self.value(merged[key]!.description))"
        }
        line += "\n"
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { if errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }

    /// Keys in the order alert lines fix (`alert scope granularity period observed mean
    /// upper_limit baseline`), then the rest alphabetically.
    static func orderedKeys(_ metadata: Logger.Metadata) -> [String] {
        let leading = ["alert", "scope", "granularity", "period", "observed", "mean", "upper_limit", "lower_limit", "baseline"]
        return leading.filter { metadata[$0] != nil } + metadata.keys.filter { !leading.contains($0) }.sorted()
    }

    /// Syslog priority: error 3, warning 4, notice 5, info 6, debug 7.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }

    static func value(_ text: String) -> String {
        let cleaned = clean(text)
        if cleaned.isEmpty || cleaned.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) {
            return "\"" + cleaned.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\\\"") + "\""
        }
        return cleaned
    }
}
