/// What one poll saw of an intake's item: its size and modification time (an item that is
/// complete when listed, such as a MESH message, is seen with `modified` 0).
public struct FileObservation: Equatable, Sendable {
    public var size: Int64
    /// Seconds since the epoch.
    public var modified: Double

    public init(size: Int64, modified: Double) {
        self.size = size
        self.modified = modified
    }
}
