/// What `check` learns from a run of consecutive data rows: the counts, issues and references
/// of an `ExtractCheck`, and what the exact duplicate rule needs afterwards (the rows the key
/// filter flagged, the refused rows). A whole file is one tally; a file read in stretches on
/// several threads gives one per stretch, appended in file order.
struct CheckTally: Sendable {
    /// A row the key filter flagged: first counted as a duplicate, `issue` its `row.duplicate`.
    struct Flag: Sendable {
        var row: Int
        var key: String
        var issue: Int
        var otherIssues: Bool
    }

    var check = ExtractCheck()
    /// Flagged rows, ascending.
    var flagged: [Flag] = []
    /// Refused data rows, ascending.
    var refused: [Int] = []

    static func duplicateIssue(row: Int) -> RowIssue {
        RowIssue(row: row, field: "partner_ref", rule: "row.duplicate", severity: .warning,
                 message: "the key repeats an earlier row of this file; the earlier row was loaded")
    }

    /// Reads the scanner's rows to its end. `keys` says whether an accepted row's key may have
    /// been seen before: such a row is first counted as a duplicate (see `resolveDuplicates`).
    mutating func scan<Rows: RowSource, Keys: RowKeyFilter>(_ scanner: inout ExtractScanner<Rows>, keys: inout Keys) throws {
        while let row = try scanner.next() {
            check.rows += 1
            var rowIssues = row.outcome.issues
            switch row.outcome {
            case .accepted:
                // An accepted row's reference is its record's (no copy of the record here).
                guard let key = row.partnerRef else { preconditionFailure("an accepted row carries its reference") }
                if !keys.insert(key, row: row.row) {
                    check.accepted += 1
                } else {
                    check.duplicates += 1
                    flagged.append(Flag(row: row.row, key: key, issue: check.issues.count + rowIssues.count,
                                        otherIssues: !rowIssues.isEmpty))
                    rowIssues.append(Self.duplicateIssue(row: row.row))
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
    }

    /// Appends the tally of the rows that follow these, its rows numbered from 1 at its own
    /// start, `rowOffset` rows after ours start. False when the merged `values:` tally would
    /// not be exactly a single pass's (see `UnrecognisedValues.merge`).
    mutating func append(_ later: CheckTally, rowOffset: Int) -> Bool {
        check.rows += later.check.rows
        check.accepted += later.check.accepted
        check.rejected += later.check.rejected
        check.duplicates += later.check.duplicates
        let issueOffset = check.issues.count
        check.issues.reserveCapacity(issueOffset + later.check.issues.count)
        for var issue in later.check.issues {
            issue.row += rowOffset
            check.issues.append(issue)
        }
        for (row, ref) in later.check.partnerRefs { check.partnerRefs[row + rowOffset] = ref }
        for var flag in later.flagged {
            flag.row += rowOffset
            flag.issue += issueOffset
            flagged.append(flag)
        }
        refused.append(contentsOf: later.refused.lazy.map { $0 + rowOffset })
        return check.unrecognised.merge(later.check.unrecognised)
    }

    /// Applies the duplicate rule exactly: re-reads the rows (from `again`, the file from its
    /// start) up to the last flagged row, or to `through` when later, and for each flagged key
    /// keeps its first accepted row and makes every later accepted row a duplicate. Returns how
    /// many rows the filter had not flagged became duplicates (only in stretches read apart).
    @discardableResult
    mutating func resolveDuplicates(
        again: () throws -> any RowSource, profile: PartnerProfile, arrivalDate: CivilDate, columns: ColumnMap, through: Int = 0
    ) throws -> Int {
        guard !flagged.isEmpty else { return 0 }
        var lookback = DuplicateLookback()
        for f in flagged { lookback.flag(f.key, row: f.row) }
        lookback.extend(to: through)
        try lookback.resolve(rows: again(), profile: profile, arrivalDate: arrivalDate, columns: columns, refused: refused)
        var wrong: Set<Int> = []
        for f in flagged where !lookback.isDuplicate(f.key, row: f.row) {
            check.duplicates -= 1
            check.accepted += 1
            wrong.insert(f.issue)
            if !f.otherIssues { check.partnerRefs[f.row] = nil }
        }
        let missed = lookback.unflagged.filter { lookback.isDuplicate($0.key, row: $0.row) }
        for m in missed {
            check.duplicates += 1
            check.accepted -= 1
            check.partnerRefs[m.row] = m.key
        }
        guard !wrong.isEmpty || !missed.isEmpty else { return 0 }
        // Rebuild the issues in row order: drop the wrong duplicates, add each missed one after
        // its row's other issues (where a single pass puts it).
        var issues: [RowIssue] = []
        issues.reserveCapacity(check.issues.count + missed.count)
        var next = 0
        for (index, issue) in check.issues.enumerated() {
            while next < missed.count, missed[next].row < issue.row {
                issues.append(Self.duplicateIssue(row: missed[next].row))
                next += 1
            }
            if !wrong.contains(index) { issues.append(issue) }
        }
        for m in missed[next...] { issues.append(Self.duplicateIssue(row: m.row)) }
        check.issues = issues
        return missed.count
    }
}

/// Answers whether an accepted row's key may have been seen before (`KeyFilter`'s `insert`).
protocol RowKeyFilter {
    /// Adds the key of data row `row`; true when it may have been added before.
    mutating func insert(_ key: String, row: Int) -> Bool
}

extension KeyFilter: RowKeyFilter {
    mutating func insert(_ key: String, row: Int) -> Bool { insert(key) }
}
