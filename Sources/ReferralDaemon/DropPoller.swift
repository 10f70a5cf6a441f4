import Foundation
import Intake
import Logging
import ReferralConfig
import ReferralCore

/// One poll of every partner's intake: advances each item's lifecycle and returns the items
/// ready to take, oldest first (modification time, then name).
///
/// What an intake skips (links, directories, devices, oversized files) is reported once each,
/// not every poll.
final class DropPoller {
    struct Candidate {
        let partner: String
        let item: IntakeItem
    }

    private(set) var lifecycles: [String: [String: FileLifecycle]] = [:]
    private var reported: Set<String> = []
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func poll(_ intakes: [any Intake], settleTime: Double, now: Double) -> [Candidate] {
        var candidates: [Candidate] = []
        for intake in intakes {
            let partner = intake.partner
            let listing: IntakeListing
            do {
                listing = try intake.list()
            } catch {
                reportOnce("intake:\(partner)", "drop directory unreadable", ["partner": "\(partner)", "reason": "\(error)"])
                continue
            }
            var items = lifecycles[partner] ?? [:]
            let present = Set(listing.items.map(\.id))
            for id in items.keys where !present.contains(id) { items[id] = nil }
            for item in listing.items {
                var action: FileLifecycle.Action
                if var lifecycle = items[item.id] {
                    action = lifecycle.handle(.observed(item.observation, now: now))
                    items[item.id] = lifecycle
                } else {
                    let lifecycle = FileLifecycle(first: item.observation, now: now, settleTime: settleTime)
                    action = lifecycle.initialAction
                    items[item.id] = lifecycle
                }
                if case .archive = action { action = .claim }  // committed, not yet archived: go again
                if action == .claim { candidates.append(Candidate(partner: partner, item: item)) }
            }
            for skipped in listing.skipped {
                reportOnce("\(partner)/\(skipped.name)/\(skipped.reason)", "file skipped",
                           ["partner": "\(partner)", "file": "\(LogSafe.fileName(skipped.name))", "reason": "\(skipped.reason)"])
            }
            lifecycles[partner] = items
        }
        return candidates.sorted { ($0.item.observation.modified, $0.item.name) < ($1.item.observation.modified, $1.item.name) }
    }

    /// Lets the caller run an item's lifecycle and stores the result.
    func withLifecycle<T>(partner: String, id: String, _ body: (inout FileLifecycle) throws -> T) rethrows -> T? {
        guard var lifecycle = lifecycles[partner]?[id] else { return nil }
        defer { lifecycles[partner]?[id] = lifecycle.state == .archived ? nil : lifecycle }
        return try body(&lifecycle)
    }

    private func reportOnce(_ key: String, _ message: Logger.Message, _ metadata: Logger.Metadata) {
        guard reported.insert(key).inserted else { return }
        logger.warning(message, metadata: metadata)
    }
}
