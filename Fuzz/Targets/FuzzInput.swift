/// A cursor over a fuzzer input that hands out small numbers for parameters, then the rest.
struct FuzzInput {
    /// What is left of the input.
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Takes one byte off the front (0 when none is left).
    mutating func byte() -> Int {
        guard !bytes.isEmpty else { return 0 }
        return Int(bytes.removeFirst())
    }
}
