#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import PostgresLibPQ

/// COPY rows set aside on disk while another COPY is streaming (an anonymous temporary file,
/// gone when closed), so memory stays flat however many rows are set aside.
final class Spool {
    private let file: UnsafeMutablePointer<FILE>
    private(set) var isEmpty = true

    init() throws {
        guard let file = tmpfile() else {
            throw PostgresError(kind: .statement, message: "cannot create a temporary spool file: \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { fclose(file) }

    func append(_ bytes: [UInt8]) throws {
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
            throw PostgresError(kind: .statement, message: "cannot write the spool file: \(String(cString: strerror(errno)))")
        }
        isEmpty = false
    }

    /// Streams everything appended so far into a COPY.
    func replay(into writer: inout CopyInWriter) throws {
        rewind(file)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = fread(buffer.baseAddress, 1, buffer.count, file)
            if n > 0 { try writer.write(UnsafeRawBufferPointer(rebasing: buffer.prefix(n))) }
            if n < buffer.count { break }
        }
    }
}
