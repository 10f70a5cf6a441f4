/// What to do about one alert identity: the lifecycle's action and the finding whose figures the
/// row and the log line carry.
public struct AlertDecision: Equatable, Sendable {
    public var action: AlertLifecycle.Action
    public var finding: Finding

    public init(_ action: AlertLifecycle.Action, _ finding: Finding) {
        self.action = action
        self.finding = finding
    }
}
