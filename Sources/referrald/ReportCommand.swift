import ArgumentParser
import Foundation
import PostgresLibPQ
import ReferralConfig
import ReferralCore
import ReferralReport
import ReferralStore

/// `referrald report --month YYYY-MM [--format text|html|json] [--output FILE]`: the monthly
/// report card (report.md) for every partner and in total.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly report card: volumes, control status, re-referrals, rates, data quality.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, json }

    @OptionGroup var options: GlobalOptions

    @Option(help: "The report month, YYYY-MM.")
    var month: String

    @Option(help: "Output format: text, html or json.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() throws {
        guard let period = Self.parseMonth(month) else {
            Console.error("--month: expected a month as YYYY-MM")
            throw ExitStatus.usage.code
        }
        let config = try options.loadConfiguration()
        let today = LocalCalendar(identifier: config.timezone).date()
        guard period <= Period(.month, containing: today) else {
            Console.error("--month: \(period) has not started yet")
            throw ExitStatus.usage.code
        }
        let database = try Database.open(config)
        defer { database.connection.close() }

        let builder = ReportCardBuilder(settings: config.alerts.spike, population: config.report.population0to17,
                                        benchmarks: config.report.benchmarks, timezone: config.timezone)
        let partners: [ScopeData]
        let coverage: ScopeCoverage
        do {
            partners = try ReportQuery(connection: database.connection, timezone: config.timezone)
                .partnerData(month: period, since: builder.earliestMonthNeeded(for: period), partners: config.partners.map(\.name))
            let alerts = AlertStore(connection: database.connection)
            coverage = ScopeCoverage(partners: try alerts.spans().mapValues { Coverage(spans: $0) },
                                     silent: try alerts.silentPartners(),
                                     watched: Set(config.partners.map(\.name).filter { config.alerts.feedSilentLimit(for: $0) != nil }),
                                     today: today, settings: config.alerts.spike)
        } catch let error as PostgresError {
            Console.error("database error: \(error.redactedDescription)")
            throw (error.kind == .connection ? ExitStatus.databaseUnavailable : ExitStatus.dataUnreadable).code
        }
        let card = builder.build(month: period, today: today, partners: partners, coverage: coverage)
        let text: String = switch format {
        case .text: TextReport.render(card)
        case .json: try JSONReport.render(card)
        case .html: HTMLReport.render(card)
        }
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Console.error("cannot write the report to \(output)")
            throw ExitStatus.cantCreate.code
        }
    }

    /// `YYYY-MM` (a four-digit year, a two-digit month) as a month period.
    static func parseMonth(_ text: String) -> Period? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let monthNumber = Int(parts[1]),
              let date = CivilDate(year: year, month: monthNumber, day: 1) else { return nil }
        return Period(.month, containing: date)
    }
}
