import Logging
import ReferralConfig
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration and partner profiles on `SIGHUP`; an invalid new configuration is
/// logged and the old one kept.
public struct ReloadService: Service {
    let store: ConfigurationStore
    let logger: Logger
    let onReload: @Sendable (Configuration) -> Void

    public init(store: ConfigurationStore, logger: Logger, onReload: @escaping @Sendable (Configuration) -> Void = { _ in }) {
        self.store = store
        self.logger = logger
        self.onReload = onReload
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                let configuration = try Configuration.load(path: store.path)
                store.replace(with: configuration)
                onReload(configuration)
                logger.notice("configuration reloaded", metadata: ["partners": "\(configuration.partners.count)"])
            } catch {
                logger.error("configuration reload failed; keeping the previous configuration", metadata: ["reason": "\(error)"])
            }
        }
    }
}
