/// A fixed-size Bloom filter over a file's keys: memory does not grow with the file.
///
/// `insert` answers whether the key may have been seen before. A `false` is certain (a first
/// occurrence); a `true` is usually a repeat but may be a false positive, so the caller checks
/// those few exactly (the loader does it in SQL).
public struct KeyFilter: Sendable {
    private var bits: [UInt64]
    private let mask: UInt64
    private static let probes = 4

    /// `bitCount` is rounded up to a power of two (default 2²⁶ bits: 8 MiB, about 0.001% false
    /// positives at a million keys).
    public init(bitCount: Int = 1 << 26) {
        var size = 64
        while size < bitCount { size <<= 1 }
        bits = []
        mask = UInt64(size - 1)
        bitsWanted = size / 64
    }

    private let bitsWanted: Int

    /// Adds `key`; returns true when it may have been added before.
    public mutating func insert(_ key: String) -> Bool {
        if bits.isEmpty { bits = Array(repeating: 0, count: bitsWanted) }
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { h1 = (h1 ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var h2 = h1 ^ (h1 >> 29)
        h2 = (h2 &* 0xbf58_476d_1ce4_e5b9) | 1
        var seen = true
        for i in 0..<UInt64(Self.probes) {
            let bit = (h1 &+ i &* h2) & mask
            let word = Int(bit >> 6), flag = UInt64(1) << (bit & 63)
            if bits[word] & flag == 0 {
                seen = false
                bits[word] |= flag
            }
        }
        return seen
    }
}
