import CLibPQ

/// Cancels the statement a connection is running, from any thread (`PQcancel` on the
/// connection's cancel key).
///
/// A cancelled statement fails with SQLSTATE `57014`; inside a transaction, the transaction is
/// then aborted. A request that arrives between statements does nothing, so a caller that must
/// stop a sequence of statements repeats it until the sequence is over. Obtain a new canceller
/// after `reconnect()`: the server process and its key change.
public final class PostgresCanceller: @unchecked Sendable {
    /// Read-only once made (libpq: safe to use from another thread than the connection's).
    private let key: OpaquePointer

    init?(_ conn: OpaquePointer) {
        guard let key = PQgetCancel(conn) else { return nil }
        self.key = key
    }

    deinit { PQfreeCancel(key) }

    /// Sends the cancel request (a short connection of its own); false when it could not be sent.
    @discardableResult
    public func cancel() -> Bool {
        var errorBuffer = [CChar](repeating: 0, count: 256)
        return PQcancel(key, &errorBuffer, Int32(errorBuffer.count)) == 1
    }
}

extension PostgresConnection {
    /// A canceller for this connection's current server process; nil when closed.
    public func canceller() -> PostgresCanceller? {
        guard let pg = try? open() else { return nil }
        return PostgresCanceller(pg)
    }
}
