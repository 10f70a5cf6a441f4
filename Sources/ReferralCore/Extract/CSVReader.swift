/// A strict, streaming, byte-level RFC 4180 reader with bounded memory.
///
/// Bytes are pulled from the source in chunks of up to 64 KiB; the reader holds one chunk and
/// the record being read, never more, so memory does not grow with the input (a record's
/// stored bytes are capped by `CSVOptions`). Do not copy a reader and use both copies: they
/// share one buffer.
///
/// Dialect:
/// - Quoted fields may contain the delimiter, doubled quotes (`""` → `"`), CR and LF.
/// - Records end at LF or CRLF outside quotes. A CR directly before the end of the input also
///   ends the record; any other CR outside quotes is field content (a bare CR is not a line
///   break, and is not counted as one in `line`, which counts LF bytes).
/// - A UTF-8 BOM at the very start of the input is removed.
/// - A final record without a terminator is returned; the empty remainder after the last
///   terminator is not a record. A blank line elsewhere is a record with one empty field: the
///   caller decides what it means.
///
/// Problems in the input are never thrown: the record comes back with `malformation` set, and
/// reading resumes after the line terminator that ends it (quotes respected). A stray quote is
/// kept as field content. Only errors thrown by the source are rethrown.
public struct CSVReader<Source: ByteSource> {
    /// Size of the input buffer.
    static var chunkSize: Int { 64 * 1024 }

    private var source: Source
    private let options: CSVOptions
    private let chunk: CSVChunkBuffer
    /// The next unread byte in the chunk.
    private var position = 0
    /// The end of the valid bytes in the chunk.
    private var end = 0
    private var sourceEnded = false
    private var started = false
    /// The physical line at `position`, 1-based.
    private var line = 1
    private var recordCount = 0
    private var builder: CSVRecordBuilder
    /// The offset in the whole input of the chunk's first byte.
    private var chunkOffset: Int64

    /// Where the scanner is inside a record.
    private enum State {
        case fieldStart, unquoted, quoted, afterQuote, crUnquoted, crAfterQuote
    }

    public init(source: Source, options: CSVOptions = CSVOptions()) {
        self.init(source: source, options: options, startingAt: 0)
    }

    /// A reader of `source`, whose first byte is at `offset` in the whole input: a BOM is
    /// removed only at offset 0, and `nextRecordOffset` counts from `offset`.
    public init(source: Source, options: CSVOptions = CSVOptions(), startingAt offset: Int64) {
        self.source = source
        self.options = options
        self.chunk = CSVChunkBuffer(capacity: Self.chunkSize, delimiter: options.delimiter)
        self.builder = CSVRecordBuilder(options: options)
        self.chunkOffset = offset
    }

    /// The offset in the whole input where the next record starts (after the last one read and
    /// its terminator; after a removed BOM).
    public var nextRecordOffset: Int64 { chunkOffset + Int64(position) }

    /// Reads the next record into `record`; `false` at the end of the input.
    /// A malformed record is returned with `malformation` set and reading resumes after it.
    public mutating func next(into record: inout CSVRecord) throws -> Bool {
        if !started { try start() }
        if position == end {
            guard try refill() else { return false }
        }
        recordCount += 1
        record.number = recordCount
        record.line = line

        let bytes = chunk.base
        let classes = chunk.classes
        let delimiter = options.delimiter
        let quote = CSVByte.quote, lf = CSVByte.lf, cr = CSVByte.cr
        builder.begin()
        var pos = position
        var end = self.end
        var rawStart = pos
        var line = self.line
        var state = State.fieldStart
        var terminatorLength = 0

        scan: while true {
            if pos == end {
                builder.appendRaw(bytes + rawStart, end - rawStart)
                let more = try refill()
                pos = position
                end = self.end
                rawStart = pos
                if !more {
                    switch state {
                    case .quoted: builder.flag(.unterminatedQuote)
                    case .crUnquoted, .crAfterQuote: terminatorLength = 1
                    default: break
                    }
                    builder.endField()
                    break scan
                }
            }
            switch state {
            case .fieldStart:
                if bytes[pos] == quote {
                    pos += 1
                    state = .quoted
                    continue scan
                }
                state = .unquoted
                fallthrough
            case .unquoted:
                // Fast path: consecutive unquoted fields loop here without re-dispatching.
                while true {
                    let i = CSVScan.unquotedStop(bytes, from: pos, end: end, delimiter: delimiter, classes: classes)
                    if i > pos { builder.appendField(bytes + pos, i - pos) }
                    pos = i
                    if i == end { continue scan }
                    let c = bytes[i]
                    pos += 1
                    if c == delimiter {
                        builder.endFieldAtDelimiter()
                        if pos < end && bytes[pos] != quote { continue }
                        state = .fieldStart
                    } else if c == lf {
                        line += 1
                        builder.endField()
                        terminatorLength = 1
                        break scan
                    } else if c == cr {
                        state = .crUnquoted
                    } else {
                        builder.flag(.strayQuote(field: builder.field))
                        builder.appendField(byte: c)
                        continue
                    }
                    continue scan
                }
            case .quoted:
                var i = CSVScan.quotedStop(bytes, from: pos, end: end)
                while i < end && bytes[i] == lf {
                    line += 1
                    i = CSVScan.quotedStop(bytes, from: i + 1, end: end)
                }
                if i > pos { builder.appendField(bytes + pos, i - pos) }
                pos = i
                if i < end {
                    pos += 1
                    state = .afterQuote
                }
            case .afterQuote:
                let c = bytes[pos]
                if c == quote {
                    builder.appendField(byte: quote)
                    pos += 1
                    state = .quoted
                } else if c == delimiter {
                    pos += 1
                    builder.endFieldAtDelimiter()
                    state = .fieldStart
                } else if c == lf {
                    pos += 1
                    line += 1
                    builder.endField()
                    terminatorLength = 1
                    break scan
                } else if c == cr {
                    pos += 1
                    state = .crAfterQuote
                } else {
                    // Content after a closing quote: kept, read on as unquoted content.
                    builder.flag(.strayQuote(field: builder.field))
                    state = .unquoted
                }
            case .crUnquoted, .crAfterQuote:
                if bytes[pos] == lf {
                    pos += 1
                    line += 1
                    builder.endField()
                    terminatorLength = 2
                    break scan
                }
                if state == .crAfterQuote { builder.flag(.strayQuote(field: builder.field)) }
                builder.appendField(byte: cr)
                state = .unquoted
            }
        }
        builder.finish(tail: bytes + rawStart, tailCount: pos - rawStart, terminatorLength: terminatorLength,
                       into: &record)
        position = pos
        self.line = line
        return true
    }

    /// Reads the first bytes and skips a UTF-8 BOM.
    private mutating func start() throws {
        started = true
        while end < 3 && !sourceEnded {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk.bytes[end...]))
            if n <= 0 { sourceEnded = true } else { end += min(n, chunk.bytes.count - end) }
        }
        let b = chunk.base
        if chunkOffset == 0 && end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { position = 3 }
    }

    /// Replaces the chunk with the next bytes of the source; `false` at the end of the input.
    private mutating func refill() throws -> Bool {
        chunkOffset += Int64(end)
        position = 0
        end = 0
        if sourceEnded { return false }
        let n = try source.read(into: chunk.bytes)
        if n <= 0 {
            sourceEnded = true
            return false
        }
        end = min(n, chunk.bytes.count)
        return true
    }
}
