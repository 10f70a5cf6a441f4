import CLibPQ

extension PostgresConnection {
    /// `COPY … FROM STDIN`: `body` writes rows through the writer; returns rows copied.
    ///
    /// When `body` throws, the COPY is aborted (nothing is stored) and its error rethrown.
    /// A row the server refuses gives a `.copy` error whose `context` names the COPY line,
    /// e.g. `COPY t, line 7, column n: "x"`; the connection stays usable. Inside an explicit
    /// transaction a failed COPY leaves that transaction aborted.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyInWriter) throws -> Void) throws -> Int {
        let pg = try open()
        guard let start = PQexec(pg, sql) else {
            throw PostgresError.from(result: nil, conn: pg, defaultKind: .copy)
        }
        let status = PQresultStatus(start)
        guard status == PGRES_COPY_IN else {
            if status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                PQclear(start)
                abandonCopy(pg)
                throw PostgresError(kind: .statement, message: "copyIn needs COPY … FROM STDIN")
            }
            // A failed COPY statement (bad table, syntax) or not a COPY at all.
            let error = status == PGRES_FATAL_ERROR
                ? PostgresError.from(result: start, conn: pg, defaultKind: .statement)
                : PostgresError(kind: .statement, message: "copyIn needs COPY … FROM STDIN")
            PQclear(start)
            drain(pg)
            throw error
        }
        PQclear(start)

        var writer = CopyInWriter(conn: pg)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            if PQstatus(pg) != CONNECTION_BAD {
                _ = PQputCopyEnd(pg, "aborted by client")
            }
            let serverError = drain(pg, defaultKind: .copy)
            // A failed PQputCopyData usually hides the server's reason: prefer it.
            if error is PostgresError, let serverError { throw serverError }
            throw error
        }
        guard PQputCopyEnd(pg, nil) == 1 else {
            let error = PostgresError.fromConnection(pg, kind: PQstatus(pg) == CONNECTION_BAD ? .connection : .copy)
            drain(pg, defaultKind: .copy)
            throw error
        }
        var rows = 0
        var failure: PostgresError?
        while let result = PQgetResult(pg) {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK:
                rows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
            case PGRES_FATAL_ERROR:
                if failure == nil { failure = PostgresError.from(result: result, conn: pg, defaultKind: .copy) }
            default:
                break
            }
            PQclear(result)
            if PQstatus(pg) == CONNECTION_BAD { break }
        }
        if let failure { throw failure }
        if PQstatus(pg) == CONNECTION_BAD { throw PostgresError.fromConnection(pg) }
        return rows
    }
}
