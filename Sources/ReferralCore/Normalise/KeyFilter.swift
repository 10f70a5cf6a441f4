/// A fixed-size Bloom filter over a file's keys: memory does not grow with the file.
///
/// `insert` answers whether the key may have been seen before. A `false` is certain (a first
/// occurrence); a `true` is usually a repeat but may be a false positive, so the caller checks
/// those few exactly (the loader in SQL, `check` by a second look at the file).
///
/// Blocked: a key's four bits lie in one 512-bit block (one cache line), so an insert costs one
/// cache miss rather than four, for slightly more false positives than four independent bits.
public struct KeyFilter: Sendable {
    private var bits: [UInt64]
    private let blockMask: UInt64
    private let wordCount: Int

    /// `bitCount` is rounded up to a power of two, at least one block (default 2²⁶ bits: 8 MiB,
    /// about 0.001% false positives at a million keys).
    public init(bitCount: Int = 1 << 26) {
        var size = 512
        while size < bitCount { size <<= 1 }
        bits = []
        blockMask = UInt64(size / 512 - 1)
        wordCount = size / 64
    }

    /// Adds `key`; returns true when it may have been added before.
    public mutating func insert(_ key: String) -> Bool {
        if bits.isEmpty { bits = Array(repeating: 0, count: wordCount) }
        var key = key
        let h = key.withUTF8 { Self.hash($0) }
        let base = Int(truncatingIfNeeded: h & blockMask) &* 8
        var seen = true
        bits.withUnsafeMutableBufferPointer { words in
            for i in 0..<4 {
                let bit = Int(truncatingIfNeeded: (h >> UInt64(28 + 9 * i)) & 511)
                let word = base &+ (bit >> 6), flag = UInt64(1) << UInt64(bit & 63)
                if words[word] & flag == 0 {
                    seen = false
                    words[word] |= flag
                }
            }
        }
        return seen
    }

    /// FNV-1a over the bytes, then a 64-bit finaliser so that every output bit depends on every
    /// input byte (block index from the low bits, the four positions from the high ones).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
