import CLibPQ

/// Buffers COPY data and sends it to `PQputCopyData` in chunks of at least 8 KiB.
///
/// Obtained only inside `PostgresConnection.copyIn`; the bytes are sent as they are (text or
/// CSV format: the caller escapes). Data is sent whenever the 32 KiB buffer fills and once
/// more when the body returns. A write that throws leaves the COPY to be aborted by `copyIn`.
public struct CopyInWriter: ~Copyable {
    /// Size of the buffer; every chunk but the last is exactly this long. Measured on a million
    /// rows: 256 KiB chunks made the server's COPY take 34 s, 32 KiB and 16 KiB 22.6 s (psql's
    /// `\copy` of the same rows: 23–27 s). A blocking send of a large chunk stalls the producer
    /// until the server has drained it; smaller chunks keep both sides working.
    public static let bufferSize = 32 * 1024

    /// The connection's `PGconn`, owned by the `PostgresConnection` running the COPY.
    @usableFromInline let conn: OpaquePointer
    @usableFromInline let buffer: UnsafeMutableRawPointer
    @usableFromInline var used = 0
    /// Bytes handed to libpq so far.
    @usableFromInline var sent = 0

    init(conn: OpaquePointer) {
        self.conn = conn
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Total bytes written so far (sent or still buffered).
    public var bytesWritten: Int { sent + used }

    /// Appends bytes to the COPY stream (text format: the caller escapes).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(PostgresError) {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let n = min(remaining, Self.bufferSize - used)
            (buffer + used).copyMemory(from: source, byteCount: n)
            used += n
            source += n
            remaining -= n
            if used == Self.bufferSize { try flush() }
        }
    }

    public mutating func write(_ bytes: [UInt8]) throws(PostgresError) {
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, Self.bufferSize - used)
            let target = buffer + used, start = offset
            bytes.withUnsafeBytes { raw in target.copyMemory(from: raw.baseAddress! + start, byteCount: n) }
            used += n
            offset += n
            if used == Self.bufferSize { try flush() }
        }
    }

    /// Appends one byte.
    @inlinable
    public mutating func write(byte: UInt8) throws(PostgresError) {
        if used == Self.bufferSize { try flush() }
        buffer.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
        used += 1
    }

    /// Sends the buffered bytes to libpq now (called by `copyIn` when the body returns).
    @usableFromInline
    mutating func flush() throws(PostgresError) {
        guard used > 0 else { return }
        let status = PQputCopyData(conn, buffer.assumingMemoryBound(to: CChar.self), Int32(used))
        guard status == 1 else {
            // Blocking mode: 0 cannot happen; -1 means the connection or COPY state failed.
            throw PostgresError.fromConnection(conn, kind: PQstatus(conn) == CONNECTION_BAD ? .connection : .copy)
        }
        sent += used
        used = 0
    }
}
