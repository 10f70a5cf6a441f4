import ReferralCore

/// The COPY text of one staged row: kind (`a` accepted, `r` refused, `f` file issue; the loader
/// turns repeated keys into `d`), whether the key may repeat an earlier row, the standard record's columns, the raw bytes of a refused row, and its issues packed as
/// `field␟rule␟severity␟message` joined by `␞` (unit and record separators).
enum StagingRow {
    static func encode(_ row: ScannedRow, maybeDuplicate: Bool, into e: inout CopyTextEncoder) {
        e.int(row.row)
        switch row.outcome {
        case .accepted(let r, let warnings):
            e.flag(0x61)  // a
            e.flag(maybeDuplicate ? 0x74 : 0x66)
            e.text(r.partnerRef); e.date(r.referralDate); e.text(r.nhsNumber); e.text(r.upn); e.text(r.laChildId)
            e.text(r.forename); e.text(r.surname); e.date(r.dateOfBirth); e.date(r.expectedDateOfBirth)
            e.text(r.sex); e.text(r.ethnicity); e.text(r.postcode); e.text(r.referralSource); e.text(r.primaryNeed)
            e.text(r.reason); e.text(r.childKey)
            e.text(nil)
            e.text(pack(warnings))
        case .refused(let issues):
            e.flag(0x72)  // r
            e.flag(0x66)
            e.text(row.partnerRef)
            for _ in 0..<15 { e.text(nil) }
            e.bytea(row.raw)
            e.text(pack(issues))
        }
        e.endRow()
    }

    static func encodeFileIssue(_ issue: RowIssue, into e: inout CopyTextEncoder) {
        e.int(0)
        e.text("f")
        e.text("f")
        for _ in 0..<17 { e.text(nil) }
        e.text(pack([issue]))
        e.endRow()
    }

    private static func pack(_ issues: [RowIssue]) -> String? {
        guard !issues.isEmpty else { return nil }
        return issues.map { "\($0.field)\u{1F}\($0.rule)\u{1F}\($0.severity.rawValue)\u{1F}\($0.message)" }.joined(separator: "\u{1E}")
    }
}
