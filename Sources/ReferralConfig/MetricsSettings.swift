/// The `metrics:` section: where the Prometheus endpoint listens. Absent means no endpoint.
///
/// Only a loopback address is accepted (`127.0.0.0/8` or `[::1]`, with a port): the daemon
/// handles data about children, so its endpoint is never exposed beyond the host; a scraper or
/// a reverse proxy on the host reaches it there.
public struct MetricsSettings: Sendable, Equatable {
    public enum Family: Sendable, Equatable { case ipv4, ipv6 }

    /// As written, e.g. `127.0.0.1:9464`.
    public var listen: String
    /// The address without brackets, e.g. `127.0.0.1` or `::1`.
    public var host: String
    public var port: UInt16
    public var family: Family

    static let keys: Set<String> = ["listen"]

    init(_ node: StrictNode) throws(ConfigError) {
        let f = try node.fields(Self.keys)
        guard let listenNode = f["listen"] else { throw node.error("missing key 'listen'") }
        guard let settings = Self(listen: try listenNode.string()) else {
            throw listenNode.error("expected a loopback address and port: 127.0.0.1:9464 or [::1]:9464 (the endpoint is never exposed beyond this host)")
        }
        self = settings
    }

    /// Settings for `listen`, or nil when it is not a loopback address with a port.
    public init?(listen: String) {
        guard let parsed = Self.parse(listen) else { return nil }
        self.listen = listen
        (host, port, family) = parsed
    }

    /// `127.x.y.z:port` or `[::1]:port` with a port 1…65535; nil for anything else.
    static func parse(_ text: String) -> (String, UInt16, Family)? {
        let host: String, portText: Substring, family: Family
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
            guard host == "::1" else { return nil }
            family = .ipv6
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ UInt8($0).map(String.init) == String($0) }),
                  octets[0] == "127" else { return nil }
            family = .ipv4
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = UInt16(portText), port > 0 else { return nil }
        return (host, port, family)
    }
}
