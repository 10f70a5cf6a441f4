/// One libpq connection, used by one task at a time (not `Sendable`).
public final class PostgresConnection {
    /// Connects with a libpq conninfo string or URI; PG* variables, `.pgpass`, multi-host and
    /// `sslmode` apply as libpq defines them. Throws `.connection` when no server answers.
    public init(conninfo: String) throws(PostgresError) { fatalError("stub") }

    /// Runs one statement with text parameters (`$1`, `$2`…; `nil` is NULL).
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresResult { fatalError("stub") }

    /// Runs several statements without parameters (simple query protocol), e.g. a migration.
    public func execute(_ sql: String) throws(PostgresError) { fatalError("stub") }

    /// `COPY … FROM STDIN`: `body` writes rows through the writer; returns rows copied.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (inout CopyInWriter) throws -> Void) throws -> Int { fatalError("stub") }

    /// False once libpq reports the connection bad.
    public var isHealthy: Bool { fatalError("stub") }

    /// Re-establishes a broken connection (PQreset).
    public func reconnect() throws(PostgresError) { fatalError("stub") }

    /// Called with each NOTICE/WARNING the server sends.
    public var onNotice: ((PostgresNotice) -> Void)? { get { nil } set {} }

    public func close() {}
}

/// A NOTICE or WARNING from the server.
public struct PostgresNotice: Sendable {
    public var severity: String
    public var sqlState: String?
    public var message: String
}
