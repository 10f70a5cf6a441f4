/// What is known of a file before it is read: who sent it, its name, size and hash.
public struct FileReceipt: Sendable, Equatable {
    /// The partner is the drop directory, never anything inside the file.
    public var partner: String
    /// The file's name as received (shown to people sanitised of control characters).
    public var fileName: String
    public var bytes: Int64
    /// Lower-case hex SHA-256 of the whole file.
    public var sha256: String
    /// The route's own identity of the file (a MESH message id and sender), from its intake;
    /// `nil` for a dropped file. Not stored yet: the ledger gains its column with the MESH intake.
    public var externalID: String?

    public init(partner: String, fileName: String, bytes: Int64, sha256: String, externalID: String? = nil) {
        self.partner = partner
        self.fileName = fileName
        self.bytes = bytes
        self.sha256 = sha256
        self.externalID = externalID
    }
}
