/// How an intake's item ended, as far as its intake cares: what to do with the original.
public enum ItemOutcome: String, Equatable, Sendable {
    /// Loaded, or recognised as a duplicate: the original is kept as processed.
    case loaded
    /// Refused whole: the original is kept as rejected, with the reason beside it.
    case refused
}
