/// One field's content as a `RowSource` reads it.
public enum FieldText: Sendable, Equatable {
    /// Nothing in the field.
    case empty
    case text(String)
    /// Not readable as text; `reason` completes "the field has …" (e.g. `bytes invalid in utf-8`).
    case unreadable(reason: String)
}
