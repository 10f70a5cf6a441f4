/// Why a MESH request failed, sorted the way the intake must react (intake.md, "Outage").
///
/// No case carries a secret, a header value or message content: only constant reasons,
/// HTTP statuses, and the paths of files the operator configured.
public enum MeshError: Error, Equatable, Sendable, CustomStringConvertible {
    /// MESH unreachable, a 5xx or a 429: wait and try again.
    case unavailable(reason: String)
    /// 401 or 403: the mailbox, password or shared key is wrong; a configuration error.
    case unauthorised(status: Int)
    /// The server's certificate does not verify against the configured CA.
    case certificate
    /// A credential or certificate file cannot be used (`what` names it, `path` is its path).
    case credential(what: String, path: String)
    /// Any other unexpected HTTP status for `operation`.
    case http(operation: String, status: Int)
    /// The server answered something the API does not allow (`detail` is a constant).
    case protocolViolation(detail: String)
    /// The transfer was stopped by the caller (a graceful shutdown).
    case stopped
    /// The local sink (the spool file) failed while writing.
    case sink(errno: Int32)

    public var description: String {
        switch self {
        case .unavailable(let reason): "mesh unavailable reason=\(reason)"
        case .unauthorised(let status): "mesh refused the mailbox's credentials status=\(status)"
        case .certificate: "mesh server certificate does not verify"
        case .credential(let what, let path): "mesh \(what) unusable path=\(path)"
        case .http(let operation, let status): "mesh \(operation) failed status=\(status)"
        case .protocolViolation(let detail): "mesh protocol violation: \(detail)"
        case .stopped: "mesh transfer stopped"
        case .sink(let code): "mesh spool write failed errno=\(code)"
        }
    }

    /// A configuration error (intake.md): the intake waits for a reload rather than retrying.
    public var needsReload: Bool {
        switch self {
        case .unauthorised, .certificate, .credential: true
        default: false
        }
    }

    /// The `reason=` word for log lines.
    public var reason: String {
        switch self {
        case .unavailable(let reason): reason
        case .unauthorised(let status): "http_\(status)"
        case .certificate: "certificate"
        case .credential(let what, _): what.replacingOccurrences(of: " ", with: "_")
        case .http(_, let status): "http_\(status)"
        case .protocolViolation: "protocol"
        case .stopped: "stopped"
        case .sink: "spool"
        }
    }
}
