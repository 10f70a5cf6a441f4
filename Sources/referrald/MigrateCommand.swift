import ArgumentParser
import PostgresLibPQ
import ReferralStore

/// `referrald migrate`: create or upgrade the schema; idempotent and safe to run concurrently.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let config = try options.loadConfiguration()
        do {
            let connection = try PostgresConnection(conninfo: config.database.conninfo)
            let applied = try Migrator(schema: config.database.schema).migrate(connection)
            if applied.isEmpty {
                print("schema \(config.database.schema) is up to date at version \(Migrator.latestVersion)")
            } else {
                print("schema \(config.database.schema) migrated to version \(Migrator.latestVersion) (applied \(applied.map(String.init).joined(separator: ", ")))")
            }
        } catch let error as PostgresError {
            Console.error("database error: \(error)")
            throw (error.kind == .connection ? ExitStatus.databaseUnavailable : ExitStatus.configuration).code
        }
    }
}
