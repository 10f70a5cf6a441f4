/// `feed_silent` (alerts.md): a partner with no file for longer than its limit. The alert's
/// period is the day of the partner's last file, so a newer file resolves it; partners that never
/// sent a file are not judged (there is no silence to measure from).
public struct FeedSilence: Sendable, Equatable {
    /// Seconds since the epoch of the partner's last file.
    public var lastFileAt: Double
    /// The longest the partner may go without a file, in seconds.
    public var limit: Double

    public init(lastFileAt: Double, limit: Double) {
        self.lastFileAt = lastFileAt
        self.limit = limit
    }

    /// The day of the last file (UTC), the period of its alert.
    public var period: Period {
        Period(.day, containing: CivilDate(daysSinceEpoch: Int((lastFileAt / 86_400).rounded(.down))))
    }

    /// Whether the partner is silent at `now`.
    public func holds(now: Double) -> Bool { now - lastFileAt > limit }

    /// The decisions at `now` for `partner`, given its `feed_silent` rows by period (`states`):
    /// the last file's day is judged, and any other firing period (an older last file) no longer holds.
    public func decide(partner: String, now: Double, states: [Period: AlertLifecycle.State]) -> [AlertDecision] {
        let hours = max(0, Int((now - lastFileAt) / 3600))
        var periods = Set(states.filter { $0.value == .firing }.keys)
        periods.insert(period)
        var decisions: [AlertDecision] = []
        for p in periods.sorted() {
            let holds = p == period && holds(now: now)
            var lifecycle = AlertLifecycle(state: states[p] ?? .none)
            let action = lifecycle.handle(.evaluated(holds: holds, inWindow: true))
            if action != .none {
                decisions.append(AlertDecision(action, Finding(rule: .feedSilent, scope: partner, period: p, holds: holds, observed: hours)))
            }
        }
        return decisions
    }
}
