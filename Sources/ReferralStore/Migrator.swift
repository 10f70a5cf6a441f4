import PostgresLibPQ

/// Creates or upgrades the schema: numbered, forward-only migrations recorded in
/// `schema_migration`, serialised by an advisory lock so two processes may run it at once.
public struct Migrator {
    public let schema: String

    public init(schema: String) {
        self.schema = schema
    }

    /// The newest version this build knows.
    public static var latestVersion: Int { Migration.all.last?.version ?? 0 }

    /// Applies every missing migration; returns the versions applied (empty when up to date).
    @discardableResult
    public func migrate(_ connection: PostgresConnection) throws -> [Int] {
        let quoted = PostgresConnection.quoteIdentifier(schema)
        return try connection.transaction {
            // One lock for every migrator of this schema, held to the end of the transaction.
            try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", ["referrald.migrate." + schema])
            // Only when missing: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even
            // when the schema exists, and an owner role from scripts/provision-db has none.
            if try connection.query("SELECT to_regnamespace($1) IS NULL", [quoted])[0, 0] == "t" {
                try connection.execute("CREATE SCHEMA \(quoted)")
            }
            try connection.execute("SET LOCAL search_path TO \(quoted)")
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let current = Int(try connection.query("SELECT coalesce(max(version), 0) FROM schema_migration")[0, 0] ?? "0") ?? 0
            var applied: [Int] = []
            for migration in Migration.all where migration.version > current {
                try connection.execute(migration.sql)
                try connection.query("INSERT INTO schema_migration (version, name) VALUES ($1, $2)", [String(migration.version), migration.name])
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// The schema's version, or `nil` when it was never migrated.
    public func currentVersion(_ connection: PostgresConnection) throws -> Int? {
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL", [PostgresConnection.quoteIdentifier(schema) + ".schema_migration"])
        guard exists[0, 0] == "t" else { return nil }
        let result = try connection.query("SELECT coalesce(max(version), 0) FROM \(PostgresConnection.quoteIdentifier(schema)).schema_migration")
        return Int(result[0, 0] ?? "0")
    }
}
