/// The life of one file in a partner's `incoming/`, as a value: the daemon feeds it events and
/// performs the actions it returns, so every rule of operations.md is decided here, without I/O.
///
/// discovered → complete → claimed → committed(processed | rejected) → archived.
public struct FileLifecycle: Equatable, Sendable {
    public enum Destination: String, Equatable, Sendable {
        case processed, rejected
    }

    public enum State: Equatable, Sendable {
        /// Seen, not yet known to be complete.
        case discovered(FileObservation)
        /// Unchanged and settled: ready to claim.
        case complete(FileObservation)
        /// This instance holds the file's claim in the database.
        case claimed(FileObservation)
        /// Its transaction committed; the original must be moved.
        case committed(Destination)
        /// Moved out of `incoming/`: nothing more to do.
        case archived
    }

    public enum Event: Equatable, Sendable {
        /// A poll saw the file; `now` in seconds since the epoch.
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
        /// The original was moved out of `incoming/`.
        case moved
        /// The file disappeared from `incoming/`.
        case vanished
    }

    public enum Action: Equatable, Sendable {
        case wait
        /// Claim it in the database, then load it.
        case claim
        case load
        case move(Destination)
        /// Give up: record it refused with the reason and move it to `rejected/`.
        case refuseAsPoison
        case forget
    }

    public private(set) var state: State
    /// Seconds a file's modification time must be in the past before it counts as complete.
    public let settleTime: Double
    /// Failures after which a file is given up on.
    public static let maxAttempts = 3

    /// A file first seen by a poll. A file already settled is complete at once (a restarted
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
            state = .committed(.processed)
            return .move(.processed)
        case (.claimed, .refused):
            state = .committed(.rejected)
            return .move(.rejected)
        case (.claimed(let seen), .databaseUnavailable):
            state = .discovered(seen)
            return .wait
        case (.claimed(let seen), .failed(let attempts)):
            if attempts >= Self.maxAttempts { return .refuseAsPoison }
            state = .discovered(seen)
            return .wait

        case (.committed, .moved):
            state = .archived
            return .forget
        case (.committed(let destination), _):
            // Until it is moved, a committed file is only ever moved again, never reloaded.
            return .move(destination)

        case (.archived, _):
            return .forget
        default:
            return .wait
        }
    }
}
