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
