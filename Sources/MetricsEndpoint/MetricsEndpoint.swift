import Foundation
import Logging
import ReferralConfig
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The Prometheus scrape endpoint: a minimal HTTP/1.1 responder on a loopback address, one
/// connection at a time on its own thread. `GET /metrics` (or `HEAD`) answers 200 with the text
/// format; any other path 404, any other method 405; then the connection is closed.
///
/// One GET needs no HTTP framework: a NIO server would add minutes to every build and far more
/// code facing the socket than this. Bounded: a request (line and headers) over 8 KiB is refused
/// with 431, a client gets 2 s to send it and 5 s to take the answer. The thread wakes every
/// 250 ms to notice shutdown, also with a client in hand, so SIGTERM is never held up. A port
/// that cannot be bound is logged once and retried every 10 s: the daemon goes on loading files
/// (a missing scrape target is what Prometheus's own `up` reports).
public final class MetricsEndpoint: Service, Sendable {
    let settings: MetricsSettings
    let logger: Logger
    let body: @Sendable () -> [UInt8]
    private let stop = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)
    private let bound = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)

    /// How long to wait before binding again after a failure.
    let retrySeconds: Double

    static let maxRequest = 8192
    static let readTimeoutMs = 2000
    static let writeTimeoutMs = 5000

    /// `body` gives the metrics in the Prometheus text format, once per scrape.
    public init(settings: MetricsSettings, logger: Logger, retrySeconds: Double = 10, body: @escaping @Sendable () -> [UInt8]) {
        self.settings = settings
        self.logger = logger
        self.retrySeconds = retrySeconds
        self.body = body
    }

    /// True once the socket is listening.
    public var isListening: Bool { bound.load(ordering: .acquiring) }

    /// Serves until a graceful shutdown, then waits for the thread to close the socket.
    public func run() async throws {
        start()
        try? await gracefulShutdown()
        stop.store(true, ordering: .releasing)
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Starts serving on the endpoint's own thread (once; later calls do nothing).
    public func start() {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let thread = Thread { [self] in
            serve()
            finished.store(true, ordering: .releasing)
        }
        thread.name = "referrald-metrics"
        thread.start()
    }

    /// Stops serving and blocks until the thread has closed the socket.
    public func stopAndWait() {
        stop.store(true, ordering: .releasing)
        while started.load(ordering: .acquiring) && !finished.load(ordering: .acquiring) { usleep(5_000) }
    }

    private func serve() {
        var listener: Int32 = -1
        var lastAttempt = -Double.infinity
        var reportedFailure = false
        defer { if listener >= 0 { close(listener) } }
        while !stop.load(ordering: .acquiring) {
            if listener < 0 {
                let now = Date().timeIntervalSince1970
                guard now - lastAttempt >= retrySeconds else { usleep(250_000); continue }
                lastAttempt = now
                switch LoopbackSocket.open(settings) {
                case .success(let fd):
                    listener = fd
                    bound.store(true, ordering: .releasing)
                    logger.notice("metrics endpoint listening", metadata: ["metrics.listen": "\(settings.listen)"])
                case .failure(let error):
                    if !reportedFailure {
                        logger.error("metrics endpoint cannot listen", metadata: [
                            "metrics.listen": "\(settings.listen)", "reason": "\(error)", "retry.seconds": "\(Int(retrySeconds))"])
                        reportedFailure = true
                    }
                    continue
                }
            }
            var pfd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 250) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)  // the daemon runs no child, but keep it tidy
            respond(on: client)
            close(client)
        }
    }

    /// Reads one request (bounded in size and time) and writes the answer.
    private func respond(on client: Int32) {
        guard let request = HTTPRequestHead.read(from: client, limit: Self.maxRequest, timeoutMs: Self.readTimeoutMs, cancelled: { stop.load(ordering: .acquiring) }) else { return }
        let (status, payload, extra): (String, [UInt8], String)
        switch request {
        case .tooLarge:
            (status, payload, extra) = ("431 Request Header Fields Too Large", Array("request too large\n".utf8), "")
        case .malformed:
            (status, payload, extra) = ("400 Bad Request", Array("bad request\n".utf8), "")
        case .request(let method, let path):
            if path != "/metrics" {
                (status, payload, extra) = ("404 Not Found", Array("not found; metrics are at /metrics\n".utf8), "")
            } else if method != "GET" && method != "HEAD" {
                (status, payload, extra) = ("405 Method Not Allowed", Array("method not allowed\n".utf8), "Allow: GET, HEAD\r\n")
            } else {
                let metrics = body()
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                    + "Content-Length: \(metrics.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
                _ = HTTPRequestHead.write(Array(head.utf8) + (method == "HEAD" ? [] : metrics), to: client, timeoutMs: Self.writeTimeoutMs, cancelled: { stop.load(ordering: .acquiring) })
                return
            }
        }
        let head = "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\n\(extra)"
            + "Content-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        _ = HTTPRequestHead.write(Array(head.utf8) + payload, to: client, timeoutMs: Self.writeTimeoutMs, cancelled: { stop.load(ordering: .acquiring) })
    }
}
