import CLibPQ

/// An error from libpq or the server, with everything the server said about it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection broke: the database is unavailable (exit 69).
        case connection
        /// The server refused a statement (see `sqlState`).
        case statement
        /// A COPY failed while streaming.
        case copy
    }
    public var kind: Kind
    /// Five-character SQLSTATE, when the server sent one (`23505` unique violation, …).
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The server's CONTEXT field (where in a function or COPY line the error arose).
    public var context: String?

    public init(kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil, context: String? = nil) {
        self.kind = kind; self.sqlState = sqlState; self.message = message
        self.detail = detail; self.hint = hint; self.context = context
    }

    /// SQLSTATEs outside class `08` after which a retry on a fresh connection may succeed.
    private static let transientStates: Set<String> = ["57P01", "57P02", "57P03", "40001", "40P01", "53300", "25006"]
    /// SQLSTATEs outside class `08` after which this session is of no more use: the server is
    /// shutting down, or it has become read-only (a standby, or a primary fenced before a
    /// switchover) and a new connection may reach the writable host of a multi-host conninfo.
    private static let sessionEndingStates: Set<String> = ["57P01", "57P02", "57P03", "25006"]

    /// True when retrying on a fresh connection may succeed: connection loss, server shutdown
    /// (SQLSTATE class 08, 57P01…57P03), or a serialization/deadlock failure (40001, 40P01).
    ///
    /// Also true for `53300` (too many connections) and `25006` (a write on a read-only server).
    public var isTransient: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || Self.transientStates.contains(sqlState)
    }

    /// True when the retry must be on a new connection, not this one: connection loss, server
    /// shutdown, or a server that has become read-only (`25006`).
    public var endsSession: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || Self.sessionEndingStates.contains(sqlState)
    }

    /// The message, then `SQLSTATE x`, `DETAIL:`, `HINT:` and `CONTEXT:`, one line each.
    ///
    /// Line breaks inside a part (multi-level CONTEXT) are folded into ` / `.
    public var description: String {
        var lines = [Self.oneLine(message)]
        if let sqlState { lines.append("SQLSTATE \(sqlState)") }
        if let detail { lines.append("DETAIL: " + Self.oneLine(detail)) }
        if let hint { lines.append("HINT: " + Self.oneLine(hint)) }
        if let context { lines.append("CONTEXT: " + Self.oneLine(context)) }
        return lines.joined(separator: "\n")
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: " / ")
    }
}

extension PostgresError {
    /// Builds an error from a failed `PGresult` (or its absence) on `conn`.
    ///
    /// The kind is `.connection` when there is no result or libpq reports the connection bad,
    /// `defaultKind` otherwise. Does not `PQclear` the result.
    static func from(result: OpaquePointer?, conn: OpaquePointer?, defaultKind: Kind) -> PostgresError {
        let broken = result == nil || conn == nil || PQstatus(conn) == CONNECTION_BAD
        let kind: Kind = broken ? .connection : defaultKind
        guard let result else {
            return PostgresError(kind: kind, message: connectionMessage(conn))
        }
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        var message = field(DiagField.message)
        if message == nil, let p = PQresultErrorMessage(result) {
            let text = String(cString: p).trimmingWhitespace()
            if !text.isEmpty { message = text }
        }
        return PostgresError(
            kind: kind,
            sqlState: field(DiagField.sqlState),
            message: message ?? connectionMessage(conn),
            detail: field(DiagField.detail),
            hint: field(DiagField.hint),
            context: field(DiagField.context)
        )
    }

    /// An error carrying libpq's current `PQerrorMessage`.
    static func fromConnection(_ conn: OpaquePointer?, kind: Kind = .connection) -> PostgresError {
        PostgresError(kind: kind, message: connectionMessage(conn))
    }

    static func connectionMessage(_ conn: OpaquePointer?) -> String {
        guard let conn, let p = PQerrorMessage(conn) else { return "no connection to the server" }
        let text = String(cString: p).trimmingWhitespace()
        return text.isEmpty ? "no connection to the server" : text
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}

/// `PG_DIAG_*` field codes for `PQresultErrorField` (postgres_ext.h).
enum DiagField {
    static let severity = Int32(UInt8(ascii: "S"))
    static let severityNonLocalized = Int32(UInt8(ascii: "V"))
    static let sqlState = Int32(UInt8(ascii: "C"))
    static let message = Int32(UInt8(ascii: "M"))
    static let detail = Int32(UInt8(ascii: "D"))
    static let hint = Int32(UInt8(ascii: "H"))
    static let context = Int32(UInt8(ascii: "W"))
}

extension PostgresError {
    /// A description safe for logs about personal data: the kind and SQLSTATE, and libpq's
    /// message only for connection failures (the server's messages, details and contexts can
    /// quote the row that failed).
    public var redactedDescription: String {
        switch kind {
        case .connection: "connection failed: " + (message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
        case .statement, .copy: "statement failed, SQLSTATE \(sqlState ?? "none")"
        }
    }
}
