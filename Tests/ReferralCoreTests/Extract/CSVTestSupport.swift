@testable import ReferralCore

/// One record as read, in a comparable form.
struct ReadRecord: Equatable, CustomStringConvertible {
    var number: Int
    var line: Int
    var fields: [[UInt8]]
    var raw: [UInt8]
    var malformation: CSVMalformation?

    var description: String {
        let shown = fields.map { String(decoding: $0, as: UTF8.self) }
        return "#\(number) line \(line) \(shown) raw=\(String(decoding: raw, as: UTF8.self)) \(String(describing: malformation))"
    }
}

/// Reads every record of `bytes`.
func readAll(_ bytes: [UInt8], options: CSVOptions = CSVOptions(), maxChunk: Int = .max) throws -> [ReadRecord] {
    var reader = CSVReader(source: MemoryByteSource(bytes, maxChunk: maxChunk), options: options)
    var record = CSVRecord()
    var out: [ReadRecord] = []
    while try reader.next(into: &record) {
        out.append(ReadRecord(number: record.number, line: record.line, fields: record.fields,
                              raw: record.raw, malformation: record.malformation))
    }
    return out
}

/// Reads every record of `text` (UTF-8).
func readAll(_ text: String, options: CSVOptions = CSVOptions(), maxChunk: Int = .max) throws -> [ReadRecord] {
    try readAll(Array(text.utf8), options: options, maxChunk: maxChunk)
}

/// The fields of each record as strings.
func fieldStrings(_ records: [ReadRecord]) -> [[String]] {
    records.map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
}

/// Bytes of an ASCII string.
func b(_ text: String) -> [UInt8] { Array(text.utf8) }
