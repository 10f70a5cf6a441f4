import ArgumentParser
import Logging
import ReferralConfig
import ReferralDaemon
import ReferralStore
import ServiceLifecycle

/// `referrald run`: the daemon. Polls every partner's drop directory until SIGTERM or SIGINT;
/// SIGHUP reloads the configuration.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The daemon: poll every partner's drop directory until SIGTERM.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        Console.bootstrapLogging()
        let config = try options.loadConfiguration()
        let logger = Logger(label: "referrald")
        let store = ConfigurationStore(config, path: options.configPath)
        let notifier = SystemdNotifier()
        let ingest = IngestService(store: store, notifier: notifier, logger: logger) { config in
            LocalCalendar(identifier: config.timezone).date()
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: ingest), .init(service: ReloadService(store: store, logger: logger))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "referrald.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })))
        do {
            try await group.run()
        } catch let error as ReferralDatabase.NotMigrated {
            logger.critical("database schema missing or old", metadata: ["reason": "\(error)"])
            throw ExitStatus.configuration.code
        }
    }
}
