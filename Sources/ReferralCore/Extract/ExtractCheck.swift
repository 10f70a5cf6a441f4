/// Validates a whole extract without a database: the counts and issues `referrald check` prints.
///
/// In-file duplicates follow the loader's rule: the first accepted row of a key is accepted,
/// later accepted rows with the same key are duplicates (`row.duplicate`).
public struct ExtractCheck: Sendable {
    public var rows = 0
    public var accepted = 0
    public var rejected = 0
    public var duplicates = 0
    /// Every issue, file-level (row 0) first, then by row.
    public var issues: [RowIssue] = []
    /// Set when the whole file is refused.
    public var refusal: FileRefusal?
    /// partner_ref per row that has issues, for the partner report.
    public var partnerRefs: [Int: String] = [:]
    /// The coded values no profile entry or recogniser maps, for `values:` lines (onboarding.md).
    public var unrecognised = UnrecognisedValues()

    public var warnings: Int { issues.count { $0.severity == .warning } }
    public var errors: Int { issues.count { $0.severity == .error } }

    public init() {}

    /// A file refused whole before its rows were read.
    public init(refusal: FileRefusal) {
        self.refusal = refusal
        self.issues = [refusal.issue]
    }

    /// Reads a CSV extract to its end (read a second time when the key filter flags rows).
    public static func run<Source: ByteSource>(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) throws -> ExtractCheck {
        try run(source: source, profile: profile, arrivalDate: arrivalDate, options: options, keyFilterBits: defaultKeyFilterBits)
    }

    /// `keyFilterBits`: tests saturate the filter.
    static func run<Source: ByteSource>(
        source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions, keyFilterBits: Int
    ) throws -> ExtractCheck {
        // A copy of a `ByteSource` value starts from the beginning, as every source here does.
        try run(rows: CSVRowSource(bytes: source, profile: profile, options: options),
                again: { CSVRowSource(bytes: source, profile: profile, options: options) },
                profile: profile, arrivalDate: arrivalDate, keyFilterBits: keyFilterBits)
    }

    /// 2²⁷ bits (16 MiB) flag about 0.4% of 10M distinct keys read in one pass, 0.8% read in
    /// stretches (`SharedKeyFilter`), a handful at a million.
    public static let defaultKeyFilterBits = 1 << 27

    /// Reads an extract of any format to its end; `again` opens it anew for the second look at
    /// the rows the key filter flags. A `FileRefusal` met while reading the rows (a workbook
    /// broken part way) refuses the whole file, as the loader does.
    public static func run<Rows: RowSource>(
        rows: Rows, again: () throws -> any RowSource, profile: PartnerProfile, arrivalDate: CivilDate,
        keyFilterBits: Int = defaultKeyFilterBits
    ) throws -> ExtractCheck {
        var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate)
        do {
            var tally = CheckTally()
            tally.check.issues = try scanner.readHeader()
            // Exact in-file duplicates in bounded memory: a filter, then a second look at the few
            // rows it flags (DuplicateLookback). A flagged row is first counted as a duplicate.
            var keys = KeyFilter(bitCount: keyFilterBits)
            try tally.scan(&scanner, keys: &keys)
            if let columns = scanner.columns {
                try tally.resolveDuplicates(again: again, profile: profile, arrivalDate: arrivalDate, columns: columns)
            }
            return tally.check
        } catch let refusal as FileRefusal {
            return ExtractCheck(refusal: refusal)
        }
    }
}
