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

    /// Moves to the next state and says what to do about it.
    ///
    /// - `none`: a rule holding in the window raises; holding outside it is recorded as historic.
    /// - `firing`: holding again in the window only updates the figures (never a second warning);
    ///   no longer holding in the window resolves; outside the window (time passed, or an
    ///   evaluation of a period already out of it, whether it holds or not) demotes quietly.
    /// - `resolved`: holding again in the window raises anew (a new rise is news); otherwise quiet.
    /// - `historic`: stays historic, quietly, whatever happens.
    public mutating func handle(_ event: Event) -> Action {
        switch (state, event) {
        case (.none, .evaluated(holds: true, inWindow: true)):
            state = .firing
            return .raise
        case (.none, .evaluated(holds: true, inWindow: false)):
            state = .historic
            return .recordHistoric
        case (.none, .evaluated(holds: false, inWindow: _)), (.none, .leftWindow):
            return .none
        case (.firing, .evaluated(holds: true, inWindow: true)):
            return .update
        case (.firing, .evaluated(holds: false, inWindow: true)):
            state = .resolved
            return .resolve
        case (.firing, .evaluated(holds: _, inWindow: false)), (.firing, .leftWindow):
            state = .historic
            return .demote
        case (.resolved, .evaluated(holds: true, inWindow: true)):
            state = .firing
            return .raise
        case (.resolved, _):
            return .none
        case (.historic, _):
            return .none
        }
    }
}
