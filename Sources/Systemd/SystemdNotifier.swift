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
        _ = UnixDatagram.send(Array(message.utf8), to: socketPath)
    }
}
