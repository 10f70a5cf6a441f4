import Crypto
import ReferralCore

/// SHA-256 of a whole file (or any item's bytes), streamed in 1 MiB reads.
public enum FileDigest {
    /// Lower-case hex SHA-256 of the bytes up to the size seen at open.
    public static func sha256(of file: any RandomAccessBytes) throws -> String {
        var hasher = SHA256()
        var source = file.byteSource()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer.prefix(n)))
        }
        return Hex.string(hasher.finalize())
    }
}
