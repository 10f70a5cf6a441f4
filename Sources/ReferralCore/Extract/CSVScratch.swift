/// Growable scratch memory in which the reader assembles a record before copying it out.
///
/// A class only so the memory is freed with the last reader; the reader's `CSVRecordBuilder`
/// holds the current pointers and reports each reallocation here, which is rare (growth doubles
/// up to the record limits), so the hot path never touches this object.
final class CSVScratch {
    var fieldBytes: UnsafeMutablePointer<UInt8>
    var rawBytes: UnsafeMutablePointer<UInt8>
    var fieldEnds: UnsafeMutablePointer<Int>

    static let initialBytes = 1024
    static let initialFields = 64

    init() {
        fieldBytes = .allocate(capacity: Self.initialBytes)
        rawBytes = .allocate(capacity: Self.initialBytes)
        fieldEnds = .allocate(capacity: Self.initialFields)
    }

    deinit {
        fieldBytes.deallocate()
        rawBytes.deallocate()
        fieldEnds.deallocate()
    }

    /// A block of `newCapacity` elements holding the first `count` elements of `old`, which is freed.
    static func grow<T>(_ old: UnsafeMutablePointer<T>, count: Int, to newCapacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }
}
