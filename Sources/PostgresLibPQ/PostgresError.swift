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

    /// True when retrying on a fresh connection may succeed: connection loss, server shutdown
    /// (SQLSTATE class 08, 57P01…57P03), or a serialization/deadlock failure (40001, 40P01).
    public var isTransient: Bool { fatalError("stub") }

    public var description: String { fatalError("stub") }
}
