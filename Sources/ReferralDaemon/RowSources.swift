import ReferralCore
import Workbook

/// Chooses the `RowSource` that reads an item's bytes for a partner's profile: the one place a
/// format is picked (the profile's `format`, and `auto` by the bytes' signature: ZIP or OLE is a
/// workbook, anything else CSV). Throws `FileRefusal` when the bytes cannot be read in the
/// chosen format.
public enum RowSources {
    /// A `RowSources.open`-shaped chooser; `FileJob` takes one so tests can bring their own format.
    public typealias Chooser = (any RandomAccessBytes, PartnerProfile) throws -> any RowSource

    /// What a workbook's parts may inflate to together when nothing else is said: the default
    /// `max_file_size`.
    public static let defaultMaxInflated: Int64 = 2 << 30

    /// The rows of `bytes` as the profile says to read them, from the start.
    public static func open(_ bytes: any RandomAccessBytes, profile: PartnerProfile) throws -> any RowSource {
        try open(bytes, profile: profile, maxInflated: defaultMaxInflated)
    }

    /// As `open`, a workbook's parts together inflating to at most `maxInflated` bytes (the
    /// configured `max_file_size`).
    public static func open(_ bytes: any RandomAccessBytes, profile: PartnerProfile, maxInflated: Int64) throws -> any RowSource {
        if try readsAsCSV(bytes, profile: profile) { return CSVRowSource(bytes: bytes.byteSource(), profile: profile) }
        return try WorkbookRowSource(bytes: bytes, profile: profile, maxInflated: maxInflated)
    }

    /// Whether `open` reads `bytes` as CSV (else as a workbook).
    public static func readsAsCSV(_ bytes: any RandomAccessBytes, profile: PartnerProfile) throws -> Bool {
        switch profile.format {
        case .csv:
            return true
        case .xlsx:
            return false
        case .auto:
            var prefix = [UInt8](repeating: 0, count: 4)
            let n = try prefix.withUnsafeMutableBytes { try bytes.read(into: $0, at: 0) }
            return !Workbook.hasSignature(Array(prefix.prefix(n)))
        }
    }

    /// A chooser bounding workbooks by the configured `max_file_size`.
    public static func chooser(maxInflated: Int64) -> Chooser {
        { bytes, profile in try open(bytes, profile: profile, maxInflated: maxInflated) }
    }
}
