import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees, "Failover"; quality.md, Reliability: with a multi-host conninfo
/// (`host=a,b target_session_attrs=read-write`) the daemon follows the writable host when the
/// primary is lost or fenced and a streaming standby is promoted: loading resumes there without
/// a restart, every file and every row once.
@Suite("referrald run: failover to a promoted standby", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonFailoverTests {
    static let rows = 400

    @Test func loadingResumesOnThePromotedStandbyAfterThePrimaryIsLost() async throws {
        let pair = try ReplicatedPair()
        defer { pair.destroy() }
        #expect(pair.scalar("SELECT pg_is_in_recovery()", on: pair.standby) == "t")

        try Workspace.with(conninfo: pair.conninfo, drop: Daemon.fast) { w in
            #expect(try w.run(["migrate"]).status == 0)
            let daemon = try DaemonProcess(workspace: w)
            let pid = daemon.process.processIdentifier
            #expect(daemon.waitForLog("referrald ready"))

            // Before: files load on the primary.
            let before = 0..<4
            for k in before { try w.deliver("acme", "before-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            #expect(Daemon.waitUntil(60) { pair.loaded(on: pair.primary) == before.count && w.files("acme", "incoming").isEmpty },
                    "\(daemon.log)")

            // Mid-run: a batch arrives and the primary dies once the first of it is committed.
            let midRun = 4..<10
            for k in midRun { try w.deliver("acme", "mid-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            #expect(Daemon.waitUntil(60) { (pair.loaded(on: pair.primary) ?? 0) > before.count }, "\(daemon.log)")
            try pair.primary.stopImmediately()
            let leftInIncoming = w.files("acme", "incoming").count
            let atLoss = pair.loaded(on: pair.standby) ?? -1
            let during = 10..<13
            for k in during { try w.deliver("acme", "during-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            #expect(daemon.waitForLog("database unavailable"), "\(daemon.log)")
            usleep(3_000_000)
            #expect(daemon.process.isRunning, "the daemon exited without a writable host:\n\(daemon.log)")
            #expect(pair.loaded(on: pair.standby) == atLoss, "the standby changed while read-only")

            // The standby is promoted; more files arrive.
            try pair.standby.promote()
            let promoted = Date()
            let after = 13..<16
            for k in after { try w.deliver("acme", "after-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            #expect(Daemon.waitUntil(90) { (pair.loaded(on: pair.standby) ?? 0) > atLoss }, "\(daemon.log)")
            let resumeSeconds = Date().timeIntervalSince(promoted)
            let names = before.map { "before-\($0).csv" } + midRun.map { "mid-\($0).csv" }
                + during.map { "during-\($0).csv" } + after.map { "after-\($0).csv" }
            #expect(Daemon.waitUntil(90) { pair.loaded(on: pair.standby) == names.count && w.files("acme", "incoming").isEmpty },
                    "\(w.files("acme", "incoming")) \(daemon.log)")

            #expect(daemon.process.isRunning && daemon.process.processIdentifier == pid, "the daemon restarted")
            try Self.expectEveryFileOnce(names, on: pair.standby, workspace: w, daemon: daemon)
            print("failover (primary lost): \(names.count) files; \(atLoss) committed before the primary was stopped "
                  + "(\(leftInIncoming) of the batch still in incoming/), \(names.count - atLoss) after; first load on the "
                  + "promoted standby \(String(format: "%.1f", resumeSeconds)) s after promotion")
        }
    }

    /// A switchover: the primary is fenced (`default_transaction_read_only`, reloaded) and keeps
    /// running, the standby is promoted. The daemon's session stays open on the fenced primary
    /// until a write fails with SQLSTATE 25006; it must then reconnect to the writable host.
    @Test func loadingMovesToThePromotedStandbyWhenThePrimaryIsFenced() async throws {
        let pair = try ReplicatedPair()
        defer { pair.destroy() }

        try Workspace.with(conninfo: pair.conninfo, drop: Daemon.fast) { w in
            #expect(try w.run(["migrate"]).status == 0)
            let daemon = try DaemonProcess(workspace: w)
            let pid = daemon.process.processIdentifier
            #expect(daemon.waitForLog("referrald ready"))
            let before = 0..<3
            for k in before { try w.deliver("acme", "before-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            #expect(Daemon.waitUntil(60) { pair.loaded(on: pair.primary) == before.count && w.files("acme", "incoming").isEmpty },
                    "\(daemon.log)")

            let fence = try PostgresConnection(conninfo: pair.primary.conninfo())
            try fence.execute("ALTER SYSTEM SET default_transaction_read_only = on")
            try fence.query("SELECT pg_reload_conf()")
            fence.close()
            #expect(Daemon.waitUntil(10) { pair.scalar("SHOW transaction_read_only", on: pair.primary) == "on" })
            try pair.standby.promote()
            let promoted = Date()
            let after = 3..<6
            for k in after { try w.deliver("acme", "after-\(k).csv", Daemon.extract(file: k, rows: Self.rows)) }
            let names = before.map { "before-\($0).csv" } + after.map { "after-\($0).csv" }
            #expect(Daemon.waitUntil(90) { pair.loaded(on: pair.standby) == names.count && w.files("acme", "incoming").isEmpty },
                    "\(w.files("acme", "incoming")) \(daemon.log)")
            let seconds = Date().timeIntervalSince(promoted)
            #expect(pair.loaded(on: pair.primary) == before.count, "a file loaded on the fenced primary")
            #expect(daemon.process.isRunning && daemon.process.processIdentifier == pid, "the daemon restarted")
            #expect(daemon.log.contains("sqlstate=25006"), "\(daemon.log)")
            try Self.expectEveryFileOnce(names, on: pair.standby, workspace: w, daemon: daemon)
            print("failover (primary fenced): \(names.count) files, \(after.count) after promotion, all loaded "
                  + "\(String(format: "%.1f", seconds)) s after promotion")
        }
    }

    /// Without `target_session_attrs` libpq takes a read-only server: the daemon must not count
    /// it as available (no `referrald ready`, one outage warning) until it is promoted.
    @Test func aReadOnlyServerIsNotTakenAsAvailable() async throws {
        let pair = try ReplicatedPair()
        defer { pair.destroy() }
        try Workspace.with(conninfo: pair.primary.conninfo(database: "failover"), drop: Daemon.fast) { w in
            let migrate = try w.run(["migrate"])
            #expect(migrate.status == 0)
        }
        // The standby must have replayed the migrations first: a daemon that finds no schema
        // exits 78 (a configuration error), which is not what this test is about.
        #expect(Daemon.waitUntil(30) {
            pair.scalar("SELECT max(version) FROM referrald.schema_migration", on: pair.standby)
                == pair.scalar("SELECT max(version) FROM referrald.schema_migration", on: pair.primary)
        })
        try Workspace.with(conninfo: pair.standby.conninfo(database: "failover"), drop: Daemon.fast) { w in
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("database unavailable"), "\(daemon.log)")
            try w.deliver("acme", "after.csv", Daemon.extract(file: 0, rows: Self.rows))
            usleep(3_000_000)
            #expect(!daemon.log.contains("referrald ready"), "\(daemon.log)")
            #expect(daemon.log.contains("sqlstate=25006"), "\(daemon.log)")
            #expect(w.files("acme", "incoming") == ["after.csv"])
            try pair.standby.promote()
            #expect(Daemon.waitUntil(60) { pair.loaded(on: pair.standby) == 1 && w.files("acme", "incoming").isEmpty }, "\(daemon.log)")
            guard let stopped = daemon.terminate() else { Issue.record("did not stop"); return }
            #expect(stopped.status == 0)
            #expect(Daemon.count("referrald ready", in: daemon.log) == 1, "\(daemon.log)")
            #expect(Daemon.count("database unavailable", in: daemon.log) == 1, "\(daemon.log)")
            #expect(Daemon.count("database available again", in: daemon.log) == 1, "\(daemon.log)")
        }
    }

    /// Stops the daemon and checks its log (one outage, one recovery, no restart) and, on the
    /// promoted standby, the ledger, the rows and the claims against `names`, and `processed/`.
    static func expectEveryFileOnce(_ names: [String], on cluster: PrivateCluster, workspace w: Workspace, daemon: DaemonProcess) throws {
        guard let stopped = daemon.terminate() else { Issue.record("did not stop"); return }
        #expect(stopped.status == 0)
        let log = daemon.log
        #expect(Daemon.count("referrald ready", in: log) == 1, "\(log)")
        #expect(Daemon.count("database unavailable", in: log) == 1, "\(log)")
        #expect(Daemon.count("database available again", in: log) == 1, "\(log)")
        #expect(Daemon.count("file loaded", in: log) == names.count, "\(log)")

        let db = try PostgresConnection(conninfo: cluster.conninfo(database: "failover"))
        defer { db.close() }
        let total = names.count * rows
        #expect(try db.scalar("SELECT pg_is_in_recovery()") == "f")
        #expect(try db.column("SELECT file_name || ' ' || status FROM referrald.ingested_file ORDER BY file_name")
                == names.sorted().map { "\($0) loaded" })
        #expect(try db.scalar("SELECT count(*) FROM referrald.ingested_file WHERE rows_total <> \(rows) OR rows_loaded <> rows_total") == "0")
        #expect(try db.scalar("SELECT sum(rows_loaded) FROM referrald.ingested_file") == "\(total)")
        #expect(try db.scalar("SELECT count(*) || ' ' || count(DISTINCT partner_ref) FROM referrald.referral") == "\(total) \(total)")
        #expect(try db.scalar("SELECT count(*) FROM referrald.file_claim WHERE state = 'archived'") == "\(names.count)")
        #expect(w.files("acme", "processed") == names.map { "\(Daemon.month())/\($0)" }.sorted())
    }
}
