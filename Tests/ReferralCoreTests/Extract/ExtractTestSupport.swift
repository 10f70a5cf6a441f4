import Testing
@testable import ReferralCore

/// Shared helpers for the validator, scanner and check tests.

/// A date written `yyyy-MM-dd`; traps on a typo in a test.
func civil(_ text: String) -> CivilDate {
    let parts = text.split(separator: "-").map { Int($0)! }
    return CivilDate(year: parts[0], month: parts[1], day: parts[2])!
}

/// The day every test file "arrived" unless a test says otherwise.
let testArrival = civil("2024-06-15")

/// A valid NHS number built from nine digits: the modulus-11 check digit computed here,
/// independently of `NHSNumber`; `nil` when the nine digits give check 10 (no valid number).
func nhsNumber(nineDigits: Int) -> String? {
    let digits = String(nineDigits).paddedLeft(to: 9).map { Int(String($0))! }
    var sum = 0
    for k in 0..<9 { sum += digits[k] * (10 - k) }
    var check = 11 - sum % 11
    if check == 11 { check = 0 }
    guard check != 10 else { return nil }
    let all = digits + [check]
    guard Set(all).count > 1 else { return nil }
    return all.map(String.init).joined()
}

/// A valid UPN from its 12 trailing characters (11 digits and a final digit), check letter computed here.
func upn(trailing: String) -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
    let chars = Array(trailing)
    var sum = 0
    for (offset, c) in chars.enumerated() {
        let value = c.wholeNumberValue ?? alphabet.firstIndex(of: c)!
        sum += value * (offset + 2)
    }
    return String(alphabet[sum % 23]) + trailing
}

extension String {
    func paddedLeft(to width: Int, with pad: Character = "0") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}

extension RowOutcome {
    var record: StandardRecord? {
        if case .accepted(let record, _) = self { return record }
        return nil
    }

    var isRefused: Bool { record == nil }

    var rules: [String] { issues.map(\.rule) }
}

/// Builds a row as the scanner would hand it to the validator (blank cells are `nil`).
func rawRow(_ values: [StandardField: String]) -> RawRow {
    var raw = RawRow()
    for (field, value) in values { raw[field] = value }
    return raw
}

/// Scans a whole extract: the header's warnings and every data row.
func scanAll(
    _ bytes: [UInt8], profile: PartnerProfile = .standard, arrival: CivilDate = testArrival, maxChunk: Int = .max
) throws -> (warnings: [RowIssue], rows: [ScannedRow]) {
    var scanner = ExtractScanner(source: MemoryByteSource(bytes, maxChunk: maxChunk), profile: profile, arrivalDate: arrival)
    let warnings = try scanner.readHeader()
    var rows: [ScannedRow] = []
    while let row = try scanner.next() { rows.append(row) }
    return (warnings, rows)
}

func scanAll(
    _ text: String, profile: PartnerProfile = .standard, arrival: CivilDate = testArrival
) throws -> (warnings: [RowIssue], rows: [ScannedRow]) {
    try scanAll(Array(text.utf8), profile: profile, arrival: arrival)
}

/// The refusal `readHeader()` throws, or `nil` when the header is taken.
func headerRefusal(_ bytes: [UInt8], profile: PartnerProfile = .standard) -> FileRefusal? {
    var scanner = ExtractScanner(source: MemoryByteSource(bytes), profile: profile, arrivalDate: testArrival)
    do {
        try scanner.readHeader()
        return nil
    } catch let refusal as FileRefusal {
        return refusal
    } catch {
        Issue.recordUnexpected(error)
        return nil
    }
}

func runCheck(_ text: String, profile: PartnerProfile = .standard, arrival: CivilDate = testArrival) throws -> ExtractCheck {
    try ExtractCheck.run(source: MemoryByteSource(Array(text.utf8)), profile: profile, arrivalDate: arrival)
}

extension Issue {
    static func recordUnexpected(_ error: any Error) {
        Issue.record("unexpected error: \(error)")
    }
}
