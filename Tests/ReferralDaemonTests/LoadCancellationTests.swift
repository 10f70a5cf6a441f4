import Foundation
import PostgresLibPQ
@testable import ReferralDaemon
import Testing
import TestSupport

/// A graceful stop cancels the load's statement, whenever the load began.
@Suite("LoadCancellation", .enabled(if: TestDatabase.isAvailable))
struct LoadCancellationTests {
    /// Runs a 30 s statement inside `loads.during`; returns its SQLSTATE and seconds.
    func sleepingLoad(_ loads: LoadCancellation, on connection: PostgresConnection) -> (sqlState: String?, seconds: Double) {
        let started = Date()
        do {
            try loads.during(connection.canceller()) { _ = try connection.query("SELECT pg_sleep(30)") }
            return (nil, Date().timeIntervalSince(started))
        } catch let error as PostgresError {
            return (error.sqlState, Date().timeIntervalSince(started))
        } catch {
            return ("\(error)", Date().timeIntervalSince(started))
        }
    }

    @Test func aStopCancelsTheRunningStatement() throws {
        let connection = try TestDatabase.connect()
        defer { connection.close() }
        let loads = LoadCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { loads.stopLoading() }
        let outcome = sleepingLoad(loads, on: connection)
        #expect(outcome.sqlState == "57014")
        #expect(outcome.seconds < 5)
        #expect(try connection.query("SELECT 1")[0, 0] == "1", "the connection stays usable")
    }

    @Test func aLoadThatBeginsAfterTheStopIsCancelledToo() throws {
        let connection = try TestDatabase.connect()
        defer { connection.close() }
        let loads = LoadCancellation()
        loads.stopLoading()
        let outcome = sleepingLoad(loads, on: connection)
        #expect(outcome.sqlState == "57014")
        #expect(outcome.seconds < 5)
    }

    @Test func withoutAStopNothingIsCancelled() throws {
        let connection = try TestDatabase.connect()
        defer { connection.close() }
        let loads = LoadCancellation()
        try loads.during(connection.canceller()) { _ = try connection.query("SELECT pg_sleep(0.3)") }
        // After the load, a stop has nothing to cancel: the next statement runs to its end.
        loads.stopLoading()
        #expect(try connection.query("SELECT pg_sleep(0.5), 1")[0, 1] == "1")
    }
}
