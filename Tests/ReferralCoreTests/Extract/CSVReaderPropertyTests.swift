import PropertyBased
import Testing
@testable import ReferralCore

/// A byte, biased towards the bytes with a meaning in CSV.
private let csvByte = Gen.int(in: 0...271).map { i -> UInt8 in
    let specials: [UInt8] = [0x2C, 0x09, 0x7C, 0x3B, 0x22, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF, 0x00, 0x20, 0x41, 0x42, 0x22, 0x0A]
    return i < specials.count ? specials[i] : UInt8(i - specials.count)
}
private let delimiters: [UInt8] = [0x2C, 0x09, 0x7C, 0x3B]

/// A table written as CSV, with what reading it must give back.
private struct Written {
    var bytes: [UInt8] = []
    var expected: [ReadRecord] = []
}

/// Writes `table` as CSV, quoting fields when needed (or always), and computes the expected records.
private func write(_ table: [[[UInt8]]], delimiter: UInt8, crlf: Bool, alwaysQuote: Bool,
                   finalTerminator: Bool, bom: Bool) -> Written {
    var out = Written()
    if bom { out.bytes = [0xEF, 0xBB, 0xBF] }
    var line = 1
    for (r, row) in table.enumerated() {
        var raw: [UInt8] = []
        for (f, field) in row.enumerated() {
            if f > 0 { raw.append(delimiter) }
            let special = field.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            // A lone empty field on the last unterminated line, or a leading BOM, must be quoted.
            let lastEmpty = row.count == 1 && field.isEmpty && r == table.count - 1 && !finalTerminator
            let leadingBOM = r == 0 && f == 0 && field.starts(with: [0xEF, 0xBB, 0xBF])
            if alwaysQuote || special || lastEmpty || leadingBOM {
                raw.append(0x22)
                for byte in field {
                    raw.append(byte)
                    if byte == 0x22 { raw.append(0x22) }
                }
                raw.append(0x22)
            } else {
                raw += field
            }
        }
        out.expected.append(ReadRecord(number: r + 1, line: line, fields: row, raw: raw, malformation: nil))
        line += raw.count { $0 == 0x0A } + 1
        out.bytes += raw
        if r < table.count - 1 || finalTerminator { out.bytes += crlf ? [0x0D, 0x0A] : [0x0A] }
    }
    return out
}

@Suite("CSVReader properties")
struct CSVReaderPropertyTests {
    @Test func writtenTablesReadBackIdentically() async throws {
        let field = csvByte.array(of: 0...7)
        let table = field.array(of: 1...5).array(of: 1...6)
        // Chunks of 1...17 bytes exercise buffer boundaries; 18 stands for one whole chunk.
        let chunks = Gen.int(in: 1...18).map { $0 == 18 ? Int.max : $0 }
        await propertyCheck(count: 400, input: table, Gen.int(in: 0...63), chunks) { table, flags, chunk in
            let delimiter = delimiters[flags & 3]
            let written = write(table, delimiter: delimiter, crlf: flags & 4 != 0, alwaysQuote: flags & 8 != 0,
                                finalTerminator: flags & 16 != 0, bom: flags & 32 != 0)
            let options = CSVOptions(delimiter: delimiter)
            let read = try readAll(written.bytes, options: options, maxChunk: chunk)
            #expect(read == written.expected)
        }
    }

    @Test func resultDoesNotDependOnChunkSize() async throws {
        let junk = csvByte.array(of: 0...120)
        await propertyCheck(count: 300, input: junk, Gen.int(in: 1...17), Gen.int(in: 0...3)) { bytes, chunk, d in
            let options = CSVOptions(delimiter: delimiters[d], maxFieldBytes: 6, maxFields: 4, maxRecordBytes: 20)
            let whole = try readAll(bytes, options: options)
            let chunked = try readAll(bytes, options: options, maxChunk: chunk)
            #expect(whole == chunked)
            #expect(whole.map(\.number) == Array(1...max(1, whole.count)).prefix(whole.count).map { $0 })
            for record in whole {
                #expect(record.raw.count <= 20)
                #expect(record.fields.count <= 4)
                #expect(record.fields.allSatisfy { $0.count <= 6 })
            }
            // Every LF outside a record's raw bytes is a terminator: records never outnumber lines.
            #expect(whole.count <= bytes.count { $0 == 0x0A } + 1)
        }
    }

    @Test func cleanRecordsRawReparsesToSameFields() async throws {
        let junk = csvByte.array(of: 0...80)
        await propertyCheck(count: 300, input: junk) { bytes in
            // A raw record ending in a lone CR would read as CRLF once re-terminated: not comparable.
            for record in try readAll(bytes) where record.malformation == nil && !record.raw.isEmpty
                && !record.raw.starts(with: [0xEF, 0xBB, 0xBF]) && record.raw.last != 0x0D {
                let again = try readAll(record.raw + [0x0A])
                #expect(again.count == 1)
                #expect(again.first?.fields == record.fields)
            }
        }
    }
}
