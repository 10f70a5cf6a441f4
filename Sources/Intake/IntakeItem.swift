import ReferralCore

/// One thing an intake offers: a file in `incoming/`, a MESH message.
public struct IntakeItem: Sendable, Equatable {
    /// Stable across polls, unique within the intake: the file name, the MESH message id.
    public var id: String
    /// The name the ledger, reports and archive use (a MESH message's `mex-filename`, sanitised).
    public var name: String
    /// What the poll saw (a complete-when-listed item is seen with `modified` 0).
    public var observation: FileObservation
    /// The route's own identity of the item, carried onto the ledger row (a MESH message id and
    /// sender); `nil` for a dropped file.
    public var externalID: String?

    public init(id: String, name: String, observation: FileObservation, externalID: String? = nil) {
        self.id = id
        self.name = name
        self.observation = observation
        self.externalID = externalID
    }
}

/// What an intake's poll found.
public struct IntakeListing: Sendable, Equatable {
    public struct Skipped: Sendable, Equatable {
        /// The entry's name (shown sanitised).
        public var name: String
        /// Why it is never handed over, e.g. `a symbolic link (never followed)`.
        public var reason: String

        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    public var items: [IntakeItem]
    public var skipped: [Skipped]

    public init(items: [IntakeItem] = [], skipped: [Skipped] = []) {
        self.items = items
        self.skipped = skipped
    }
}

/// Where an intake keeps an original after its commit.
public struct ArchivedItem: Sendable, Equatable {
    /// The name it is kept under (a taken name gets a numeric suffix).
    public var name: String
    /// The directory it is kept in, where a refused item's `<name>.report.txt` goes beside it.
    public var directory: String
    /// `processed` or `rejected`, for log lines.
    public var place: String

    public init(name: String, directory: String, place: String) {
        self.name = name
        self.directory = directory
        self.place = place
    }
}

/// Why an item cannot be handed over; nothing was recorded (exit 65 for the commands).
public enum IntakeError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let why): why
        }
    }
}
