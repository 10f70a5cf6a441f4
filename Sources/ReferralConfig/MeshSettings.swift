import Foundation

/// The top-level `mesh:` section (intake.md): one connection to the MESH environment shared by
/// every partner whose intake is `mesh`. The secrets are named by file (systemd credentials);
/// the configuration never holds one.
public struct MeshSettings: Sendable, Equatable {
    /// The environment's base URL; `https://` only.
    public var url: String
    public var passwordFile: String
    public var sharedKeyFile: String
    public var clientCertificate: String
    public var clientKey: String
    public var caCertificate: String
    public var pollInterval: Duration = .seconds(300)

    static let keys: Set<String> = [
        "url", "password_file", "shared_key_file", "client_certificate", "client_key", "ca_certificate", "poll_interval",
    ]

    init(_ node: StrictNode) throws(ConfigError) {
        let f = try node.fields(Self.keys)
        func path(_ key: String) throws(ConfigError) -> String {
            guard let n = f[key] else { throw node.error("missing key '\(key)'") }
            let value = try n.string()
            guard value.hasPrefix("/") else { throw n.error("expected an absolute path") }
            return value
        }
        guard let urlNode = f["url"] else { throw node.error("missing key 'url'") }
        url = try urlNode.string()
        guard url.hasPrefix("https://"), url.count > "https://".count, !url.contains(" ") else {
            throw urlNode.error("expected an https:// URL (MESH is mutual TLS; never plain HTTP)")
        }
        passwordFile = try path("password_file")
        sharedKeyFile = try path("shared_key_file")
        clientCertificate = try path("client_certificate")
        clientKey = try path("client_key")
        caCertificate = try path("ca_certificate")
        if let n = f["poll_interval"] { pollInterval = try n.duration(in: .milliseconds(100)...(.seconds(86_400))) }
    }
}

/// A partner's `intake: { mesh: … }`: the council's mailbox it sends to, and which sender
/// mailboxes and workflow ids are accepted from it.
public struct MeshIntakeSettings: Sendable, Equatable {
    public var mailbox: String
    public var from: [String]
    public var workflowIDs: [String]
    public var reportBack = false
    public var reportWorkflowID: String?

    static let keys: Set<String> = ["mailbox", "from", "workflow_ids", "report_back", "report_workflow_id"]

    /// The workflow id of the reply to a message of `workflowID`.
    public func replyWorkflow(for workflowID: String) -> String { reportWorkflowID ?? workflowID + "_ACK" }

    init(_ node: StrictNode) throws(ConfigError) {
        let f = try node.fields(Self.keys)
        guard let mailboxNode = f["mailbox"] else { throw node.error("missing key 'mailbox'") }
        mailbox = try Self.identifier(mailboxNode, what: "a mailbox id")
        guard let fromNode = f["from"] else { throw node.error("missing key 'from' (the partner mailboxes accepted)") }
        from = try Self.list(fromNode, what: "a mailbox id")
        guard let workflowNode = f["workflow_ids"] else { throw node.error("missing key 'workflow_ids' (the workflow ids accepted)") }
        workflowIDs = try Self.list(workflowNode, what: "a workflow id")
        if let n = f["report_back"] { reportBack = try n.bool() }
        if let n = f["report_workflow_id"] { reportWorkflowID = try Self.identifier(n, what: "a workflow id") }
    }

    private static func list(_ node: StrictNode, what: String) throws(ConfigError) -> [String] {
        var values: [String] = []
        for item in try node.sequence() { values.append(try identifier(item, what: what)) }
        guard !values.isEmpty else { throw node.error("at least one \(what)") }
        return values
    }

    /// Upper-case letters, digits, `_` and `-`, 1 to 64 characters (as MESH spells them).
    private static func identifier(_ node: StrictNode, what: String) throws(ConfigError) -> String {
        let value = try node.string()
        let ok = !value.isEmpty && value.utf8.count <= 64
            && value.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
        guard ok else { throw node.error("expected \(what): upper-case letters, digits, '_' or '-'") }
        return value
    }
}
