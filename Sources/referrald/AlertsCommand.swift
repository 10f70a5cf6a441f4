import ArgumentParser
import Foundation
import ReferralDaemon
import ReferralStore

/// `referrald alerts [--json] [--all]`: firing alerts (or every alert ever raised).
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alerts", abstract: "List alerts (firing by default).")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print a JSON array.")
    var json = false

    @Flag(help: "Every alert ever raised, not only firing ones.")
    var all = false

    func run() throws {
        let config = try options.loadConfiguration()
        let database = try Database.open(config)
        defer { database.connection.close() }
        let alerts = try AlertStore(connection: database.connection).list(all: all)
        if json {
            let objects: [[String: Any]] = alerts.map { a in
                [
                    "id": a.id, "rule": a.rule, "scope": a.scope, "granularity": a.period.granularity.rawValue,
                    "period": a.period.description, "period_start": a.period.start.description, "observed": a.observed,
                    "mean": a.mean.map { $0 as Any } ?? NSNull(), "upper_limit": a.upperLimit.map { $0 as Any } ?? NSNull(),
                    "state": a.state, "raised_at": a.raisedAt, "resolved_at": a.resolvedAt.map { $0 as Any } ?? NSNull(),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if alerts.isEmpty {
            print(all ? "no alerts" : "no firing alerts")
            return
        }
        let header = ["state", "rule", "scope", "period", "observed", "mean", "upper", "raised"]
        let rows = alerts.map { a in
            [a.state, a.rule, a.scope, a.period.description, String(a.observed),
             a.mean.map(AlertLog.oneDecimal) ?? "-", a.upperLimit.map(AlertLog.oneDecimal) ?? "-", a.raisedAt]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for row in [header] + rows {
            print(row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
    }
}
