/// The reader's fixed input buffer and its byte-class table, allocated once per reader.
///
/// Owned by a class so the memory is freed when the last reader copy goes away; all stored
/// properties are constants, so access needs no exclusivity checks.
final class CSVChunkBuffer {
    /// Marks bytes that stop the unquoted-field scan: the delimiter, LF, CR and the quote.
    static let unquotedStop: UInt8 = 1

    /// The input buffer the source reads into.
    let bytes: UnsafeMutableRawBufferPointer
    /// `bytes` viewed as `UInt8`.
    let base: UnsafeMutablePointer<UInt8>
    /// 256 entries: the `unquotedStop` bit of each byte value (for scanning the last few bytes).
    let classes: UnsafeMutablePointer<UInt8>

    init(capacity: Int, delimiter: UInt8) {
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 16), alignment: 16)
        base = bytes.bindMemory(to: UInt8.self).baseAddress!
        classes = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        classes[Int(delimiter)] |= Self.unquotedStop
        classes[Int(CSVByte.lf)] |= Self.unquotedStop
        classes[Int(CSVByte.cr)] |= Self.unquotedStop
        classes[Int(CSVByte.quote)] |= Self.unquotedStop
    }

    deinit {
        classes.deallocate()
        bytes.deallocate()
    }
}
