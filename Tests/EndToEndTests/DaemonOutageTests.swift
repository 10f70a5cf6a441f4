import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees, "Database outages": waited out with backoff, one warning and one
/// notice, `incoming/` untouched meanwhile, every file loaded once. Runs on a cluster of its
/// own: the shared test cluster must keep running for the other suites.
@Suite("referrald run: database outage", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonOutageTests {
    @Test func outageIsWaitedOutAndEveryFileLoadsOnce() async throws {
        let cluster = try PrivateCluster()
        defer { cluster.destroy() }
        let admin = try PostgresConnection(conninfo: cluster.conninfo())
        try admin.execute("CREATE DATABASE outage")
        admin.close()

        try Workspace.with(conninfo: cluster.conninfo(database: "outage"), drop: Daemon.fast) { w in
            #expect(try w.run(["migrate"]).status == 0)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))

            func loadedCount() throws -> Int {
                let db = try PostgresConnection(conninfo: w.conninfo)
                defer { db.close() }
                return Int(try db.scalar("SELECT count(*) FROM referrald.ingested_file") ?? "0") ?? 0
            }

            for k in 0..<3 { try w.deliver("acme", "before-\(k).csv", Daemon.extract(file: k, rows: 20)) }
            #expect(Daemon.waitUntil(30) { (try? loadedCount()) == 3 && w.files("acme", "incoming").isEmpty })

            // The outage: the server stops while more files arrive.
            try cluster.stop()
            for k in 3..<6 { try w.deliver("acme", "during-\(k).csv", Daemon.extract(file: k, rows: 20)) }
            let during = (3..<6).map { "during-\($0).csv" }
            let outageEnd = Date().addingTimeInterval(8)
            var untouched = true
            while Date() < outageEnd {
                if w.files("acme", "incoming") != during { untouched = false }
                usleep(200_000)
            }
            #expect(untouched, "incoming/ changed during the outage: \(w.files("acme", "incoming"))")
            #expect(daemon.process.isRunning, "the daemon exited during the outage:\n\(daemon.log)")
            #expect(daemon.log.contains("database unavailable"))
            try cluster.start()

            // Backoff after ~8 s of outage is at most 8 s more; allow for a slow machine.
            #expect(Daemon.waitUntil(45) { w.files("acme", "incoming").isEmpty && (try? loadedCount()) == 6 },
                    "\(daemon.log)")
            #expect(daemon.process.isRunning)
            guard let stopped = daemon.terminate() else { Issue.record("did not stop"); return }
            #expect(stopped.status == 0)

            let log = daemon.log
            #expect(Daemon.count("database unavailable", in: log) == 1, "\(log)")
            #expect(Daemon.count("database available again", in: log) == 1, "\(log)")
            #expect(Daemon.count("file loaded", in: log) == 6)

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            #expect(try db.column("SELECT file_name || ' ' || status FROM referrald.ingested_file ORDER BY file_name")
                    == (0..<3).map { "before-\($0).csv loaded" } + (3..<6).map { "during-\($0).csv loaded" })
            #expect(try db.scalar("SELECT count(*) FROM referrald.referral") == "120")
            #expect(try db.scalar("SELECT count(*) FROM referrald.file_claim WHERE state = 'archived'") == "6")
            let month = Daemon.month()
            #expect(w.files("acme", "processed") == ((0..<3).map { "\(month)/before-\($0).csv" } + during.map { "\(month)/\($0)" }))
        }
    }
}
