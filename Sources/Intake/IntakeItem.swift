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
