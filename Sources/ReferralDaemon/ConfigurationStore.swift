import ReferralConfig
import Synchronization

/// The configuration in force; `SIGHUP` swaps it for a newly loaded one.
public final class ConfigurationStore: Sendable {
    private let current: Mutex<Configuration>
    private let replaced = Atomic<Int>(0)
    public let path: String

    public init(_ configuration: Configuration, path: String) {
        current = Mutex(configuration)
        self.path = path
    }

    public var configuration: Configuration { current.withLock { $0 } }

    public func replace(with configuration: Configuration) {
        current.withLock { $0 = configuration }
        replaced.add(1, ordering: .releasing)
    }

    /// How many times the configuration was replaced (a reload, even to the same content).
    public var generation: Int { replaced.load(ordering: .acquiring) }
}

/// Set once when the daemon should stop claiming files; read from the work loop.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { flag.load(ordering: .acquiring) }
    public func set() { flag.store(true, ordering: .releasing) }
}

/// Thrown from a loading file's progress callback when the daemon is stopping: the
/// transaction rolls back and the file stays in `incoming/`.
public struct StopRequested: Error {}
