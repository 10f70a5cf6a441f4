import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees, and quality.md's SIGTERM row, for a load that is not streaming rows
/// but waiting inside its transaction (here for another load's lock, as behind a large file of
/// another instance): a stop still ends it at once, and a kill leaves no server backend behind
/// holding the file's claim (a backend only notices a vanished client when it next talks to it,
/// which a statement waiting on a lock never does).
@Suite("referrald run: stopped or killed mid-load", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonMidLoadTests {
    /// A daemon whose load of `waits.csv` (20 rows) waits on the children's lock, which
    /// `holder` holds in an open transaction; `backend` is the load's server process.
    struct WaitingLoad {
        let daemon: DaemonProcess
        let holder: PostgresConnection
        /// Reads activity outside any transaction (inside one, the server keeps its first
        /// snapshot of pg_stat_activity until the transaction ends).
        let observer: PostgresConnection
        let backend: String

        static func start(_ w: Workspace) throws -> WaitingLoad? {
            try w.run(["migrate"])
            let holder = try PostgresConnection(conninfo: w.conninfo)
            try holder.execute("BEGIN")
            try holder.query("SELECT pg_advisory_xact_lock(hashtext('referrald.children'))")
            let observer = try PostgresConnection(conninfo: w.conninfo)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try w.deliver("acme", "waits.csv", Daemon.extract(file: 1, rows: 20))
            var seen: String?
            let waiting = """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'advisory'
                """
            #expect(try Daemon.waitUntil(30) {
                seen = try observer.column(waiting).first
                return seen != nil
            }, "the load never waited on the lock:\n\(daemon.log)")
            guard let backend = seen else { return nil }
            return WaitingLoad(daemon: daemon, holder: holder, observer: observer, backend: backend)
        }

        func backendGone(within seconds: Double) throws -> Bool {
            try Daemon.waitUntil(seconds) {
                try observer.column("SELECT pid FROM pg_stat_activity WHERE pid = \(backend)").isEmpty
            }
        }

        /// The claim row, taken with NOWAIT: throws if anything still holds it.
        func claim() throws -> [String] {
            try holder.column("SELECT file_name || ' ' || state || ' ' || (lease_until <= clock_timestamp()) FROM referrald.file_claim FOR UPDATE NOWAIT")
        }
    }

    @Test func sigtermEndsALoadThatWaitsAndLetsItsClaimGo() async throws {
        try await Workspace.with(drop: "  poll_interval: 100ms\n  settle_time: 1s") { w in
            guard let load = try WaitingLoad.start(w) else { return }
            defer { load.holder.close(); load.observer.close() }

            let stopped = load.daemon.terminate(timeout: 15)
            #expect(stopped?.status == 0, "\(load.daemon.log)")
            #expect((stopped?.seconds ?? 99) < 10, "SIGTERM took \(stopped?.seconds ?? 99) s")
            if let stopped { print("SIGTERM while the load waited: exit \(stopped.status) in \(String(format: "%.2f", stopped.seconds)) s") }
            #expect(try load.backendGone(within: 5))
            // Rolled back and let go: the lease ends now, not 30 s from now.
            #expect(try load.claim() == ["waits.csv claimed true"])
            try load.holder.execute("COMMIT")
            #expect(try load.observer.scalar("SELECT count(*) FROM referrald.referral") == "0")
            #expect(w.files("acme", "incoming") == ["waits.csv"])

            let next = try DaemonProcess(workspace: w)
            #expect(next.waitForLog("file loaded", timeout: 10), "the restarted daemon waited for the lease:\n\(next.log)")
            #expect(next.terminate()?.status == 0)
            #expect(try load.observer.scalar("SELECT count(*) FROM referrald.referral") == "20")
            #expect(w.files("acme", "incoming").isEmpty)
        }
    }

    @Test func aDaemonKilledWhileItsLoadWaitsLeavesNoBackendHoldingTheClaim() async throws {
        try await Workspace.with(drop: "  poll_interval: 100ms\n  settle_time: 1s") { w in
            guard let load = try WaitingLoad.start(w) else { return }
            defer { load.holder.close(); load.observer.close() }

            load.daemon.signal(SIGKILL)
            load.daemon.process.waitUntilExit()
            let started = Date()
            let gone = try load.backendGone(within: 15)
            #expect(gone, "the killed daemon's backend still waits, holding the file's claim")
            if gone { print("killed daemon's backend gone after \(String(format: "%.1f", Date().timeIntervalSince(started))) s") }
            // Nothing holds the claim row; its lease, never let go, runs out by itself.
            #expect(try load.claim() == ["waits.csv claimed false"])
            try load.holder.execute("COMMIT")
            #expect(try load.observer.scalar("SELECT count(*) FROM referrald.referral") == "0")
            #expect(w.files("acme", "incoming") == ["waits.csv"], "the file stays for the next start")
        }
    }
}
