/// Fills a `CSVRecord` while the reader scans it, enforcing the limits of `CSVOptions`.
///
/// Bytes past a limit are counted but not stored, so a 10 MB field or 100k columns cost at most
/// `maxRecordBytes` (+2 for a terminator) of raw bytes, `maxRecordBytes` of field bytes and
/// `maxFields` offsets. The first problem in byte order is the one reported, except
/// `recordTooLong`, which is only reported when nothing else was.
struct CSVRecordBuilder {
    let maxFieldBytes: Int
    let maxFields: Int
    let maxRecordBytes: Int
    /// Raw bytes kept while reading: the limit plus room for a CRLF trimmed at the end.
    let rawCapacity: Int

    /// 0-based index of the field being read.
    private(set) var field = 0
    /// Length of the field being read, including bytes not stored.
    private var fieldLength = 0
    /// Bytes of the record seen so far, including bytes not stored and terminator bytes.
    private var rawTotal = 0

    init(options: CSVOptions) {
        let cap = Int.max / 4
        maxFieldBytes = min(max(options.maxFieldBytes, 0), cap)
        maxFields = min(max(options.maxFields, 1), cap)
        maxRecordBytes = min(max(options.maxRecordBytes, 0), cap)
        rawCapacity = maxRecordBytes + 2
    }

    /// Records `problem` unless the record is already malformed.
    @inline(__always)
    func flag(_ problem: CSVMalformation, _ record: inout CSVRecord) {
        if record.malformation == nil { record.malformation = problem }
    }

    /// Appends `count` content bytes at `start` to the current field.
    @inline(__always)
    mutating func appendField(_ start: UnsafePointer<UInt8>, _ count: Int, _ record: inout CSVRecord) {
        let newLength = fieldLength + count
        if field < maxFields {
            var keep = count
            if newLength > maxFieldBytes {
                flag(.fieldTooLong(field: field), &record)
                keep = max(0, maxFieldBytes - fieldLength)
            }
            keep = min(keep, maxRecordBytes - record.fieldBytes.count)
            if keep > 0 {
                record.fieldBytes.append(contentsOf: UnsafeBufferPointer(start: start, count: keep))
            }
        }
        fieldLength = newLength
    }

    /// Appends one content byte to the current field.
    @inline(__always)
    mutating func appendField(byte: UInt8, _ record: inout CSVRecord) {
        withUnsafePointer(to: byte) { appendField($0, 1, &record) }
    }

    /// Ends the current field.
    @inline(__always)
    mutating func endField(_ record: inout CSVRecord) {
        if field < maxFields { record.fieldEnds.append(record.fieldBytes.count) }
        field += 1
        fieldLength = 0
    }

    /// Ends the current field at a delimiter: another field follows.
    @inline(__always)
    mutating func endFieldAtDelimiter(_ record: inout CSVRecord) {
        endField(&record)
        if field >= maxFields { flag(.tooManyFields, &record) }
    }

    /// Appends `count` bytes as received (content or terminator) to the record's raw bytes.
    @inline(__always)
    mutating func appendRaw(_ start: UnsafePointer<UInt8>, _ count: Int, _ record: inout CSVRecord) {
        guard count > 0 else { return }
        rawTotal += count
        let keep = min(count, rawCapacity - record.raw.count)
        if keep > 0 { record.raw.append(contentsOf: UnsafeBufferPointer(start: start, count: keep)) }
    }

    /// Completes the record: drops the `terminatorLength` terminator bytes from `raw`, caps it.
    mutating func finish(terminatorLength: Int, _ record: inout CSVRecord) {
        let contentLength = rawTotal - terminatorLength
        if contentLength > maxRecordBytes { flag(.recordTooLong, &record) }
        let keep = min(contentLength, maxRecordBytes)
        if record.raw.count > keep { record.raw.removeLast(record.raw.count - keep) }
    }
}
