/// Why the current row of a `RowSource` cannot be read; refused as `row.malformed`.
public struct RowMalformation: Sendable, Equatable {
    /// The 0-based field it concerns, or `nil` for the whole row.
    public var field: Int?
    /// For people; never a value from the file.
    public var message: String

    public init(field: Int?, message: String) {
        self.field = field
        self.message = message
    }
}
