// libFuzzer harness: the scanner and row validator (ExtractCheck.run) over arbitrary bytes with
// the standard profile. The first byte picks the source's chunk size; a fixed arrival date.
// Built by scripts/fuzz with the ReferralCore sources; never by SwiftPM.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let chunk = 1 + input.byte() * 37
    let arrival = CivilDate(year: 2026, month: 5, day: 14)!
    let options = CSVOptions(maxFieldBytes: 4096, maxFields: 64, maxRecordBytes: 1 << 16)
    guard let check = try? ExtractCheck.run(source: MemoryByteSource(input.bytes, maxChunk: chunk),
                                            profile: .standard, arrivalDate: arrival, options: options) else { return 0 }
    precondition(check.rows == check.accepted + check.rejected + check.duplicates, "rows not accounted for")
    precondition(check.issues.allSatisfy { !$0.rule.isEmpty }, "an issue without a rule")
    if let refusal = check.refusal { precondition(refusal.rule.hasPrefix("file."), "refusal rule \(refusal.rule)") }
    return 0
}
