import PostgresLibPQ

/// A connection with `search_path` set to referrald's schema, checked to be migrated.
public final class ReferralDatabase {
    /// The schema is missing or older than this build: run `referrald migrate` (exit 78).
    public struct NotMigrated: Error, CustomStringConvertible {
        public var schema: String
        public var found: Int?
        public var description: String {
            if let found {
                return "schema \(schema) is at version \(found), this referrald needs \(Migrator.latestVersion): run 'referrald migrate'"
            }
            return "schema \(schema) has not been created: run 'referrald migrate'"
        }
    }

    public let connection: PostgresConnection
    public let schema: String

    /// Connects and points `search_path` at the schema. Throws `PostgresError` (kind
    /// `.connection` when the server is unavailable) or `NotMigrated`.
    public init(conninfo: String, schema: String, requireMigrated: Bool = true) throws {
        connection = try PostgresConnection(conninfo: conninfo)
        self.schema = schema
        if requireMigrated {
            let version = try Migrator(schema: schema).currentVersion(connection)
            guard let version, version >= Migrator.latestVersion else {
                throw NotMigrated(schema: schema, found: version)
            }
        }
        try Self.configureSession(connection, schema: schema)
    }

    /// `search_path` on the schema, and room for a file's staging table in local buffers (set
    /// before the session's first temporary table; the server allocates it only as used).
    ///
    /// On PostgreSQL 14 and later the server also checks every 2 s, while a statement runs or
    /// waits for a lock, that we are still there: a process killed mid-load (`kill -9`, OOM) leaves
    /// no backend behind holding its file's claim and locks until its statement ends.
    static func configureSession(_ connection: PostgresConnection, schema: String) throws {
        try connection.execute("SET search_path TO \(PostgresConnection.quoteIdentifier(schema)); SET temp_buffers = '256MB'")
        try connection.query(
            """
            SELECT set_config('client_connection_check_interval', '2s', false)
            WHERE current_setting('server_version_num')::int >= 140000
            """)
    }

    /// Re-establishes a broken connection and its `search_path`.
    public func reconnect() throws {
        try connection.reconnect()
        try Self.configureSession(connection, schema: schema)
    }
}
