import ArgumentParser
import CoreMetrics
import Logging
import MetricsEndpoint
import Prometheus
import ReferralConfig
import ReferralDaemon
import ReferralStore
import ServiceLifecycle
import Systemd

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
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        var metrics: DaemonMetrics?
        if let settings = config.metrics {
            // Once per process, and only when an endpoint is configured: otherwise every
            // metric is swift-metrics' no-op.
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.durationHistogramBuckets[DaemonMetrics.fileDuration] = DaemonMetrics.durationBuckets
            MetricsSystem.bootstrap(factory)
            metrics = DaemonMetrics()
            // First in the group, so the last to stop: scrapes work while a file finishes.
            services.append(.init(service: MetricsEndpoint(settings: settings, logger: logger) { registry.emitToBuffer() }))
        }
        let ingest = IngestService(store: store, notifier: notifier, logger: logger, metrics: metrics) { config in
            LocalCalendar(identifier: config.timezone).date()
        }
        services += [.init(service: ingest), .init(service: ReloadService(store: store, logger: logger))]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
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
