import Foundation
import PostgresLibPQ
import Synchronization

/// Lets a graceful stop interrupt a file's load wherever it is: in a long statement or waiting
/// for another instance's lock, where the stop flag is never read.
///
/// `FileJob` runs each load inside `during`; `stopLoading` (from the shutdown handler)
/// cancels the load's statement, again every 200 ms until the load has rolled back (a request
/// that falls between two statements is lost). A load that begins after the stop is cancelled
/// the same way.
final class LoadCancellation: Sendable {
    private struct State {
        var active: PostgresCanceller?
        var stopping = false
    }

    private let state = Mutex(State())

    /// Runs `body` (a load on the connection `canceller` belongs to) as the one that a stop cancels.
    func during<T>(_ canceller: PostgresCanceller?, _ body: () throws -> T) rethrows -> T {
        let stopping = state.withLock { state in
            state.active = canceller
            return state.stopping
        }
        defer { state.withLock { $0.active = nil } }
        if stopping { cancelUntilDone() }
        return try body()
    }

    /// Cancels the running load, if any, until it is over, and any load that begins later.
    /// Returns at once.
    func stopLoading() {
        let loading = state.withLock { state in
            state.stopping = true
            return state.active != nil
        }
        if loading { cancelUntilDone() }
    }

    private func cancelUntilDone() {
        Thread.detachNewThread { [self] in
            while let canceller = state.withLock({ $0.active }) {
                canceller.cancel()
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}
