import Foundation

/// A client of the public MESH API (version 2) for one mailbox: handshake, inbox listing with
/// paging, download of single and chunked messages, acknowledgement, and sending.
///
/// Every request is mutual TLS (`CurlTransfer`) and carries a fresh `NHSMESH` authorisation
/// (a new nonce each time). Calls block; run them off the cooperative pool.
public struct MeshClient: Sendable {
    public let endpoint: MeshEndpoint
    private let secrets: MeshSecrets
    private let clientVersion: String
    private let now: @Sendable () -> Date
    /// Ids per inbox page (the API takes 10 to 500 here).
    private let pageSize: Int
    /// libcurl handles kept between requests (keep-alive, TLS session reuse).
    private let handles = CurlHandles()
    /// Whether downloads ask for gzip (`Accept-Encoding: gzip`); off by default: a server then
    /// compressing every chunk on the fly costs more than it saves on loopback or a LAN. A
    /// chunk that arrives gzip encoded is decoded either way.
    private let acceptsGzip: Bool

    public init(
        endpoint: MeshEndpoint, secrets: MeshSecrets, clientVersion: String, pageSize: Int = 500,
        acceptsGzip: Bool = false, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.acceptsGzip = acceptsGzip
        self.endpoint = endpoint
        self.secrets = secrets
        self.clientVersion = clientVersion
        self.pageSize = min(max(pageSize, 10), 500)
        self.now = now
    }

    /// How many connections (TCP and TLS handshakes) this client's requests have opened: one
    /// while the server keeps the connection alive between them.
    public var connectionsOpened: Int { handles.connectionsOpened }

    /// Validates the mailbox (`POST /messageexchange/<mailbox>`): at start and every 24 h.
    public func handshake() throws(MeshError) {
        var uts = utsname()
        uname(&uts)
        let release = withUnsafeBytes(of: uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let response = try request("POST", endpoint.mailboxURL, extra: [
            "mex-ClientVersion: referrald/\(clientVersion)", "mex-OSName: Linux", "mex-OSVersion: \(release)",
        ], body: Data())
        try expect(response, operation: "handshake", [200])
    }

    /// Every message id in the inbox, following the `links.next` pages (500 ids at most each).
    public func inbox() throws(MeshError) -> MeshInbox {
        var ids: [String] = []
        var approximate = 0
        var next: String? = "\(endpoint.mailboxURL)/inbox?max_results=\(pageSize)"
        var pages = 0
        while let url = next, pages < 10_000 {
            pages += 1
            var body = Data()
            let response = try request("GET", url, sink: { body.append(contentsOf: $0) })
            try expect(response, operation: "inbox", [200])
            guard let page = try? JSONDecoder().decode(InboxPage.self, from: body) else {
                throw .protocolViolation(detail: "inbox json")
            }
            guard page.messages.allSatisfy(MeshMessageInfo.isValidID) else { throw .protocolViolation(detail: "message id") }
            ids += page.messages
            approximate = page.approx_inbox_count ?? ids.count
            next = try page.links?.next.map(resolve)
            if page.messages.isEmpty { break }
        }
        return MeshInbox(messageIDs: ids, approximateCount: max(approximate, ids.count))
    }

    /// The message's metadata without its content (`HEAD`).
    public func head(_ messageID: String) throws(MeshError) -> MeshMessageInfo {
        try checkID(messageID)
        let response = try request("HEAD", "\(endpoint.mailboxURL)/inbox/\(messageID)")
        try expect(response, operation: "head", [200])
        return try MeshMessageInfo(messageID: messageID, headers: response.headers)
    }

    /// Downloads the whole message, chunk after chunk in order, into `sink`; a chunk sent gzip
    /// encoded is decoded (each chunk its own gzip member).
    /// `stop` is polled during transfers (a graceful shutdown ends the download with `.stopped`).
    public func download(
        _ messageID: String, stop: @escaping @Sendable () -> Bool = { false },
        into sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws(MeshError) -> MeshMessageInfo {
        try checkID(messageID)
        let first = try request("GET", "\(endpoint.mailboxURL)/inbox/\(messageID)", decode: true, stop: stop, sink: sink)
        try expect(first, operation: "download", [200, 206])
        let info = try MeshMessageInfo(messageID: messageID, headers: first.headers)
        if info.totalChunks > 1 {
            for chunk in 2...info.totalChunks {
                let response = try request("GET", "\(endpoint.mailboxURL)/inbox/\(messageID)/\(chunk)", decode: true, stop: stop, sink: sink)
                try expect(response, operation: "download", [200, 206])
                guard response.headers["mex-chunk-range"] == "\(chunk):\(info.totalChunks)" else {
                    throw .protocolViolation(detail: "chunk out of order")
                }
            }
        }
        return info
    }

    /// `PUT …/inbox/<id>/status/acknowledged`: MESH drops the message from the inbox.
    public func acknowledge(_ messageID: String) throws(MeshError) {
        try checkID(messageID)
        let response = try request("PUT", "\(endpoint.mailboxURL)/inbox/\(messageID)/status/acknowledged", body: Data())
        try expect(response, operation: "acknowledge", [200, 204])
    }

    /// Sends `body` as one message to `recipient`; returns the new message id.
    public func send(to recipient: String, workflowID: String, filename: String, body: Data) throws(MeshError) -> String {
        var answer = Data()
        let response = try request("POST", "\(endpoint.mailboxURL)/outbox", extra: [
            "mex-To: \(recipient)", "mex-WorkflowID: \(workflowID)", "mex-FileName: \(filename)",
            "mex-Chunk-Range: 1:1", "Content-Type: application/octet-stream",
        ], body: body, sink: { answer.append(contentsOf: $0) })
        try expect(response, operation: "send", [200, 202])
        guard let sent = try? JSONDecoder().decode(SendAnswer.self, from: answer), MeshMessageInfo.isValidID(sent.message_id) else {
            throw .protocolViolation(detail: "send json")
        }
        return sent.message_id
    }

    // MARK: - plumbing

    private func request(
        _ method: String, _ url: String, extra: [String] = [], body: Data? = nil, decode: Bool = false,
        stop: @escaping @Sendable () -> Bool = { false },
        sink: @escaping (UnsafeRawBufferPointer) throws -> Void = { _ in }
    ) throws(MeshError) -> CurlTransfer.Response {
        let authorization = MeshAuthorization.header(
            mailbox: endpoint.mailbox, password: secrets.password, sharedKey: secrets.sharedKey,
            nonce: UUID().uuidString, now: now())
        let headers = ["Authorization: \(authorization)", "Accept: application/vnd.mesh.v2+json", "Expect:"] + extra
        return try CurlTransfer(endpoint: endpoint, handles: handles).perform(
            method: method, url: url, headers: headers, body: body, decoding: decode ? (acceptsGzip ? "gzip" : "identity") : nil,
            stop: stop, sink: sink)
    }

    private func expect(_ response: CurlTransfer.Response, operation: String, _ allowed: Set<Int>) throws(MeshError) {
        if allowed.contains(response.status) { return }
        switch response.status {
        case 401, 403: throw .unauthorised(status: response.status)
        case 429, 500...599: throw .unavailable(reason: "http_\(response.status)")
        default: throw .http(operation: operation, status: response.status)
        }
    }

    private func checkID(_ id: String) throws(MeshError) {
        guard MeshMessageInfo.isValidID(id) else { throw .protocolViolation(detail: "message id") }
    }

    /// A `links.next` of the inbox: a path on the same server, or an absolute URL on it (never
    /// another host, which would get our authorisation header).
    private func resolve(_ link: String) throws(MeshError) -> String {
        if link.hasPrefix(endpoint.baseURL + "/") { return link }
        guard link.hasPrefix("/"), !link.hasPrefix("//") else { throw .protocolViolation(detail: "inbox link") }
        return endpoint.baseURL + link
    }

    private struct InboxPage: Decodable {
        struct Links: Decodable { var next: String? }
        var messages: [String]
        var approx_inbox_count: Int?
        var links: Links?
    }

    private struct SendAnswer: Decodable { var message_id: String }
}
