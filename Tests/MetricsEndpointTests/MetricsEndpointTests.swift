import Foundation
import Logging
import ReferralConfig
import MetricsEndpoint
import ServiceLifecycle
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The scrape endpoint over real loopback sockets. The endpoint serves on its own thread; these
/// tests start and stop it directly, so their timings do not depend on the test runner's
/// concurrency pool (other suites block it); one test runs it in a real `ServiceGroup`.
@Suite("Metrics endpoint", .serialized)
struct MetricsEndpointTests {
    static let body = "referrald_files_total{partner=\"acme\",status=\"loaded\"} 3\n"

    static func endpoint(port: UInt16, retrySeconds: Double = 10) throws -> MetricsEndpoint {
        let settings = try #require(MetricsSettings(listen: "127.0.0.1:\(port)"))
        return MetricsEndpoint(settings: settings, logger: Logger(label: "test"), retrySeconds: retrySeconds) { Array(Self.body.utf8) }
    }

    /// Runs an endpoint on a free port (or `port`) until `body` returns, then stops it and
    /// returns the seconds stopping took.
    @discardableResult
    static func withEndpoint(port: UInt16? = nil, retrySeconds: Double = 10, _ body: (UInt16, MetricsEndpoint) throws -> Void) throws -> Double {
        let port = try port ?? LoopbackHTTP.freePort()
        let endpoint = try endpoint(port: port, retrySeconds: retrySeconds)
        endpoint.start()
        defer { endpoint.stopAndWait() }
        try body(port, endpoint)
        let start = Date()
        endpoint.stopAndWait()
        return Date().timeIntervalSince(start)
    }

    static func waitListening(_ endpoint: MetricsEndpoint, timeout: Double = 10) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while !endpoint.isListening && Date() < end { usleep(10_000) }
        return endpoint.isListening
    }

    @Test func getMetricsAnswersTheTextFormat() throws {
        try Self.withEndpoint { port, endpoint throws in
            #expect(Self.waitListening(endpoint))
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

    @Test func otherPathsMethodsAndGarbageAreRefused() throws {
        try Self.withEndpoint { port, endpoint throws in
            #expect(Self.waitListening(endpoint))
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
    @Test func aSilentClientHoldsNothingUpForLong() throws {
        let shutdown = try Self.withEndpoint { port, endpoint throws in
            #expect(Self.waitListening(endpoint))
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

    @Test func shutdownIsPromptAndClosesThePort() throws {
        var port: UInt16 = 0
        let shutdown = try Self.withEndpoint { p, endpoint in
            port = p
            #expect(Self.waitListening(endpoint))
        }
        #expect(shutdown < 1)
        #expect(LoopbackHTTP.connect(port: port) == nil)
    }

    /// As `run` uses it: a service in a `ServiceGroup`, stopped by a graceful shutdown.
    @Test func runsInAServiceGroupUntilGracefulShutdown() async throws {
        let port = try LoopbackHTTP.freePort()
        let endpoint = try Self.endpoint(port: port)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: endpoint)], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })))
        let running = Task { try await group.run() }
        #expect(Self.waitListening(endpoint, timeout: 60))
        #expect(try LoopbackHTTP.get(port: port).body == Self.body)
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(LoopbackHTTP.connect(port: port) == nil)
    }

    /// A port already taken is not fatal: the endpoint binds when it is free again.
    @Test func aTakenPortIsRetried() throws {
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
        try Self.withEndpoint(port: port, retrySeconds: 0.5) { port, endpoint throws in
            usleep(700_000)
            #expect(!endpoint.isListening)
            close(blocker)
            #expect(Self.waitListening(endpoint, timeout: 3))
            #expect(try LoopbackHTTP.get(port: port).body == Self.body)
        }
    }
}
