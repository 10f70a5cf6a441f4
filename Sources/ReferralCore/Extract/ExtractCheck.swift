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

    /// Reads the extract to its end. `source` is copied before reading and the copy read again
    /// (up to the last flagged row) when the key filter flags rows: a copy of a `ByteSource`
    /// value must start from the beginning, as `FileByteSource` and `MemoryByteSource` do.
    public static func run<Source: ByteSource>(source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions = CSVOptions()) throws -> ExtractCheck {
        try run(source: source, profile: profile, arrivalDate: arrivalDate, options: options, keyFilterBits: 1 << 27)
    }

    /// `keyFilterBits`: 2²⁷ bits (16 MiB) flag about 0.4% of 10M distinct keys; tests saturate it.
    static func run<Source: ByteSource>(
        source: Source, profile: PartnerProfile, arrivalDate: CivilDate, options: CSVOptions, keyFilterBits: Int
    ) throws -> ExtractCheck {
        var check = ExtractCheck()
        let replay = source
        var scanner = ExtractScanner(source: source, profile: profile, arrivalDate: arrivalDate, options: options)
        do {
            check.issues = try scanner.readHeader()
        } catch let refusal as FileRefusal {
            check.refusal = refusal
            check.issues = [refusal.issue]
            return check
        }
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
            check.issues.append(contentsOf: rowIssues)
        }
        if !lookback.isEmpty, let columns = scanner.columns {
            try lookback.resolve(source: replay, profile: profile, arrivalDate: arrivalDate, options: options,
                                 columns: columns, refused: refused)
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
        return check
    }
}
