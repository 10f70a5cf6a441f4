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

    /// Reads a CSV extract to its end.
    public static func run<Source: ByteSource>(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) throws -> ExtractCheck {
        try run(rows: CSVRowSource(bytes: source, profile: profile, options: options), profile: profile, arrivalDate: arrivalDate)
    }

    /// Reads an extract of any format to its end. A `FileRefusal` met while reading the rows (a
    /// workbook broken part way) refuses the whole file, as the loader does.
    public static func run<Rows: RowSource>(rows: Rows, profile: PartnerProfile, arrivalDate: CivilDate) throws -> ExtractCheck {
        var check = ExtractCheck()
        var scanner = ExtractScanner(rows: rows, profile: profile, arrivalDate: arrivalDate)
        do {
            check.issues = try scanner.readHeader()
            try check.readRows(&scanner)
        } catch let refusal as FileRefusal {
            return ExtractCheck(refusal: refusal)
        }
        return check
    }

    private mutating func readRows<Rows: RowSource>(_ scanner: inout ExtractScanner<Rows>) throws {
        var check = ExtractCheck()
        swap(&check, &self)
        defer { swap(&check, &self) }
        var seen = Set<String>()
        while let row = try scanner.next() {
            check.rows += 1
            var rowIssues = row.outcome.issues
            switch row.outcome {
            case .accepted(let record, _):
                if seen.insert(record.partnerRef).inserted {
                    check.accepted += 1
                } else {
                    check.duplicates += 1
                    rowIssues.append(RowIssue(
                        row: row.row, field: "partner_ref", rule: "row.duplicate", severity: .warning,
                        message: "the key repeats an earlier row of this file; the earlier row was loaded"))
                }
            case .refused:
                check.rejected += 1
            }
            if !rowIssues.isEmpty, let ref = row.partnerRef { check.partnerRefs[row.row] = ref }
            for issue in rowIssues where issue.rule.hasSuffix(".invalid") {
                if let field = StandardField(rawValue: issue.field), field.codeList != nil, let value = scanner.lastRow[field] {
                    check.unrecognised.add(field, value)
                }
            }
            check.issues.append(contentsOf: rowIssues)
        }
    }
}
