/// The coded values (sex, ethnicity, referral source, primary need) that neither a profile's
/// `values` nor the built-in recognisers map, with the number of rows each was seen in: what
/// `profile draft` and `check` offer a person to fill in.
///
/// Only values seen in at least `minimumRows` rows and at most `maximumLength` characters long
/// are ever listed, so a column holding names by mistake never copies a name into a profile.
public struct UnrecognisedValues: Sendable {
    public struct Entry: Sendable, Equatable {
        public var field: StandardField
        public var value: String
        public var rows: Int
    }

    public static let minimumRows = 3
    public static let maximumLength = 40
    /// At most this many distinct values per field are counted (a free-text column has many).
    static let distinctLimit = 10_000

    private var counts: [StandardField: [String: Int]] = [:]
    /// Whether a value went uncounted because its field already had `distinctLimit` values.
    private(set) var droppedAny = false

    public init() {}

    /// Counts one row's value of a coded field.
    public mutating func add(_ field: StandardField, _ value: String) {
        guard field.codeList != nil else { return }
        let key = UnrecognisedValues.trimmed(value)
        guard !key.isEmpty, key.count <= Self.maximumLength else { return }
        if counts[field]?[key] == nil, counts[field, default: [:]].count >= Self.distinctLimit {
            droppedAny = true
            return
        }
        counts[field, default: [:]][key, default: 0] += 1
    }

    /// Adds the counts of `later`, made from the rows after these, as if one tally had seen all
    /// the rows. That is certain only when `later` dropped nothing and no field goes past
    /// `distinctLimit` (which values a single tally keeps then depends on their order): false
    /// otherwise, and these counts are then not to be used.
    mutating func merge(_ later: UnrecognisedValues) -> Bool {
        guard !later.droppedAny else { return false }
        for (field, values) in later.counts {
            counts[field, default: [:]].merge(values, uniquingKeysWith: +)
            if counts[field, default: [:]].count > Self.distinctLimit { return false }
        }
        return true
    }

    /// The values to list: per field (in the standard order), most frequent first, then by value.
    public var entries: [Entry] {
        StandardField.allCases.flatMap { field -> [Entry] in
            (counts[field] ?? [:]).filter { $0.value >= Self.minimumRows }
                .sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { Entry(field: field, value: $0.key, rows: $0.value) }
        }
    }

    /// The `values:` block to paste into a profile, each entry commented, its code to fill in.
    public static func yamlLines(_ entries: [Entry], commented: Bool) -> [String] {
        guard !entries.isEmpty else { return [] }
        let hash = commented ? "#" : ""
        var lines = ["\(hash)values:"]
        var field: StandardField?
        for entry in entries {
            if entry.field != field {
                lines.append("\(hash)  \(entry.field.rawValue):")
                field = entry.field
            }
            lines.append("\(hash)    \(quoted(entry.value)): \"?\"   # \(entry.rows) rows")
        }
        return lines
    }

    /// A YAML double-quoted scalar.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
