import ReferralCore

/// Chooses the `RowSource` that reads an item's bytes for a partner's profile: the one place a
/// format is picked (the profile's `format`, and `auto` by the bytes' signature, once there is
/// more than CSV). Throws `FileRefusal` when the bytes cannot be read in the chosen format.
public enum RowSources {
    /// A `RowSources.open`-shaped chooser; `FileJob` takes one so tests can bring their own format.
    public typealias Chooser = (any RandomAccessBytes, PartnerProfile) throws -> any RowSource

    /// The rows of `bytes` as the profile says to read them, from the start.
    public static func open(_ bytes: any RandomAccessBytes, profile: PartnerProfile) throws -> any RowSource {
        CSVRowSource(bytes: bytes.byteSource(), profile: profile)
    }
}
