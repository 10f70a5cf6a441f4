/// What a sample extract's bytes say about how to read it (onboarding.md): a workbook by its
/// signature, the text encoding, the delimiter; and the sample as rows of decoded cell texts,
/// which is all `ProfileDraft` reads (a workbook reader can hand it the same).
public struct ExtractSniffer: Sendable {
    public enum Format: String, Sendable { case csv, xlsx }

    public var format: Format
    public var encoding: TextEncoding
    /// Whether a UTF-8 byte-order mark opens the file.
    public var byteOrderMark: Bool
    public var delimiter: UInt8

    /// The delimiters tried, in the order that breaks ties.
    public static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    /// The records looked at to choose the delimiter.
    static let sniffRecords = 200

    public init(_ bytes: [UInt8]) {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0]
        format = bytes.starts(with: zip) || bytes.starts(with: ole) ? .xlsx : .csv
        byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if byteOrderMark || String(validating: bytes, as: UTF8.self) != nil {
            encoding = .utf8
        } else {
            // What UK systems write; ISO-8859-1 would turn 0x80–0x9F into control characters.
            encoding = .windows1252
        }
        delimiter = Self.delimiters[0]
        guard format == .csv else { return }
        var best = 0
        for candidate in Self.delimiters {
            let score = Self.consistentLines(bytes, delimiter: candidate)
            if score > best { (best, delimiter) = (score, candidate) }
        }
    }

    /// The number of records sharing the commonest field count above 1 (banner lines have one
    /// field, so they never make a delimiter win).
    static func consistentLines(_ bytes: [UInt8], delimiter: UInt8) -> Int {
        var reader = CSVReader(source: MemoryByteSource(bytes), options: CSVOptions(delimiter: delimiter))
        var record = CSVRecord()
        var counts: [Int: Int] = [:]
        var seen = 0
        while seen < sniffRecords, (try? reader.next(into: &record)) == true {
            seen += 1
            if record.count > 1 { counts[record.count, default: 0] += 1 }
        }
        return counts.values.max() ?? 0
    }

    /// The sample's records as decoded cell texts (a cell invalid in the encoding is empty), at
    /// most `limit` records.
    public func rows(_ bytes: [UInt8], limit: Int = 1_000_000) -> [[String]] {
        var reader = CSVReader(source: MemoryByteSource(bytes), options: CSVOptions(delimiter: delimiter))
        var record = CSVRecord()
        var rows: [[String]] = []
        while rows.count < limit, (try? reader.next(into: &record)) == true {
            rows.append((0..<record.count).map { encoding.decode(record[$0]) ?? "" })
        }
        return rows
    }
}
