import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees: a daemon killed mid-load leaves nothing behind. Its server backend
/// must not outlive it holding the file's claim and locks (a backend only notices a vanished
/// client when it next talks to it, which a statement waiting on a lock never does).
@Suite("referrald run: killed mid-load", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonKillTests {
    @Test func aDaemonKilledWhileItsLoadWaitsLeavesNoBackendHoldingTheClaim() async throws {
        try await Workspace.with(drop: "  poll_interval: 100ms\n  settle_time: 1s") { w in
            try w.run(["migrate"])
            // Another load holds the children's lock, so ours waits inside its transaction,
            // holding its claim row.
            let holder = try PostgresConnection(conninfo: w.conninfo)
            defer { holder.close() }
            try holder.execute("BEGIN")
            try holder.query("SELECT pg_advisory_xact_lock(hashtext('referrald.children'))")
            // Activity is read outside any transaction (inside one, the server keeps its first
            // snapshot of pg_stat_activity until the transaction ends).
            let observer = try PostgresConnection(conninfo: w.conninfo)
            defer { observer.close() }

            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try w.deliver("acme", "waits.csv", Daemon.extract(file: 1, rows: 20))
            let waiting = """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'advisory'
                """
            var seen: String?
            #expect(try Daemon.waitUntil(30) {
                seen = try observer.column(waiting).first
                return seen != nil
            }, "the load never waited on the lock:\n\(daemon.log)")
            guard let backend = seen else { return }

            daemon.signal(SIGKILL)
            daemon.process.waitUntilExit()
            let started = Date()
            let gone = try Daemon.waitUntil(15) {
                try observer.column("SELECT pid FROM pg_stat_activity WHERE pid = \(backend)").isEmpty
            }
            #expect(gone, "the killed daemon's backend still waits, holding the file's claim")
            if gone { print("killed daemon's backend gone after \(String(format: "%.1f", Date().timeIntervalSince(started))) s") }
            // Its claim row is free: nothing holds it for update.
            #expect(try holder.column("SELECT file_name FROM referrald.file_claim FOR UPDATE NOWAIT") == ["waits.csv"])
            try holder.execute("COMMIT")
            #expect(try observer.scalar("SELECT count(*) FROM referrald.referral") == "0")
            #expect(w.files("acme", "incoming") == ["waits.csv"], "the file stays for the next start")
        }
    }
}
