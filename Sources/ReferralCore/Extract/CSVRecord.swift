/// One CSV record, reused between reads to avoid allocation.
///
/// Field bytes are stored concatenated in one buffer with an array of end offsets, so reading
/// into the same record again allocates nothing once its buffers have grown to the largest
/// record seen. A subscripted field is a slice of that buffer: its indices start at
/// `startIndex`, not 0, and it is only valid until the next read into this record.
public struct CSVRecord: Sendable {
    /// 1-based index of this record in the input (the first record, usually the header, is 1).
    public internal(set) var number: Int = 0
    /// 1-based physical line on which the record starts.
    public internal(set) var line: Int = 0
    /// The record's bytes as received, without its line terminator (and without a leading BOM).
    public internal(set) var raw: [UInt8] = []
    /// Set when the record is not clean RFC 4180; its fields are then unreliable.
    public internal(set) var malformation: CSVMalformation?

    /// The unquoted bytes of all fields, concatenated.
    var fieldBytes: [UInt8] = []
    /// The end offset in `fieldBytes` of each field.
    var fieldEnds: [Int] = []

    public init() {}

    /// Number of fields.
    public var count: Int { fieldEnds.count }

    /// The unquoted content of field `index` (0-based); traps when `index` is not below `count`.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        return fieldBytes[start..<fieldEnds[index]]
    }

    /// Calls `body` with the unquoted bytes of field `index`, in place (no slice to retain).
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        let end = fieldEnds[index]
        return fieldBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// The fields as arrays: convenient for tests and small tools, allocates per field.
    public var fields: [[UInt8]] {
        (0..<count).map { Array(self[$0]) }
    }
}
