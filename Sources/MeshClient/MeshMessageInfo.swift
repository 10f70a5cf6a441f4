/// What the MESH API says about one inbox message, from its `mex-*` response headers.
/// `filename` is the sender's: sanitise it before it names anything.
public struct MeshMessageInfo: Sendable, Equatable {
    public var messageID: String
    public var from: String
    public var to: String
    public var workflowID: String
    public var filename: String
    public var messageType: String
    /// N of `mex-chunk-range: 1:N` (1 when absent).
    public var totalChunks: Int

    init(messageID: String, headers: [String: String]) throws(MeshError) {
        self.messageID = messageID
        from = headers["mex-from"] ?? ""
        to = headers["mex-to"] ?? ""
        workflowID = headers["mex-workflowid"] ?? ""
        filename = headers["mex-filename"] ?? ""
        messageType = (headers["mex-messagetype"] ?? "DATA").uppercased()
        totalChunks = 1
        if let range = headers["mex-chunk-range"], !range.isEmpty {
            let parts = range.split(separator: ":")
            guard parts.count == 2, let total = Int(parts[1]), total >= 1, total <= 100_000 else {
                throw .protocolViolation(detail: "mex-chunk-range")
            }
            totalChunks = total
        }
    }

    /// True for a message id the API could have issued: letters, digits, `_` and `-`, at most
    /// 100; anything else never reaches a URL or a file name.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D }
    }
}

/// One listing of the inbox: every message id (all pages) and the server's approximate count.
public struct MeshInbox: Sendable, Equatable {
    public var messageIDs: [String]
    public var approximateCount: Int
}
