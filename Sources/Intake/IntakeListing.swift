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
