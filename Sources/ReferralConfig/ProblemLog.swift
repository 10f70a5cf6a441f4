import Synchronization

/// Where strict decoding records a problem and carries on instead of stopping at it, while a
/// `ConfigCheck` runs (`ProblemLog.current` is set only then); ordinary loading stops at the first.
final class ProblemLog: Sendable {
    @TaskLocal static var current: ProblemLog?

    private let entries = Mutex<[ConfigError]>([])

    func record(_ problem: ConfigError) {
        entries.withLock { $0.append(problem) }
    }

    var problems: [ConfigError] { entries.withLock { $0 } }
}
