// Fuzzing only: a cursor over the fuzzer's bytes that hands out small numbers for parameters.
struct FuzzInput {
    var bytes: [UInt8]

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Takes one byte off the front (0 when none is left).
    mutating func byte() -> Int {
        guard !bytes.isEmpty else { return 0 }
        return Int(bytes.removeFirst())
    }
}
