import Synchronization

/// One `KeyFilter` for the threads that check stretches of one file, behind a lock.
///
/// Keys arrive in no file order, so for a repeated key the one occurrence not flagged (the
/// first inserted) need not be the first in the file. To bound the second look for it, each
/// insert notes its thread's row, and a flagged insert returns every thread's last inserted
/// row: the unflagged occurrence of that key was inserted before, so it lies at or before those.
final class SharedKeyFilter: Sendable {
    private struct State {
        var keys: KeyFilter
        var progress: [Int]
    }

    private let state: Mutex<State>

    init(bitCount: Int, threads: Int) {
        state = Mutex(State(keys: KeyFilter(bitCount: bitCount), progress: Array(repeating: 0, count: threads)))
    }

    /// Adds the key of row `row` (counted from its stretch's start) read by thread `thread`: nil
    /// when certainly new, else each thread's last inserted row so far.
    func insert(_ key: String, thread: Int, row: Int) -> [Int]? {
        state.withLock { state in
            state.progress[thread] = row
            return state.keys.insert(key) ? state.progress : nil
        }
    }
}

/// One thread's view of a `SharedKeyFilter`.
struct SharedKeys: RowKeyFilter {
    let shared: SharedKeyFilter
    let thread: Int
    /// Every thread's last inserted row when this thread's last flagged row was inserted (empty: none flagged).
    private(set) var progressAtLastFlag: [Int] = []

    init(_ shared: SharedKeyFilter, thread: Int) {
        self.shared = shared
        self.thread = thread
    }

    mutating func insert(_ key: String, row: Int) -> Bool {
        guard let progress = shared.insert(key, thread: thread, row: row) else { return false }
        progressAtLastFlag = progress
        return true
    }
}
