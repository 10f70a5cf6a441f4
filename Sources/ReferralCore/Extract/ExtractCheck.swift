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

    public var warnings: Int { issues.count { $0.severity == .warning } }
    public var errors: Int { issues.count { $0.severity == .error } }

    public init() {}

    /// A file refused whole.
    public static func refused(_ refusal: FileRefusal) -> ExtractCheck {
        var check = ExtractCheck()
        check.refusal = refusal
        check.issues = [refusal.issue]
        return check
    }

    /// Reads the extract to its end. A `FileRefusal` met while reading (a workbook broken part
    /// way) refuses the whole file.
    public static func run<Source: ByteSource>(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) throws -> ExtractCheck {
        var check = ExtractCheck()
        var scanner = ExtractScanner(source: source, profile: profile, arrivalDate: arrivalDate, options: options)
        do {
            check.issues = try scanner.readHeader()
            try check.readRows(&scanner)
        } catch let refusal as FileRefusal {
            return refused(refusal)
        }
        return check
    }

    private mutating func readRows<Source: ByteSource>(_ scanner: inout ExtractScanner<Source>) throws {
        var seen = Set<String>()
        while let row = try scanner.next() {
            self.rows += 1
            var rowIssues = row.outcome.issues
            switch row.outcome {
            case .accepted(let record, _):
                if seen.insert(record.partnerRef).inserted {
                    self.accepted += 1
                } else {
                    self.duplicates += 1
                    rowIssues.append(RowIssue(
                        row: row.row, field: "partner_ref", rule: "row.duplicate", severity: .warning,
                        message: "the key repeats an earlier row of this file; the earlier row was loaded"))
                }
            case .refused:
                self.rejected += 1
            }
            if !rowIssues.isEmpty, let ref = row.partnerRef { self.partnerRefs[row.row] = ref }
            self.issues.append(contentsOf: rowIssues)
        }
    }
}
