import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The systemd journal's native protocol: one datagram of `FIELD=value` lines to
/// `/run/systemd/journal/socket`, so `journalctl MESSAGE_ID=…` finds every spike.
///
/// Used only under journald (`$JOURNAL_STREAM` set); `$REFERRALD_JOURNAL_SOCKET` names another
/// socket (for tests). When it cannot send, the caller logs the line to stderr instead.
public struct JournalSender: Sendable {
    /// `MESSAGE_ID` of a raised alert.
    public static let spikeRaised = "5a1e3c0f7d2b4e8a9c6f1b2d3e4a5c6d"
    /// `MESSAGE_ID` of a resolved alert.
    public static let spikeResolved = "8b2f4d1e6c3a4f9b8e7d2c1a0f5e4d3c"

    let socketPath: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let path = environment["REFERRALD_JOURNAL_SOCKET"], !path.isEmpty {
            socketPath = path
        } else if environment["JOURNAL_STREAM"] != nil {
            socketPath = "/run/systemd/journal/socket"
        } else {
            socketPath = nil
        }
    }

    /// Sends one entry; `false` when not under journald or the socket refused it.
    public func send(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata, messageID: String) -> Bool {
        guard let socketPath else { return false }
        var text = "\(message)"
        for key in LineLogHandler.orderedKeys(metadata) { text += " \(key)=\(LineLogHandler.value(metadata[key]!.description))" }
        var fields = [
            "MESSAGE=\(LineLogHandler.clean(text))", "PRIORITY=\(LineLogHandler.priority(level))",
            "MESSAGE_ID=\(messageID)", "SYSLOG_IDENTIFIER=referrald",
        ]
        for key in metadata.keys.sorted() {
            fields.append("REFERRAL_\(key.uppercased().replacingOccurrences(of: ".", with: "_"))=\(LineLogHandler.clean(metadata[key]!.description))")
        }
        let datagram = Array((fields.joined(separator: "\n") + "\n").utf8)
        return UnixDatagram.send(datagram, to: socketPath)
    }
}
