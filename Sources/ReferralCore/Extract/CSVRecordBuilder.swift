/// Assembles a record while the reader scans it, enforcing the limits of `CSVOptions`.
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
    let rawLimit: Int
    private let scratch = CSVScratch()

    private var fieldBytes: UnsafeMutablePointer<UInt8>
    private var fieldBytesCapacity = CSVScratch.initialBytes
    private var fieldBytesCount = 0
    private var rawBytes: UnsafeMutablePointer<UInt8>
    private var rawBytesCapacity = CSVScratch.initialBytes
    private var rawBytesCount = 0
    private var fieldEnds: UnsafeMutablePointer<Int>
    private var fieldEndsCapacity = CSVScratch.initialFields
    private var fieldEndsCount = 0

    /// 0-based index of the field being read.
    private(set) var field = 0
    /// Length of the field being read, including bytes not stored.
    private var fieldLength = 0
    /// Bytes of the record seen so far, including bytes not stored and terminator bytes.
    private var rawTotal = 0
    /// The first problem found in the record.
    private(set) var malformation: CSVMalformation?

    init(options: CSVOptions) {
        let cap = Int.max / 4
        maxFieldBytes = min(max(options.maxFieldBytes, 0), cap)
        maxFields = min(max(options.maxFields, 1), cap)
        maxRecordBytes = min(max(options.maxRecordBytes, 0), cap)
        rawLimit = maxRecordBytes + 2
        fieldBytes = scratch.fieldBytes
        rawBytes = scratch.rawBytes
        fieldEnds = scratch.fieldEnds
    }

    /// Starts a new record.
    @inline(__always)
    mutating func begin() {
        fieldBytesCount = 0
        rawBytesCount = 0
        fieldEndsCount = 0
        field = 0
        fieldLength = 0
        rawTotal = 0
        malformation = nil
    }

    /// Records `problem` unless the record is already malformed.
    @inline(__always)
    mutating func flag(_ problem: CSVMalformation) {
        if malformation == nil { malformation = problem }
    }

    /// Appends `count` content bytes at `start` to the current field.
    @inline(__always)
    mutating func appendField(_ start: UnsafePointer<UInt8>, _ count: Int) {
        let newLength = fieldLength + count
        if field < maxFields {
            var keep = count
            if newLength > maxFieldBytes {
                flag(.fieldTooLong(field: field))
                keep = max(0, maxFieldBytes - fieldLength)
            }
            keep = min(keep, maxRecordBytes - fieldBytesCount)
            if keep > 0 {
                if fieldBytesCount + keep > fieldBytesCapacity { growFieldBytes(fieldBytesCount + keep) }
                Self.copy(start, to: fieldBytes + fieldBytesCount, count: keep)
                fieldBytesCount += keep
            }
        }
        fieldLength = newLength
    }

    /// Appends one content byte to the current field.
    @inline(__always)
    mutating func appendField(byte: UInt8) {
        withUnsafePointer(to: byte) { appendField($0, 1) }
    }

    /// Ends the current field.
    @inline(__always)
    mutating func endField() {
        if field < maxFields {
            if fieldEndsCount == fieldEndsCapacity { growFieldEnds() }
            fieldEnds[fieldEndsCount] = fieldBytesCount
            fieldEndsCount += 1
        }
        field += 1
        fieldLength = 0
    }

    /// Ends the current field at a delimiter: another field follows.
    @inline(__always)
    mutating func endFieldAtDelimiter() {
        endField()
        if field >= maxFields { flag(.tooManyFields) }
    }

    /// Keeps `count` bytes as received (content or terminator) before the chunk is replaced.
    mutating func appendRaw(_ start: UnsafePointer<UInt8>, _ count: Int) {
        guard count > 0 else { return }
        rawTotal += count
        let keep = min(count, rawLimit - rawBytesCount)
        if keep > 0 {
            if rawBytesCount + keep > rawBytesCapacity { growRawBytes(rawBytesCount + keep) }
            (rawBytes + rawBytesCount).update(from: start, count: keep)
            rawBytesCount += keep
        }
    }

    /// Completes the record into `record`: `tail` is its last `tailCount` bytes still in the
    /// chunk, of which the last `terminatorLength` bytes (of the whole record) are the terminator.
    @inline(__always)
    mutating func finish(tail: UnsafePointer<UInt8>, tailCount: Int, terminatorLength: Int,
                         into record: inout CSVRecord) {
        let contentLength = rawTotal + tailCount - terminatorLength
        if contentLength > maxRecordBytes { flag(.recordTooLong) }
        let keep = min(contentLength, maxRecordBytes)
        if rawTotal == 0 {
            record.raw.replaceSubrange(0..<record.raw.count, with: UnsafeBufferPointer(start: tail, count: keep))
        } else {
            appendRaw(tail, tailCount)
            record.raw.replaceSubrange(0..<record.raw.count, with: UnsafeBufferPointer(start: rawBytes, count: keep))
        }
        record.fieldBytes.replaceSubrange(0..<record.fieldBytes.count,
                                          with: UnsafeBufferPointer(start: fieldBytes, count: fieldBytesCount))
        record.fieldEnds.replaceSubrange(0..<record.fieldEnds.count,
                                         with: UnsafeBufferPointer(start: fieldEnds, count: fieldEndsCount))
        record.malformation = malformation
    }

    /// Copies bytes; short runs (most fields) inline, long ones with `memmove`.
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>, count: Int) {
        if count <= 16 {
            for i in 0..<count { to[i] = from[i] }
        } else {
            to.update(from: from, count: count)
        }
    }

    private mutating func growFieldBytes(_ needed: Int) {
        let capacity = max(needed, fieldBytesCapacity * 2)
        fieldBytes = CSVScratch.grow(fieldBytes, count: fieldBytesCount, to: capacity)
        fieldBytesCapacity = capacity
        scratch.fieldBytes = fieldBytes
    }

    private mutating func growRawBytes(_ needed: Int) {
        let capacity = max(needed, rawBytesCapacity * 2)
        rawBytes = CSVScratch.grow(rawBytes, count: rawBytesCount, to: capacity)
        rawBytesCapacity = capacity
        scratch.rawBytes = rawBytes
    }

    private mutating func growFieldEnds() {
        let capacity = fieldEndsCapacity * 2
        fieldEnds = CSVScratch.grow(fieldEnds, count: fieldEndsCount, to: capacity)
        fieldEndsCapacity = capacity
        scratch.fieldEnds = fieldEnds
    }
}
