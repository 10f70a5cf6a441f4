import DropDirectory
import Foundation
import Logging
import ReferralConfig
import ReferralCore

/// One poll of every partner's `incoming/`: classifies what is there, advances each file's
/// lifecycle, and returns the complete files, oldest first (modification time, then name).
///
/// Links, directories, devices and oversized files are reported once each, not every poll.
final class DropPoller {
    struct Candidate {
        let partner: String
        let name: String
        let modified: Double
    }

    private(set) var lifecycles: [String: [String: FileLifecycle]] = [:]
    private var reported: Set<String> = []
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func poll(_ config: Configuration, now: Double) -> [Candidate] {
        var candidates: [Candidate] = []
        let settle = Double(config.drop.settleTime.components.seconds) + Double(config.drop.settleTime.components.attoseconds) / 1e18
        for partner in config.partners {
            let layout = DropLayout(root: config.drop.root, partner: partner.name)
            let entries: [IncomingEntry]
            do {
                entries = try IncomingScanner.list(layout.incoming, maxFileSize: config.drop.maxFileSize)
            } catch {
                reportOnce("dir:\(layout.incoming)", "drop directory unreadable", ["partner": "\(partner.name)", "reason": "\(error)"])
                continue
            }
            var files = lifecycles[partner.name] ?? [:]
            let present = Set(entries.map(\.name))
            for name in files.keys where !present.contains(name) { files[name] = nil }
            for entry in entries {
                switch entry.kind {
                case .file(let seen):
                    var action: FileLifecycle.Action
                    if var lifecycle = files[entry.name] {
                        action = lifecycle.handle(.observed(seen, now: now))
                        files[entry.name] = lifecycle
                    } else {
                        let lifecycle = FileLifecycle(first: seen, now: now, settleTime: settle)
                        action = lifecycle.initialAction
                        files[entry.name] = lifecycle
                    }
                    if case .move = action { action = .claim }  // committed, not yet moved: go again
                    if action == .claim {
                        candidates.append(Candidate(partner: partner.name, name: entry.name, modified: seen.modified))
                    }
                case .symbolicLink: skip(partner.name, entry.name, "a symbolic link (never followed)")
                case .directory: skip(partner.name, entry.name, "a directory")
                case .special: skip(partner.name, entry.name, "not a regular file")
                case .oversized(let size): skip(partner.name, entry.name, "\(size) bytes, over max_file_size")
                }
            }
            lifecycles[partner.name] = files
        }
        return candidates.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }
    }

    /// Lets the caller run a file's lifecycle and stores the result.
    func withLifecycle(partner: String, name: String, _ body: (inout FileLifecycle) throws -> Void) rethrows {
        guard var lifecycle = lifecycles[partner]?[name] else { return }
        defer { lifecycles[partner]?[name] = lifecycle.state == .archived ? nil : lifecycle }
        try body(&lifecycle)
    }

    private func skip(_ partner: String, _ name: String, _ reason: String) {
        reportOnce("\(partner)/\(name)/\(reason)", "file skipped", ["partner": "\(partner)", "file": "\(LogSafe.fileName(name))", "reason": "\(reason)"])
    }

    private func reportOnce(_ key: String, _ message: Logger.Message, _ metadata: Logger.Metadata) {
        guard reported.insert(key).inserted else { return }
        logger.warning(message, metadata: metadata)
    }
}
