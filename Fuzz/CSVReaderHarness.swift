// libFuzzer harness: the CSV reader over arbitrary bytes, random chunk sizes and small limits.
// Built by scripts/fuzz with the ReferralCore sources; never by SwiftPM.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: "|"), UInt8(ascii: ";")]
    let options = CSVOptions(
        delimiter: delimiters[input.byte() % delimiters.count],
        maxFieldBytes: 1 + input.byte() % 64,
        maxFields: 1 + input.byte() % 16,
        maxRecordBytes: 1 + input.byte() * 4)
    let chunk = 1 + input.byte() % 17
    let bytes = input.bytes
    var reader = CSVReader(source: MemoryByteSource(bytes, maxChunk: chunk), options: options)
    var record = CSVRecord()
    var records = 0
    var rawTotal = 0
    while (try? reader.next(into: &record)) == true {
        records += 1
        precondition(records <= bytes.count + 1, "more records than bytes")
        precondition(record.raw.count <= options.maxRecordBytes, "raw bytes kept beyond maxRecordBytes")
        if record.malformation == nil {
            precondition(record.count <= options.maxFields, "clean record with too many fields")
            for i in 0..<record.count { precondition(record[i].count <= options.maxFieldBytes, "clean record with an over-long field") }
        }
        rawTotal += record.raw.count
        precondition(rawTotal <= bytes.count, "more raw bytes than input")
    }
    return 0
}
