import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Speaks systemd's notify protocol over `$NOTIFY_SOCKET` directly (no libsystemd): `READY=1`,
/// `STATUS=…`, `WATCHDOG=1`, `STOPPING=1`. Path and abstract (`@…`) sockets are supported.
///
/// Without `$NOTIFY_SOCKET` every call does nothing. Watchdog pings are rate-limited to half of
/// `$WATCHDOG_USEC`, so the work loop may call `watchdog()` as often as it likes.
public final class SystemdNotifier: @unchecked Sendable {
    private let socketPath: String?
    private let watchdogInterval: Double?
    private let lock = NSLock()
    private var lastPing = 0.0
    private var lastStatus = ""

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(Double.init), usec > 0,
           environment["WATCHDOG_PID"].map({ Int32($0) == getpid() }) ?? true {
            watchdogInterval = usec / 1e6
        } else {
            watchdogInterval = nil
        }
    }

    public var isActive: Bool { socketPath != nil }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }

    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }

    /// Sets the status line (`idle; 3 files today`, `loading police/may.csv`); repeats are not resent.
    public func status(_ text: String) {
        let changed = lock.withLock {
            guard text != lastStatus else { return false }
            lastStatus = text
            return true
        }
        if changed { send("STATUS=\(text)") }
    }

    /// `WATCHDOG=1`, at most every half watchdog interval.
    public func watchdog() {
        guard let interval = watchdogInterval else { return }
        let now = Date().timeIntervalSince1970
        let due = lock.withLock {
            guard now - lastPing >= interval / 2 else { return false }
            lastPing = now
            return true
        }
        if due { send("WATCHDOG=1") }
    }

    private func send(_ message: String) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        // Never block the work loop on a slow reader: a full queue drops the message.
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL), sa, length) }
            }
        }
    }
}
