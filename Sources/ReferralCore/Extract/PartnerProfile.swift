/// How one partner's extract is laid out and what its values mean (a `config/partners/*.yaml`).
///
/// `columns` empty means the header names the standard fields themselves (the `standard` profile).
/// Keys of `values` are stored lower-cased and trimmed: lookups are case-insensitive.
public struct PartnerProfile: Sendable, Equatable {
    /// How a `full_name` column splits into surname and forename.
    public enum NameOrder: String, Sendable, CaseIterable {
        case surnameFirst = "surname_first"
        case forenameFirst = "forename_first"
    }

    public var name: String
    public var description: String
    /// CSV, `.xlsx`, or by each file's signature.
    public var format: ExtractFormat
    /// The worksheet of a workbook; nil for the first visible one.
    public var sheet: SheetChoice?
    public var delimiter: UInt8
    public var encoding: TextEncoding
    /// 1-based; records above it (titles, export banners) are skipped.
    public var headerRow: Int
    /// Tried in order.
    public var dateFormats: [DateFormat]
    public var nameOrder: NameOrder
    /// Standard field (or `fullName`) → the partner's header text.
    public var columns: [StandardField: String]
    /// Coded field → lower-cased partner value → code.
    public var values: [StandardField: [String: String]]
    /// Field → value used when the file lacks the column or leaves it empty.
    public var defaults: [StandardField: String]

    public init(
        name: String, description: String = "", delimiter: UInt8 = UInt8(ascii: ","),
        encoding: TextEncoding = .utf8, headerRow: Int = 1, dateFormats: [DateFormat],
        nameOrder: NameOrder = .surnameFirst, columns: [StandardField: String] = [:],
        values: [StandardField: [String: String]] = [:], defaults: [StandardField: String] = [:],
        format: ExtractFormat = .csv, sheet: SheetChoice? = nil
    ) {
        self.name = name
        self.description = description
        self.format = format
        self.sheet = sheet
        self.delimiter = delimiter
        self.encoding = encoding
        self.headerRow = headerRow
        self.dateFormats = dateFormats
        self.nameOrder = nameOrder
        self.columns = columns
        self.values = values.mapValues { table in
            Dictionary(table.map { (TextNormal.lookupKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        self.defaults = defaults
    }

    /// The built-in standard extract format of extract.md.
    public static let standard = PartnerProfile(
        name: "standard",
        description: "The referrald standard extract",
        dateFormats: [DateFormat(pattern: "yyyy-MM-dd")!, DateFormat(pattern: "dd/MM/yyyy")!]
    )

    /// True when the header names standard fields directly.
    public var usesStandardHeader: Bool { columns.isEmpty }
}
