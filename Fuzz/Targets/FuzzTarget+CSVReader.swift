import ReferralCore

extension FuzzTarget {
    /// The first bytes pick the delimiter, the limits and the chunk size; the rest is the file.
    /// Clean records respect the limits; no more records or raw bytes than the input has.
    static func csvReader(_ input: [UInt8]) -> [String] {
        var input = FuzzInput(input)
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
            if records > bytes.count + 1 { return ["more records than bytes"] }
            if record.raw.count > options.maxRecordBytes { return ["raw bytes kept beyond maxRecordBytes"] }
            if record.malformation == nil {
                if record.count > options.maxFields { return ["clean record with too many fields"] }
                for i in 0..<record.count where record[i].count > options.maxFieldBytes {
                    return ["clean record with an over-long field"]
                }
            }
            rawTotal += record.raw.count
            if rawTotal > bytes.count { return ["more raw bytes than input"] }
        }
        return []
    }
}
