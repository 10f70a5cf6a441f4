import Foundation
import Logging
import ReferralConfig
import ReferralDaemon
import ServiceLifecycle
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The scrape endpoint over real loopback sockets, in a real `ServiceGroup`.
@Suite("Metrics endpoint", .serialized)
struct MetricsEndpointTests {
    static let body = "referrald_files_total{partner=\"acme\",status=\"loaded\"} 3\n"

    /// Runs an endpoint on a free port until `body` returns, then shuts it down gracefully and
    /// returns the seconds the shutdown took.
    @discardableResult
    static func withEndpoint(
        port: UInt16? = nil, retrySeconds: Double = 10, _ body: (UInt16, MetricsEndpoint) async throws -> Void
    ) async throws -> Double {
        let port = try port ?? LoopbackHTTP.freePort()
        let settings = try #require(MetricsSettings(listen: "127.0.0.1:\(port)"))
        let endpoint = MetricsEndpoint(settings: settings, logger: Logger(label: "test"), retrySeconds: retrySeconds) {
            Array(Self.body.utf8)
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: endpoint)], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        let running = Task { try await group.run() }
        try await body(port, endpoint)
        let start = ContinuousClock.now
        await group.triggerGracefulShutdown()
        try await running.value
        let took = ContinuousClock.now - start
        return Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
    }

    static func waitListening(_ endpoint: MetricsEndpoint, timeout: Double = 5) async -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while !endpoint.isListening && Date() < end { try? await Task.sleep(for: .milliseconds(20)) }
        return endpoint.isListening
    }

    @Test func getMetricsAnswersTheTextFormat() async throws {
        try await Self.withEndpoint { port, endpoint in
            #expect(await Self.waitListening(endpoint))
            let response = try LoopbackHTTP.get(port: port)
            #expect(response.status == 200)
            #expect(response.head.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"))
            #expect(response.head.contains("Content-Length: \(Self.body.utf8.count)"))
            #expect(response.body == Self.body)
            // A query string is ignored; HEAD has the head only.
            #expect(try LoopbackHTTP.get(port: port, "/metrics?x=1").body == Self.body)
            let head = try LoopbackHTTP.get(port: port, method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
        }
    }

    @Test func otherPathsMethodsAndGarbageAreRefused() async throws {
        try await Self.withEndpoint { port, endpoint in
            #expect(await Self.waitListening(endpoint))
            #expect(try LoopbackHTTP.get(port: port, "/").status == 404)
            #expect(try LoopbackHTTP.get(port: port, "/metrics/../etc/passwd").status == 404)
            let post = try LoopbackHTTP.get(port: port, method: "POST")
            #expect(post.status == 405)
            #expect(post.head.contains("Allow: GET, HEAD"))
            #expect(try LoopbackHTTP.exchange(port: port, "hello\r\n\r\n").status == 400)
            #expect(try LoopbackHTTP.exchange(port: port, "GET /metrics SPDY/3\r\n\r\n").status == 400)
            let huge = "GET /metrics HTTP/1.1\r\nX-Padding: " + String(repeating: "a", count: 10_000) + "\r\n\r\n"
            #expect(try LoopbackHTTP.exchange(port: port, huge).status == 431)
            // Still serving after all that.
            #expect(try LoopbackHTTP.get(port: port).status == 200)
        }
    }

    /// A client that connects and says nothing is dropped after 2 s; the next one is served, and
    /// shutdown is not held up by it.
    @Test func aSilentClientHoldsNothingUpForLong() async throws {
        let shutdown = try await Self.withEndpoint { port, endpoint in
            #expect(await Self.waitListening(endpoint))
            let silent = try #require(LoopbackHTTP.connect(port: port))
            defer { close(silent) }
            let start = Date()
            #expect(try LoopbackHTTP.get(port: port).status == 200)
            #expect(Date().timeIntervalSince(start) < 3.5)
            // The silent one was closed without an answer.
            var byte: UInt8 = 0
            #expect(recv(silent, &byte, 1, 0) == 0)
            _ = try #require(LoopbackHTTP.connect(port: port))  // another silent one, left open
        }
        #expect(shutdown < 1)
    }

    @Test func shutdownIsPromptAndClosesThePort() async throws {
        var port: UInt16 = 0
        let shutdown = try await Self.withEndpoint { p, endpoint in
            port = p
            #expect(await Self.waitListening(endpoint))
        }
        #expect(shutdown < 1)
        #expect(LoopbackHTTP.connect(port: port) == nil)
    }

    /// A port already taken is not fatal: the endpoint binds when it is free again.
    @Test func aTakenPortIsRetried() async throws {
        let port = try LoopbackHTTP.freePort()
        let blocker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(blocker, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(blocker, 1) == 0)
        try await Self.withEndpoint(port: port, retrySeconds: 0.5) { port, endpoint in
            try await Task.sleep(for: .milliseconds(700))
            #expect(!endpoint.isListening)
            close(blocker)
            #expect(await Self.waitListening(endpoint, timeout: 3))
            #expect(try LoopbackHTTP.get(port: port).body == Self.body)
        }
    }
}
