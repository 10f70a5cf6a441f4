import Foundation
import Logging
import MeshClient

/// The state of one mesh partner's connection across polls (intake.md, "Outage"): when to poll
/// next, the backoff of an outage (1 s doubling to the poll interval) with its one warning and
/// one notice, the daily handshake, and the stop after a configuration error until a reload.
final class MeshLink: @unchecked Sendable {
    let partner: String
    private let logger: Logger
    private let pollInterval: Double
    private(set) var blocked = false
    private var nextPoll = 0.0
    private var outageSince: Double?
    private var backoff = 1.0
    private var lastHandshake: Double?
    /// The inbox's size at the last listing (the metrics' backlog).
    var inboxBacklog = 0

    init(partner: String, pollInterval: Duration, logger: Logger) {
        self.partner = partner
        self.logger = logger
        self.pollInterval = max(0.1, Double(pollInterval.components.seconds) + Double(pollInterval.components.attoseconds) / 1e18)
    }

    /// Whether to talk to MESH on this pass.
    func due(now: Double) -> Bool { !blocked && now >= nextPoll }

    private var lastExpiryWarning: Double?
    private var reported: Set<String> = []

    /// True the first time a message is reported (a skipped message is warned of once).
    func firstReport(of messageID: String) -> Bool { reported.insert(messageID).inserted }

    /// One warning a day while the client certificate is within 30 days of its expiry.
    func checkCertificate(_ path: String, now: Double) {
        guard let notAfter = CertificateExpiry.notAfter(pemFile: path)?.timeIntervalSince1970 else { return }
        let days = (notAfter - now) / 86_400
        guard days < 30, lastExpiryWarning.map({ now - $0 >= 86_400 }) ?? true else { return }
        lastExpiryWarning = now
        logger.warning("mesh client certificate expires soon", metadata: ["partner": "\(partner)", "days_left": "\(max(0, Int(days)))"])
    }

    /// Whether the handshake is due (at start, then every 24 h).
    func handshakeDue(now: Double) -> Bool { lastHandshake.map { now - $0 >= 86_400 } ?? true }

    func handshook(now: Double) { lastHandshake = now }

    /// A pass that reached MESH: ends an outage (one notice), schedules the next poll.
    func succeeded(now: Double) {
        if let since = outageSince {
            logger.notice("mesh available again", metadata: ["partner": "\(partner)", "after": "\(Int((now - since).rounded()))s"])
            outageSince = nil
        }
        backoff = 1
        nextPoll = now + pollInterval
    }

    /// A pass that failed: an outage (one warning when it starts, then backoff) or a
    /// configuration error (one error line; nothing more until a reload).
    func failed(_ error: MeshError, now: Double) {
        if error.needsReload {
            guard !blocked else { return }
            blocked = true
            logger.error("mesh intake stopped until reload", metadata: ["partner": "\(partner)", "reason": "\(error.reason)"])
            return
        }
        if outageSince == nil {
            outageSince = now
            logger.warning("mesh unavailable", metadata: ["partner": "\(partner)", "reason": "\(error.reason)"])
        }
        nextPoll = now + backoff
        backoff = min(backoff * 2, pollInterval)
    }
}
