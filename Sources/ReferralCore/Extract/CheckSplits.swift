/// Where to cut a CSV file into stretches that threads read on their own: at record
/// boundaries, guessed without parsing (RFC 4180 quote parity), confirmed later by the reader
/// of the stretch before (`SegmentRows`).
enum CheckSplits {
    /// Up to `count - 1` offsets after `start` (a record boundary), ascending and below the
    /// size: for each of the points that cut `start..<size` in `count` equal parts, the offset
    /// after the first LF from there at which an even number of quotes were seen since `start`.
    static func offsets(_ bytes: any RandomAccessBytes, from start: Int64, count: Int) throws -> [Int64] {
        let size = bytes.size
        guard count > 1, start < size else { return [] }
        let targets = (1..<count).map { start + (size - start) * Int64($0) / Int64(count) }
        var splits: [Int64] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var offset = start
        var quotes = 0
        var target = 0
        while target < targets.count {
            let n = try bytes.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(Int(min(Int64(buffer.count), size - offset)))), at: offset)
            guard n > 0 else { break }
            var i = 0
            scan: while i < n {
                let before = targets[target] - offset
                if Int64(i) < before {
                    let upTo = Int(min(Int64(n), before))
                    quotes &+= countQuotes(base + i, upTo - i)
                    i = upTo
                    continue
                }
                let byte = base[i]
                i += 1
                if byte == CSVByte.quote {
                    quotes &+= 1
                } else if byte == CSVByte.lf && quotes & 1 == 0 {
                    let split = offset + Int64(i)
                    if split < size { splits.append(split) }
                    target += 1
                    if target == targets.count { break scan }
                }
            }
            offset += Int64(n)
        }
        return splits
    }

    /// The number of `"` bytes in `count` bytes at `bytes`, eight at a time.
    static func countQuotes(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let quotes: UInt64 = 0x2222_2222_2222_2222
        var total = 0
        var i = 0
        while i + 8 <= count {
            let x = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)) ^ quotes
            total &+= ASCII.zeroBytes(x).nonzeroBitCount
            i += 8
        }
        while i < count {
            if bytes[i] == CSVByte.quote { total &+= 1 }
            i += 1
        }
        return total
    }
}
