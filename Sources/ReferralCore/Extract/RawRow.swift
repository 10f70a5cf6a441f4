/// A row's values by standard field, decoded to text but not yet validated.
///
/// An absent column and an empty cell both read as `nil`.
public struct RawRow: Sendable, Equatable {
    private var storage: [String?]

    public init() {
        storage = Array(repeating: nil, count: StandardField.allCases.count)
    }

    public subscript(field: StandardField) -> String? {
        get { storage[field.ordinal] }
        set { storage[field.ordinal] = newValue }
    }

    /// Empties every field, keeping the storage.
    public mutating func removeAll() {
        for i in storage.indices { storage[i] = nil }
    }
}
