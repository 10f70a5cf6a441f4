/// The life of one item of an intake (a dropped file, a MESH message), as a value: the file job
/// feeds it events and performs the actions it returns, so every rule of operations.md is
/// decided here, without I/O and whatever the route.
///
/// discovered → complete → claimed → committed(loaded | refused) → archived.
public struct FileLifecycle: Equatable, Sendable {

    public enum State: Equatable, Sendable {
        /// Seen, not yet known to be complete.
        case discovered(FileObservation)
        /// Unchanged and settled: ready to claim.
        case complete(FileObservation)
        /// This instance holds the file's claim in the database.
        case claimed(FileObservation)
        /// Its transaction committed; the original must be archived.
        case committed(ItemOutcome)
        /// Archived by its intake: nothing more to do.
        case archived
    }

    public enum Event: Equatable, Sendable {
        /// A poll saw the item; `now` in seconds since the epoch.
        case observed(FileObservation, now: Double)
        /// The claim was taken.
        case claimed
        /// Another instance holds the claim.
        case claimLost
        /// Committed as loaded or duplicate (or found committed by an earlier run).
        case committed
        /// Committed as refused (the whole file, or a poison file given up on).
        case refused
        /// The database was unavailable; nothing committed. Try again after backoff.
        case databaseUnavailable
        /// Loading failed for another reason; `attempts` counts failures so far, this one included.
        case failed(attempts: Int)
        /// The intake archived the original.
        case archived
        /// The item is no longer offered by its intake.
        case vanished
    }

    public enum Action: Equatable, Sendable {
        case wait
        /// Claim it in the database, then load it.
        case claim
        case load
        /// Have the intake archive the original (loaded: kept as processed; refused: as rejected).
        case archive(ItemOutcome)
        /// Give up: record it refused with the reason (then archive it as refused).
        case refuseAsPoison
        case forget
    }

    public private(set) var state: State
    /// Seconds a file's modification time must be in the past before it counts as complete.
    public let settleTime: Double
    /// Failures after which an item is given up on.
    public static let maxAttempts = 3

    /// An item first seen by a poll. An item already settled is complete at once (a restarted
    /// daemon takes settled files without waiting another poll).
    public init(first: FileObservation, now: Double, settleTime: Double) {
        self.settleTime = settleTime
        self.state = now - first.modified >= settleTime ? .complete(first) : .discovered(first)
    }

    /// The action the first observation calls for.
    public var initialAction: Action {
        if case .complete = state { return .claim }
        return .wait
    }

    public mutating func handle(_ event: Event) -> Action {
        switch (state, event) {
        case (_, .vanished):
            state = .archived
            return .forget

        case (.discovered(let previous), .observed(let seen, let now)),
             (.complete(let previous), .observed(let seen, let now)):
            if seen == previous && now - seen.modified >= settleTime {
                state = .complete(seen)
                return .claim
            }
            state = .discovered(seen)
            return .wait

        case (.complete(let seen), .claimed):
            state = .claimed(seen)
            return .load
        case (.complete(let seen), .claimLost), (.claimed(let seen), .claimLost):
            state = .discovered(seen)
            return .wait

        case (.claimed, .committed):
            state = .committed(.loaded)
            return .archive(.loaded)
        case (.claimed, .refused):
            state = .committed(.refused)
            return .archive(.refused)
        case (.claimed(let seen), .databaseUnavailable):
            state = .discovered(seen)
            return .wait
        case (.claimed(let seen), .failed(let attempts)):
            if attempts >= Self.maxAttempts { return .refuseAsPoison }
            state = .discovered(seen)
            return .wait

        case (.committed, .archived):
            state = .archived
            return .forget
        case (.committed(let outcome), _):
            // Until it is archived, a committed item is only ever archived again, never reloaded.
            return .archive(outcome)

        case (.archived, _):
            return .forget
        default:
            return .wait
        }
    }
}
