import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald run` as operations live with it: real directories, real signals, a real database.
@Suite("referrald run", .serialized)
struct DaemonTests {
    static let fast = "  poll_interval: 300ms\n  settle_time: 2s"

    @Test func lifecycleOfFilesSignalsAndNotify() async throws {
        try await Workspace.with(drop: Self.fast) { w in
            try w.run(["migrate"])
            let notify = try NotifyListener(directory: w.directory)
            let daemon = try DaemonProcess(workspace: w, environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"])
            #expect(notify.waitFor("READY=1"))
            #expect(FileManager.default.fileExists(atPath: w.drop("police", "incoming")))

            // Settled and renamed in: loaded once, moved to processed/YYYY-MM/, report written.
            try w.deliver("police", "may.csv", Array(try Data(contentsOf: URL(fileURLWithPath: w.sample("police")))))
            #expect(daemon.waitForLog("file loaded"))
            // The same bytes under a new name: a duplicate.
            try w.deliver("police", "may-again.csv", Array(try Data(contentsOf: URL(fileURLWithPath: w.sample("police")))))
            #expect(daemon.waitForLog("file duplicate"))
            // An empty file: refused whole, with its report beside it.
            try w.deliver("acme", "empty.csv", [])
            #expect(daemon.waitForLog("file refused"))
            #expect(w.files("acme", "rejected") == ["empty.csv", "empty.csv.report.txt"])

            // A symlink to a readable file outside the drop root: never followed, reported once.
            let outside = try w.file("outside.csv", ExtractFixture.extract(rows: 3))
            try FileManager.default.createSymbolicLink(atPath: w.drop("acme") + "/link.csv", withDestinationPath: outside)
            #expect(daemon.waitForLog("file skipped"))

            // A file written slowly (fresh modification time) is not read until it has settled.
            let slow = w.drop("acme") + "/slow.csv"
            let bytes = ExtractFixture.extract(rows: 40)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: { _ = FileManager.default.createFile(atPath: slow, contents: nil); return slow }()))
            for chunk in stride(from: 0, to: bytes.count, by: bytes.count / 8 + 1) {
                try handle.write(contentsOf: bytes[chunk..<min(bytes.count, chunk + bytes.count / 8 + 1)])
                usleep(400_000)
                #expect(!daemon.log.contains("file=slow.csv"), "read while still being written")
            }
            try handle.close()
            #expect(daemon.waitForLog("file=slow.csv"), "\(daemon.log)")

            #expect(notify.waitFor("WATCHDOG=1"))
            #expect(notify.drain().contains { $0.contains("STATUS=idle;") })
            guard let stopped = daemon.terminate() else { Issue.record("did not stop within 15 s"); return }
            #expect(stopped.status == 0)
            #expect(stopped.seconds < 10)
            #expect(notify.waitFor("STOPPING=1", timeout: 2))

            #expect(w.files("police", "incoming") == [])
            #expect(w.files("acme", "incoming") == ["link.csv"])
            #expect(daemon.log.components(separatedBy: "file skipped").count == 2, "skipped link reported once")
            let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
            #expect(w.files("police", "processed") == ["\(month)/may-again.csv", "\(month)/may.csv"])
            #expect(w.files("acme", "processed") == ["\(month)/slow.csv"])

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            let ledger = try db.query("SELECT file_name, status, rows_total, rows_loaded + rows_rejected + rows_duplicate FROM referrald.ingested_file ORDER BY id")
            #expect((0..<ledger.rowCount).map { "\(ledger[$0, 0]!) \(ledger[$0, 1]!)" } == ["may.csv loaded", "may-again.csv duplicate", "empty.csv refused", "slow.csv loaded"])
            #expect((0..<ledger.rowCount).allSatisfy { ledger[$0, 2] == ledger[$0, 3] })
            #expect(try db.query("SELECT count(*) FROM referrald.referral WHERE partner = 'acme'")[0, 0] == "40")
        }
    }

    @Test func restartedOverACommittedButUnmovedFileMovesItWithoutANewLedgerRow() async throws {
        try await Workspace.with(drop: Self.fast) { w in
            try w.run(["migrate"])
            // `ingest` commits a file's rows but never moves it: exactly the state a crash between
            // commit and move leaves behind, once the claim is marked committed and not archived.
            let path = try w.file("crash.csv", ExtractFixture.extract(rows: 10))
            #expect(try w.run(["ingest", "--partner", "acme", path]).status == 0)
            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            try db.query("UPDATE referrald.file_claim SET state = 'committed', lease_until = now() - interval '1 s'")
            try FileManager.default.createDirectory(atPath: w.drop("acme"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: path, toPath: w.drop("acme") + "/crash.csv")
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("file already committed"))
            #expect(daemon.waitForLog("file loaded"))
            _ = daemon.terminate()
            #expect(try db.query("SELECT count(*) FROM referrald.ingested_file")[0, 0] == "1")
            #expect(w.files("acme", "incoming") == [])
        }
    }

    @Test func sigtermWithNothingToDoExitsZeroPromptly() async throws {
        try await Workspace.with(drop: Self.fast) { w in
            try w.run(["migrate"])
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            let stopped = daemon.terminate()
            #expect(stopped?.status == 0)
            #expect((stopped?.seconds ?? 99) < 10)
        }
    }

    @Test func missingSchemaExits78() async throws {
        try await Workspace.with(drop: Self.fast) { w in
            let daemon = try DaemonProcess(workspace: w)
            let end = Date().addingTimeInterval(20)
            while daemon.process.isRunning && Date() < end { usleep(50_000) }
            #expect(!daemon.process.isRunning)
            #expect(daemon.process.terminationStatus == 78)
            #expect(daemon.log.contains("run 'referrald migrate'"))
        }
    }
}
