import Foundation
import PostgresLibPQ
import Synchronization

/// Lets a graceful stop interrupt a file's load wherever it is: in a long statement or waiting
/// for another instance's lock, where the stop flag is never read.
///
/// `FileProcessor` runs each load inside `during`; `stopLoading` (from the shutdown handler)
/// cancels the load's statement, again every 200 ms until the load has rolled back (a request
/// that falls between two statements is lost).
final class LoadCancellation: Sendable {
    private let active = Mutex<PostgresCanceller?>(nil)

    /// Runs `body` (a load on the connection `canceller` belongs to) as the one that a stop cancels.
    func during<T>(_ canceller: PostgresCanceller?, _ body: () throws -> T) rethrows -> T {
        active.withLock { $0 = canceller }
        defer { active.withLock { $0 = nil } }
        return try body()
    }

    /// Cancels the running load, if any, until it is over. Returns at once.
    func stopLoading() {
        guard active.withLock({ $0 }) != nil else { return }
        Thread.detachNewThread { [self] in
            while let canceller = active.withLock({ $0 }) {
                canceller.cancel()
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}
