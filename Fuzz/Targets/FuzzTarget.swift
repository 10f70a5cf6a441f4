import ReferralCore

/// One libFuzzer harness: the code path it drives and the invariants it asserts.
///
/// Shared by the harnesses in `Fuzz/*Harness.swift` (built by `scripts/fuzz` together with the
/// ReferralCore sources) and by `FuzzRegressionTests`, which replays `Fuzz/regressions/<name>/`
/// through exactly the same checks, so an input that once broke a harness stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV reader over arbitrary bytes, random chunk sizes and small limits.
    case csvReader = "CSVReader"
    /// Every code-list recogniser over arbitrary (possibly invalid) UTF-8.
    case codeList = "CodeList"
    /// The scanner and row validator over a whole extract (`ExtractCheck.run`, standard profile),
    /// in one pass and in stretches on threads (`run(csv:segments:)`): the two must agree.
    case extractCheck = "ExtractCheck"
    /// The row validator alone over arbitrary field values and profile settings.
    case rowValidator = "RowValidator"
    /// The workbook reader over arbitrary ZIP/OLE files, and its XML scanner over arbitrary bytes.
    case workbook = "Workbook"

    /// The longest input the harness is fuzzed with (`-max_len`, as in `scripts/fuzz`).
    public var maxLength: Int {
        switch self {
        case .codeList: 256
        case .csvReader: 4096
        case .extractCheck: 8192
        case .rowValidator: 1024
        case .workbook: 16384
        }
    }

    /// Whether the shipped sample extracts are a sensible seed (byte-level harnesses).
    public var seedsFromSamples: Bool { self != .codeList }

    /// Runs the code path over `input`; returns the invariants it broke, empty when none.
    public func violations(_ input: [UInt8]) -> [String] {
        switch self {
        case .csvReader: Self.csvReader(input)
        case .codeList: Self.codeList(input)
        case .extractCheck: Self.extractCheck(input)
        case .rowValidator: Self.rowValidator(input)
        case .workbook: Self.workbook(input)
        }
    }

    /// The harness entry point: traps, which libFuzzer reports as a crash, on any violation.
    public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) {
        let broken = violations(Array(UnsafeBufferPointer(start: data, count: size)))
        if !broken.isEmpty { fatalError("\(rawValue): " + broken.joined(separator: "; ")) }
    }

    /// The arrival date every harness validates against.
    static let arrival = CivilDate(year: 2026, month: 5, day: 14)!

    static func codeList(_ input: [UInt8]) -> [String] {
        let string = String(decoding: input, as: UTF8.self)
        return CodeList.allCases.compactMap { list in
            guard let code = list.recognise(string), !list.codes.contains(code) else { return nil }
            return "\(list.rawValue) recognised a code not in its list"
        }
    }

    static func extractCheck(_ input: [UInt8]) -> [String] {
        var input = FuzzInput(input)
        let chunk = 1 + input.byte() * 37
        let segments = 2 + input.byte() % 3
        let options = CSVOptions(maxFieldBytes: 4096, maxFields: 64, maxRecordBytes: 1 << 16)
        guard let check = try? ExtractCheck.run(source: MemoryByteSource(input.bytes, maxChunk: chunk),
                                                profile: .standard, arrivalDate: arrival, options: options) else { return [] }
        var broken: [String] = []
        // Read in stretches on threads, the result must be the one pass's.
        if let split = try? ExtractCheck.run(csv: MemoryBytes(input.bytes), profile: .standard, arrivalDate: arrival,
                                             segments: segments, options: options, splitThreshold: 0) {
            let differ = differences(split, check)
            if !differ.isEmpty { broken.append("stretches read apart differ from one pass: \(differ.joined(separator: ", "))") }
        } else {
            broken.append("stretches read apart threw where one pass did not")
        }
        if check.rows != check.accepted + check.rejected + check.duplicates { broken.append("rows not accounted for") }
        if !check.issues.allSatisfy({ !$0.rule.isEmpty }) { broken.append("an issue without a rule") }
        if let refusal = check.refusal, !refusal.rule.hasPrefix("file.") { broken.append("refusal rule \(refusal.rule)") }
        if check.refusal != nil && check.rows != 0 { broken.append("a refused file with rows") }
        return broken
    }

    /// What differs between two checks of one file: the refusal, counts, issues in order,
    /// references, the `values:` tally (empty: the same outcome).
    public static func differences(_ a: ExtractCheck, _ b: ExtractCheck) -> [String] {
        var differ: [String] = []
        if a.refusal?.issue != b.refusal?.issue { differ.append("refusal") }
        if [a.rows, a.accepted, a.rejected, a.duplicates] != [b.rows, b.accepted, b.rejected, b.duplicates] { differ.append("counts") }
        if a.issues != b.issues { differ.append("issues") }
        if a.partnerRefs != b.partnerRefs { differ.append("references") }
        if a.unrecognised.entries != b.unrecognised.entries { differ.append("values") }
        return differ
    }
}
