import ArgumentParser
import PostgresLibPQ
import ReferralConfig
import ReferralStore

/// Opening the database for a command, with the spec's exit statuses on failure.
enum Database {
    /// A migrated database; exits 78 when the schema is missing, 69 when the server is unavailable.
    static func open(_ config: Configuration) throws -> ReferralDatabase {
        do {
            return try ReferralDatabase(conninfo: config.database.conninfo, schema: config.database.schema)
        } catch let error as ReferralDatabase.NotMigrated {
            Console.error("\(error)")
            throw ExitStatus.configuration.code
        } catch let error as PostgresError {
            Console.error("database unavailable: \(error)")
            throw ExitStatus.databaseUnavailable.code
        }
    }
}
