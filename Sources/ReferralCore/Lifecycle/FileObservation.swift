/// What one poll saw of a file in `incoming/`: its size and modification time.
public struct FileObservation: Equatable, Sendable {
    public var size: Int64
    /// Seconds since the epoch.
    public var modified: Double

    public init(size: Int64, modified: Double) {
        self.size = size
        self.modified = modified
    }
}
