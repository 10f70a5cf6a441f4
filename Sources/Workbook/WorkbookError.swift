/// Why a workbook cannot be read: a file-level refusal with a rule a partner can act on.
///
/// Messages name parts, sheets and limits, never a cell's value.
public struct WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable {
        case encrypted = "file.encrypted"
        case unsupportedFormat = "file.unsupported_format"
        case sheetMissing = "file.sheet_missing"
        case malformed = "file.malformed"
        case tooLarge = "file.too_large"
        case unreadable = "file.unreadable"
    }

    public var rule: Rule
    public var message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(rule.rawValue): \(message)" }

    static func malformed(_ message: String) -> WorkbookError { WorkbookError(.malformed, message) }
}
