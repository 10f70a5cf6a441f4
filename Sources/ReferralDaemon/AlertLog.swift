import Logging
import ReferralCore
import ReferralStore
import Systemd

/// Writes alert events to the log in the fixed wording ops grep for:
/// `referral spike alert=… scope=… granularity=… period=… observed=… mean=… upper_limit=… baseline=…`
/// (a warning) and `referral spike resolved alert=… … observed=…` (a notice). Under journald the
/// same event also goes through the native protocol with a fixed `MESSAGE_ID`.
public struct AlertLog {
    public let logger: Logger
    public let journal: JournalSender

    public init(logger: Logger, journal: JournalSender = JournalSender()) {
        self.logger = logger
        self.journal = journal
    }

    /// Logs an evaluation's outcome; `file` names the file that caused it, if any.
    public func log(_ outcome: AlertEvaluation.Outcome, file: String? = nil) {
        for finding in outcome.raised {
            var metadata = Self.identity(finding)
            if let mean = finding.mean { metadata["mean"] = "\(Self.oneDecimal(mean))" }
            if let upper = finding.upperLimit { metadata["upper_limit"] = "\(Self.oneDecimal(upper))" }
            if finding.rule == .belowLowerLimit, let lower = finding.lowerLimit { metadata["lower_limit"] = "\(Self.oneDecimal(lower))" }
            if finding.baseline > 0 { metadata["baseline"] = "\(finding.baseline)" }
            emit(.warning, "referral spike", metadata, messageID: JournalSender.spikeRaised)
        }
        for finding in outcome.resolved {
            emit(.notice, "referral spike resolved", Self.identity(finding), messageID: JournalSender.spikeResolved)
        }
        if outcome.historic > 0 {
            var metadata: Logger.Metadata = ["alerts": "\(outcome.historic)"]
            if let file { metadata["file"] = "\(LogSafe.fileName(file))" }
            logger.info("historic alerts recorded", metadata: metadata)
        }
    }

    private func emit(_ level: Logger.Level, _ message: Logger.Message, _ metadata: Logger.Metadata, messageID: String) {
        if !journal.send(level: level, message: message, metadata: metadata, messageID: messageID) {
            logger.log(level: level, message, metadata: metadata)
        }
    }

    static func identity(_ f: Finding) -> Logger.Metadata {
        ["alert": "\(f.rule.rawValue)", "scope": "\(f.scope)", "granularity": "\(f.period.granularity.rawValue)",
         "period": "\(f.period)", "observed": "\(f.observed)"]
    }

    public static func oneDecimal(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        let whole = Int(scaled) / 10, tenth = abs(Int(scaled) % 10)
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
    }
}
