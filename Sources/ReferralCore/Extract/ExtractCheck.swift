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

    /// Reads the extract to its end.
    public static func run<Source: ByteSource>(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) throws -> ExtractCheck {
        var check = ExtractCheck()
        var scanner = ExtractScanner(source: source, profile: profile, arrivalDate: arrivalDate, options: options)
        do {
            check.issues = try scanner.readHeader()
        } catch let refusal as FileRefusal {
            check.refusal = refusal
            check.issues = [refusal.issue]
            return check
        }
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
        return check
    }
}
