import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection, used by one task at a time (not `Sendable`).
///
/// Statements are synchronous (blocking libpq calls): run them off cooperative threads when
/// that matters. The client encoding is always UTF8. Server notices never reach stderr; they go
/// to `onNotice` or nowhere. After a `.connection` error `isHealthy` is false until `reconnect()`.
public final class PostgresConnection {
    /// The `PGconn`; nil once closed.
    private var conn: OpaquePointer?
    /// Target of libpq's notice receiver; lives as long as the connection.
    private let notices = NoticeBox()

    /// Connects with a libpq conninfo string or URI; PG* variables, `.pgpass`, multi-host and
    /// `sslmode` apply as libpq defines them. Throws `.connection` when no server answers.
    public init(conninfo: String) throws(PostgresError) {
        guard let pg = PQconnectdb(conninfo) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(pg) == CONNECTION_OK else {
            let error = PostgresError.fromConnection(pg)
            PQfinish(pg)
            throw error
        }
        conn = pg
        installNoticeReceiver(pg)
        try setUTF8(pg)
    }

    deinit { close() }

    /// Closes the connection (PQfinish); later calls throw `.connection`. Idempotent.
    public func close() {
        if let pg = conn {
            conn = nil
            PQfinish(pg)
        }
    }

    /// Runs one statement with text parameters (`$1`, `$2`…; `nil` is NULL).
    ///
    /// Parameters cannot contain NUL bytes (PostgreSQL text cannot either): such a call throws.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresResult {
        let pg = try open()
        if parameters.contains(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(kind: .statement, sqlState: "22021", message: "a query parameter contains a NUL byte")
        }
        let values: [UnsafePointer<CChar>?] = parameters.map { $0.map { UnsafePointer(strdup($0)!) } }
        defer { for value in values { free(UnsafeMutablePointer(mutating: value)) } }
        let result = PQexecParams(pg, sql, Int32(values.count), nil, values, nil, nil, 0)
        return try check(result, pg)
    }

    /// Runs several statements without parameters (simple query protocol), e.g. a migration.
    ///
    /// Runs as one implicit transaction unless the text has its own BEGIN/COMMIT; stops at the
    /// first failing statement and throws its error.
    public func execute(_ sql: String) throws(PostgresError) {
        let pg = try open()
        _ = try check(PQexec(pg, sql), pg)
    }

    /// False once libpq reports the connection bad (or after `close()`).
    public var isHealthy: Bool {
        guard let conn else { return false }
        return PQstatus(conn) == CONNECTION_OK
    }

    /// Re-establishes a broken connection (PQreset) with the same parameters; with a multi-host
    /// conninfo this reaches whichever host now qualifies. Throws `.connection` if still bad.
    public func reconnect() throws(PostgresError) {
        guard let pg = conn else {
            throw PostgresError(kind: .connection, message: "connection is closed")
        }
        PQreset(pg)
        guard PQstatus(pg) == CONNECTION_OK else { throw PostgresError.fromConnection(pg) }
        try setUTF8(pg)
    }

    /// Called with each NOTICE/WARNING the server sends.
    public var onNotice: ((PostgresNotice) -> Void)? {
        get { notices.handler }
        set { notices.handler = newValue }
    }

    /// The server process id serving this connection (PQbackendPID), 0 when not connected.
    public var backendPID: Int32 {
        conn.map { PQbackendPID($0) } ?? 0
    }

    // MARK: - Internals shared with the COPY and transaction extensions

    /// The live `PGconn`, or `.connection` when closed.
    func open() throws(PostgresError) -> OpaquePointer {
        guard let conn else { throw PostgresError(kind: .connection, message: "connection is closed") }
        return conn
    }

    /// Turns a result into a `PostgresResult` or the error it reports; clears failed results.
    func check(_ result: OpaquePointer?, _ pg: OpaquePointer) throws(PostgresError) -> PostgresResult {
        guard let result else { throw PostgresError.from(result: nil, conn: pg, defaultKind: .statement) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(taking: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            abandonCopy(pg)
            throw PostgresError(kind: .statement, message: "COPY is only supported through copyIn(_:_:)")
        default:
            let error = PostgresError.from(result: result, conn: pg, defaultKind: .statement)
            PQclear(result)
            drain(pg)
            throw error
        }
    }

    /// Ends a COPY the caller did not ask for and discards what follows.
    func abandonCopy(_ pg: OpaquePointer) {
        _ = PQputCopyEnd(pg, "COPY not expected by client")
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(pg, &buffer, 0) > 0 { PQfreemem(buffer) }
        drain(pg)
    }

    /// Reads and clears remaining results, so the connection is ready for the next command.
    ///
    /// Returns the first error among them, if any.
    @discardableResult
    func drain(_ pg: OpaquePointer, defaultKind: PostgresError.Kind = .statement) -> PostgresError? {
        var firstError: PostgresError?
        while let result = PQgetResult(pg) {
            let status = PQresultStatus(result)
            if status == PGRES_FATAL_ERROR, firstError == nil {
                firstError = PostgresError.from(result: result, conn: pg, defaultKind: defaultKind)
            }
            PQclear(result)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                abandonCopy(pg)
                break
            }
            if PQstatus(pg) == CONNECTION_BAD { break }
        }
        return firstError
    }

    private func setUTF8(_ pg: OpaquePointer) throws(PostgresError) {
        guard PQsetClientEncoding(pg, "UTF8") == 0 else {
            throw PostgresError.fromConnection(pg, kind: PQstatus(pg) == CONNECTION_BAD ? .connection : .statement)
        }
    }

    private func installNoticeReceiver(_ pg: OpaquePointer) {
        let box = Unmanaged.passUnretained(notices).toOpaque()
        _ = PQsetNoticeReceiver(pg, { arg, result in
            guard let arg, let result else { return }
            let box = Unmanaged<NoticeBox>.fromOpaque(arg).takeUnretainedValue()
            guard let handler = box.handler else { return }
            handler(PostgresNotice(result: result))
        }, box)
    }
}

/// A NOTICE or WARNING from the server.
public struct PostgresNotice: Sendable {
    public var severity: String
    public var sqlState: String?
    public var message: String
}

extension PostgresNotice {
    /// Reads a notice from the `PGresult` libpq hands to the notice receiver.
    init(result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        severity = field(DiagField.severityNonLocalized) ?? field(DiagField.severity) ?? "NOTICE"
        sqlState = field(DiagField.sqlState)
        message = field(DiagField.message)
            ?? PQresultErrorMessage(result).map { String(cString: $0).trimmingWhitespace() } ?? ""
    }
}

/// Holds the notice handler; passed unretained to libpq (the connection keeps it alive).
final class NoticeBox {
    var handler: ((PostgresNotice) -> Void)?
}
