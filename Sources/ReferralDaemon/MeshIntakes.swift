import DropDirectory
import Foundation
import Intake
import Logging
import MeshClient
import ReferralConfig
import ReferralStore

/// The daemon's MESH side across passes: one client for the configured mailbox (rebuilt, and
/// every stopped intake restarted, on each reload) and one `MeshLink` per mesh partner.
final class MeshIntakes {
    private let logger: Logger
    private let metrics: DaemonMetrics?
    private var generation = -1
    private var client: MeshClient?
    private var links: [String: MeshLink] = [:]

    init(logger: Logger, metrics: DaemonMetrics?) {
        self.logger = logger
        self.metrics = metrics
    }

    /// After a reload (or at start): a new client from the files, new links.
    func refresh(_ config: Configuration, generation: Int) {
        guard generation != self.generation else { return }
        self.generation = generation
        links = [:]
        client = nil
        let partners = MeshConnection.partners(config)
        guard let settings = config.mesh, !partners.isEmpty else { return }
        for partner in partners {
            links[partner.name] = MeshLink(partner: partner.name, pollInterval: settings.pollInterval, logger: logger)
        }
        do {
            client = try MeshConnection.client(config)
        } catch {
            for link in links.values { link.failed(error, now: Date().timeIntervalSince1970) }
        }
    }

    /// The partner's intake; nil while its connection cannot be made (said once, in `refresh`).
    func intake(for partner: Configuration.Partner, config: Configuration, database: ReferralDatabase, owner: String, stop: StopFlag) -> (any Intake)? {
        guard let settings = partner.mesh, let client, let link = links[partner.name] else { return nil }
        var senders: [String: String] = [:]
        for other in MeshConnection.partners(config) { for sender in other.mesh?.from ?? [] { senders[sender] = other.name } }
        return MeshIntake(
            settings: settings, layout: DropLayout(root: config.drop.root, partner: partner.name),
            spool: MeshSpool(root: config.drop.root, partner: partner.name), maxFileSize: config.drop.maxFileSize,
            client: client, messages: MeshMessages(connection: database.connection, owner: owner), link: link,
            senders: senders, warnsForUnknownSenders: MeshConnection.partners(config).first?.name == partner.name,
            logger: logger, stop: stop, metrics: metrics)
    }
}
