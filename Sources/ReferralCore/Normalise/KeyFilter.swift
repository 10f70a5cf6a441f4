#if canImport(Glibc)
import Glibc
#endif

/// A fixed-size Bloom filter over a file's keys: memory does not grow with the file.
///
/// `insert` answers whether the key may have been seen before. A `false` is certain (a first
/// occurrence); a `true` is usually a repeat but may be a false positive, so the caller checks
/// those few exactly (the loader in SQL, `check` by a second look at the file).
///
/// Split-block: a key sets eight bits, one in each 64-bit word of one 512-bit block (one cache
/// line), so an insert costs one cache miss. At a million keys in the loader's 8 MiB about 3 keys
/// in 10⁸ are false positives; four bits in a block gave about 1.5 in 10⁴ (some 150 candidates
/// for the loader's SQL check, 0.4 s on every clean million-row file).
public struct KeyFilter: Sendable {
    private var bits: [UInt64]
    private let blockMask: UInt64
    private let wordCount: Int

    /// `bitCount` is rounded up to a power of two, at least one block (default 2²⁶ bits: 8 MiB,
    /// about 3 false positives in 10⁸ keys at a million keys).
    public init(bitCount: Int = 1 << 26) {
        var size = 512
        while size < bitCount { size <<= 1 }
        bits = []
        blockMask = UInt64(size / 512 - 1)
        wordCount = size / 64
    }

    /// Adds `key`; returns true when it may have been added before.
    public mutating func insert(_ key: String) -> Bool {
        if bits.isEmpty { bits = Self.zeroed(wordCount) }
        let h = Self.hash(key)
        let base = Int(truncatingIfNeeded: h & blockMask) &* 8
        var positions = Self.bitPositions(h)
        var seen = true
        bits.withUnsafeMutableBufferPointer { words in
            for i in 0..<8 {
                let flag = UInt64(1) << (positions & 63)
                positions >>= 6
                let word = base &+ i
                if words[word] & flag == 0 {
                    seen = false
                    words[word] |= flag
                }
            }
        }
        return seen
    }

    /// `count` zero words; a large filter asks for huge pages (one TLB entry per 2 MiB rather than
    /// per 4 KiB: every insert lands on a random cache line of the whole filter).
    private static func zeroed(_ count: Int) -> [UInt64] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialised in
            #if canImport(Glibc)
            let huge = 2 << 20
            let start = (Int(bitPattern: buffer.baseAddress) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: buffer.baseAddress) + count * 8) & ~(huge - 1)
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            #endif
            buffer.initialize(repeating: 0)
            initialised = count
        }
    }

    /// The hash of a key's UTF-8 bytes.
    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { hash($0) }
    }

    /// FNV-1a over the bytes, then a 64-bit finaliser so that every output bit depends on every
    /// input byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return mix(h)
    }

    /// A key's eight bit positions, six bits each from the low end, from a second mix of its
    /// hash (the block or word took the hash's low bits).
    @inline(__always)
    static func bitPositions(_ hash: UInt64) -> UInt64 {
        mix(hash ^ 0x9e37_79b9_7f4a_7c15)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
