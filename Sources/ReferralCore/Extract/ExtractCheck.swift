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

    /// 2²⁷ bits (16 MiB) flag about 0.4% of 10M distinct keys.
    public static let defaultKeyFilterBits = 1 << 27

    /// Reads an extract of any format to its end; `again` opens it anew for the second look at
    /// the rows the key filter flags. A `FileRefusal` met while reading the rows (a workbook
    /// broken part way) refuses the whole file, as the loader does.
    public static func run<Rows: RowSource>(
        rows: Rows, again: () throws -> any RowSource, profile: PartnerProfile, arrivalDate: CivilDate,
        keyFilterBits: Int = defaultKeyFilterBits
    ) throws -> ExtractCheck {
        var check = ExtractCheck()
        var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate)
        do {
            check.issues = try scanner.readHeader()
            try check.readRows(&scanner, again: again, profile: profile, arrivalDate: arrivalDate, keyFilterBits: keyFilterBits)
        } catch let refusal as FileRefusal {
            return ExtractCheck(refusal: refusal)
        }
        return check
    }

    private mutating func readRows<Rows: RowSource>(
        _ scanner: inout ExtractScanner<Rows>, again: () throws -> any RowSource, profile: PartnerProfile,
        arrivalDate: CivilDate, keyFilterBits: Int
    ) throws {
        var check = ExtractCheck()
        swap(&check, &self)
        defer { swap(&check, &self) }
        // Exact in-file duplicates in bounded memory: a filter, then a second look at the few
        // rows it flags (DuplicateLookback). A flagged row is first counted as a duplicate.
        var keys = KeyFilter(bitCount: keyFilterBits)
        var lookback = DuplicateLookback()
        var flagged: [(row: Int, key: String, issue: Int, otherIssues: Bool)] = []
        var refused: [Int] = []
        while let row = try scanner.next() {
            check.rows += 1
            var rowIssues = row.outcome.issues
            switch row.outcome {
            case .accepted(let record, _):
                if !keys.insert(record.partnerRef) {
                    check.accepted += 1
                } else {
                    check.duplicates += 1
                    lookback.flag(record.partnerRef, row: row.row)
                    flagged.append((row.row, record.partnerRef, check.issues.count + rowIssues.count, !rowIssues.isEmpty))
                    rowIssues.append(RowIssue(
                        row: row.row, field: "partner_ref", rule: "row.duplicate", severity: .warning,
                        message: "the key repeats an earlier row of this file; the earlier row was loaded"))
                }
            case .refused:
                check.rejected += 1
                refused.append(row.row)
            }
            if !rowIssues.isEmpty, let ref = row.partnerRef { check.partnerRefs[row.row] = ref }
            for issue in rowIssues where issue.rule.hasSuffix(".invalid") {
                if let field = StandardField(rawValue: issue.field), field.codeList != nil, let value = scanner.lastRow[field] {
                    check.unrecognised.add(field, value)
                }
            }
            check.issues.append(contentsOf: rowIssues)
        }
        guard !lookback.isEmpty, let columns = scanner.columns else { return }
        try lookback.resolve(rows: again(), profile: profile, arrivalDate: arrivalDate, columns: columns, refused: refused)
        var wrong: Set<Int> = []
        for f in flagged where !lookback.isDuplicate(f.key, row: f.row) {
            check.duplicates -= 1
            check.accepted += 1
            wrong.insert(f.issue)
            if !f.otherIssues { check.partnerRefs[f.row] = nil }
        }
        if !wrong.isEmpty {
            check.issues = check.issues.enumerated().filter { !wrong.contains($0.offset) }.map(\.element)
        }
    }
}
