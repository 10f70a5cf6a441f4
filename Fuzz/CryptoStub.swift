// Fuzzing only: stands in for swift-crypto's SHA256 so the ReferralCore sources build alone with
// `-sanitize=fuzzer,address`. scripts/fuzz removes `import Crypto` from its copy of
// Normalise/ReferralKey.swift. Not a hash anyone should trust: FNV-1a spread over 32 bytes,
// deterministic, which is all a fuzzer needs from the derived keys.
enum SHA256 {
    static func hash(data: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for lane in 0..<4 {
            h ^= UInt64(lane)
            for byte in data { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: h >> UInt64(shift))) }
        }
        return out
    }
}
