import CLibPQ

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT; rolls back and rethrows when `body` or COMMIT throws.
    ///
    /// A failed ROLLBACK (e.g. the connection broke) is ignored so the original error surfaces.
    /// Not re-entrant: do not nest transactions on one connection.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if let pg = try? open(), PQstatus(pg) == CONNECTION_OK {
                let state = PQtransactionStatus(pg)
                if state == PQTRANS_INTRANS || state == PQTRANS_INERROR {
                    try? execute("ROLLBACK")
                }
            }
            throw error
        }
    }

    /// Quotes an SQL identifier (schema, table, column) for a UTF8 connection: wraps it in
    /// double quotes and doubles any inside, exactly as `PQescapeIdentifier` does.
    ///
    /// Use for configured names only; values go in query parameters.
    public static func quoteIdentifier(_ name: String) -> String {
        var quoted = "\""
        for scalar in name.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append(scalar) }
            quoted.unicodeScalars.append(scalar)
        }
        quoted.append("\"")
        return quoted
    }

    /// Quotes an SQL identifier with this connection's `PQescapeIdentifier` (checks encoding).
    public func escapeIdentifier(_ name: String) throws(PostgresError) -> String {
        let pg = try open()
        let utf8 = Array(name.utf8)
        let escaped = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                PQescapeIdentifier(pg, chars.baseAddress, chars.count)
            }
        }
        guard let escaped else { throw PostgresError.fromConnection(pg, kind: .statement) }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }
}
