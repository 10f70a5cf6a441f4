import CLibCurl
import Foundation

/// The libcurl easy handles of one `MeshClient`, kept between requests so that libcurl's
/// connection cache and TLS session cache work: the next request to the same server reuses the
/// open, verified connection (keep-alive) instead of a new TCP and TLS handshake. A request takes
/// a handle (a new one when all are in use, so requests never wait on each other) and gives it
/// back; `curl_easy_reset` clears every option before the next use but keeps the live
/// connections and the session ids.
final class CurlHandles: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []
    /// Handles kept idle at most (more are cleaned up when given back).
    private let keep: Int
    private var connections = 0

    /// New connections (TCP and TLS handshakes) the requests needed so far.
    var connectionsOpened: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections
    }

    /// Counts the connections a finished request had to open.
    func opened(_ count: Int) {
        lock.lock()
        connections += count
        lock.unlock()
    }

    init(keep: Int = 2) { self.keep = keep }

    /// An easy handle, reset; nil when libcurl cannot make one.
    func take() -> UnsafeMutableRawPointer? {
        lock.lock()
        let handle = idle.popLast()
        lock.unlock()
        if let handle {
            curl_easy_reset(handle)
            return handle
        }
        return curl_easy_init()
    }

    /// Returns `handle` for the next request; `reusable` false (a failed or stopped transfer)
    /// cleans it up with its connections instead.
    func give(_ handle: UnsafeMutableRawPointer, reusable: Bool) {
        lock.lock()
        let kept = reusable && idle.count < keep
        if kept { idle.append(handle) }
        lock.unlock()
        if !kept { curl_easy_cleanup(handle) }
    }

    deinit {
        for handle in idle { curl_easy_cleanup(handle) }
    }
}
