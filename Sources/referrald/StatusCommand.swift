import ArgumentParser
import DropDirectory
import Foundation
import PostgresLibPQ
import ReferralConfig
import ReferralStore

/// `referrald status [--json]`: per partner the last file, today's files and rows, refusals,
/// firing alerts and files waiting; and whether the database answers.
///
/// When the database does not answer, the configuration-side facts are still printed, and the
/// exit status is 69 (78 when the schema is not migrated).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Per partner: last file, today's files and rows, refusals, firing alerts; database reachable.")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let config = try options.loadConfiguration()
        let now = Date()
        let calendar = LocalCalendar(identifier: config.timezone)
        var status = StatusReport(config: config, now: now.timeIntervalSince1970, today: calendar.date(of: now))
        status.waiting = Dictionary(uniqueKeysWithValues: config.partners.map { partner in
            let incoming = DropLayout(root: config.drop.root, partner: partner.name).incoming
            let entries = try? IncomingScanner.list(incoming, maxFileSize: config.drop.maxFileSize)
            return (partner.name, entries.map { $0.filter { if case .file = $0.kind { true } else { false } }.count })
        })

        var exit = ExitStatus.success
        do {
            let database = try ReferralDatabase(conninfo: config.database.conninfo, schema: config.database.schema)
            defer { database.connection.close() }
            let names = config.partners.map(\.name)
            let query = StatusQuery(connection: database.connection)
            status.ledger = StatusReport.Ledger(
                lastFiles: try query.lastFiles(partners: names),
                today: try query.counts(partners: names, since: calendar.startOfDay(of: now).timeIntervalSince1970),
                firing: try AlertStore(connection: database.connection).list(all: false))
            let messages = MeshMessages(connection: database.connection, owner: "status")
            for partner in config.partners where partner.mesh != nil {
                status.meshBacklog[partner.name] = try messages.backlog(partner: partner.name)
            }
        } catch let error as ReferralDatabase.NotMigrated {
            status.databaseProblem = "\(error)"
            exit = .configuration
        } catch let error as PostgresError {
            status.databaseProblem = error.redactedDescription
            exit = .databaseUnavailable
        }
        print(json ? status.json() : status.text(timeZone: calendar.timeZone), terminator: json ? "\n" : "")
        if exit != .success { throw exit.code }
    }
}
