import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Guarantees, "Poison files": a file that fails to load for a reason other than
/// an outage is retried at most 3 times, then moved to `rejected/` and recorded `refused`.
@Suite("referrald run: poison files", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonPoisonTests {
    @Test func aFileThatAlwaysFailsIsRefusedAfterThreeAttemptsWhileOthersLoad() async throws {
        try await Workspace.with(drop: Daemon.fast) { w in
            try w.run(["migrate"])
            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            // A reproducible failure that is not an outage: a trigger raising P0001 for one row.
            try db.execute("""
                CREATE FUNCTION referrald.poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.partner_ref = 'F9R5' THEN RAISE EXCEPTION 'poisoned row'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER poison BEFORE INSERT OR UPDATE ON referrald.referral
                    FOR EACH ROW EXECUTE FUNCTION referrald.poison();
                """)

            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try w.deliver("acme", "poison.csv", Daemon.extract(file: 9, rows: 10), age: 7200)
            for k in 0..<4 { try w.deliver("acme", "good-\(k).csv", Daemon.extract(file: k, rows: 10)) }
            try w.deliver("police", "ppn.csv", try w.sampleBytes("police"))

            #expect(Daemon.waitUntil(40) { w.files("acme", "incoming").isEmpty && w.files("police", "incoming").isEmpty },
                    "\(daemon.log)")
            _ = daemon.terminate()
            let log = daemon.log

            #expect(w.files("acme", "rejected") == ["poison.csv", "poison.csv.report.txt"])
            let month = Daemon.month()
            #expect(w.files("acme", "processed") == (0..<4).map { "\(month)/good-\($0).csv" })
            #expect(w.files("police", "processed") == ["\(month)/ppn.csv"])
            #expect(Daemon.count("file failed to load", in: log) == 3, "\(log)")
            #expect(Daemon.count("file refused", in: log) == 1)
            #expect(!log.contains("poisoned row"), "the server's message (which may quote values) is not logged")
            let report = try String(contentsOfFile: w.drop("acme", "rejected") + "/poison.csv.report.txt", encoding: .utf8)
            #expect(report.contains("file.unloadable"), "\(report)")

            #expect(try db.scalar("SELECT attempts FROM referrald.file_claim WHERE file_name = 'poison.csv'") == "3")
            #expect(try db.scalar("SELECT state FROM referrald.file_claim WHERE file_name = 'poison.csv'") == "archived")
            #expect(try db.column("SELECT file_name || ' ' || status FROM referrald.ingested_file WHERE partner = 'acme' ORDER BY file_name")
                    == (0..<4).map { "good-\($0).csv loaded" } + ["poison.csv refused"])
            #expect(try db.scalar("""
                SELECT count(*) FROM referrald.row_issue i JOIN referrald.ingested_file f ON f.id = i.file_id
                WHERE f.file_name = 'poison.csv' AND i.rule = 'file.unloadable'
                """) == "1")
            #expect(try db.scalar("SELECT count(*) FROM referrald.referral WHERE partner = 'acme'") == "40")
            #expect(try db.scalar("SELECT count(*) FROM referrald.referral WHERE partner_ref LIKE 'F9R%'") == "0")
        }
    }
}
