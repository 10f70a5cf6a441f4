/// The life of one alert identity `(rule, scope, granularity, period_start)`, as a value:
/// raised once, resolved once when corrected data no longer meets the rule, historic outside the
/// alert window. Its state is persisted in the `alert` table.
public struct AlertLifecycle: Equatable, Sendable {
    public enum State: String, Equatable, Sendable {
        /// No alert row.
        case none
        case firing
        case resolved
        case historic
    }

    public enum Event: Equatable, Sendable {
        /// A fresh evaluation: does the rule hold, and is the period inside the alert window?
        case evaluated(holds: Bool, inWindow: Bool)
        /// The period has left the window (time passed).
        case leftWindow
    }

    public enum Action: Equatable, Sendable {
        case none
        /// Insert a `firing` row and log one warning.
        case raise
        /// Insert a `historic` row quietly (counted in the file's summary line).
        case recordHistoric
        /// Refresh the row's figures quietly (still firing).
        case update
        /// Set `resolved` and log one notice.
        case resolve
        /// Set `historic` quietly.
        case demote
    }

    public private(set) var state: State

    public init(state: State) { self.state = state }

    public mutating func handle(_ event: Event) -> Action { fatalError("stub") }
}
