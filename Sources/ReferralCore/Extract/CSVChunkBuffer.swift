/// The reader's fixed input buffer and its byte-class table, allocated once per reader.
///
/// Owned by a class so the memory is freed when the last reader copy goes away; all stored
/// properties are constants, so access needs no exclusivity checks.
final class CSVChunkBuffer {
    /// Marks bytes that stop the unquoted-field scan: the delimiter, LF, CR and the quote.
    static let unquotedStop: UInt8 = 1
    /// Marks bytes that stop the quoted-field scan: the quote and LF (counted as a line break).
    static let quotedStop: UInt8 = 2

    /// The input buffer the source reads into.
    let bytes: UnsafeMutableRawBufferPointer
    /// `bytes` viewed as `UInt8`.
    let base: UnsafeMutablePointer<UInt8>
    /// 256 entries: the `unquotedStop`/`quotedStop` bits of each byte value.
    let classes: UnsafeMutablePointer<UInt8>

    init(capacity: Int, delimiter: UInt8) {
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 16), alignment: 16)
        base = bytes.bindMemory(to: UInt8.self).baseAddress!
        classes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        classes[Int(delimiter)] |= Self.unquotedStop
        classes[Int(CSVByte.lf)] |= Self.unquotedStop | Self.quotedStop
        classes[Int(CSVByte.cr)] |= Self.unquotedStop
        classes[Int(CSVByte.quote)] |= Self.unquotedStop | Self.quotedStop
    }

    deinit {
        classes.deallocate()
        bytes.deallocate()
    }
}

/// The bytes with a meaning in CSV syntax.
enum CSVByte {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let quote: UInt8 = 0x22
}
