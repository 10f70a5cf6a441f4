import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees, "Several instances": two daemons on one drop root and database
/// load every file exactly once.
@Suite("referrald run: two instances", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonInstancesTests {
    @Test func twoInstancesLoadEveryFileExactlyOnce() async throws {
        let partners = """
              acme: { profile: standard }
              beta: { profile: standard }
            """
        try await Workspace.with(partners: partners, drop: "  poll_interval: 100ms\n  settle_time: 2s") { w in
            try w.run(["migrate"])
            let first = try DaemonProcess(workspace: w)
            let second = try DaemonProcess(workspace: w)
            #expect(first.waitForLog("referrald ready"))
            #expect(second.waitForLog("referrald ready"))

            let count = 60
            for k in 0..<count {
                try w.deliver(k % 2 == 0 ? "acme" : "beta", "f\(k).csv", Daemon.extract(file: k, rows: 5))
            }
            #expect(Daemon.waitUntil(50) { w.files("acme", "incoming").isEmpty && w.files("beta", "incoming").isEmpty })
            // Both instances finish whatever they hold before the checks.
            usleep(1_000_000)
            #expect(first.terminate()?.status == 0)
            #expect(second.terminate()?.status == 0)

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            #expect(try db.column("SELECT status || ' ' || count(*) FROM referrald.ingested_file GROUP BY status") == ["loaded \(count)"],
                    "\(first.log)\n---\n\(second.log)")
            #expect(try db.scalar("SELECT count(DISTINCT (partner, file_name)) FROM referrald.ingested_file") == "\(count)")
            #expect(try db.scalar("SELECT count(*) FROM referrald.referral") == "\(count * 5)")
            #expect(try db.scalar("SELECT count(*) FROM referrald.file_claim WHERE state = 'archived'") == "\(count)")
            let month = Daemon.month()
            #expect(w.files("acme", "processed") == (0..<count).filter { $0 % 2 == 0 }.map { "\(month)/f\($0).csv" }.sorted())
            #expect(w.files("beta", "processed") == (0..<count).filter { $0 % 2 == 1 }.map { "\(month)/f\($0).csv" }.sorted())
            #expect(w.files("acme", "incoming").isEmpty && w.files("beta", "incoming").isEmpty)
            let logs = first.log + second.log
            #expect(Daemon.count("file loaded", in: logs) == count)
            #expect(!logs.contains("error"), "\(logs)")
            // Both took part (not a proof of the race, but the test is pointless otherwise).
            #expect(first.log.contains("file loaded") && second.log.contains("file loaded"))
        }
    }
}
