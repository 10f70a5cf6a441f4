import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// operations.md, Process behaviour: `SIGHUP` reloads the configuration; an invalid new
/// configuration is logged and the old one kept.
@Suite("referrald run: SIGHUP", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DaemonReloadTests {
    @Test func aPartnerAddedOnSighupGetsItsDirectoriesAndItsFilesLoad() async throws {
        try await Workspace.with(partners: "  acme: { profile: standard }", drop: Daemon.fast) { w in
            try w.run(["migrate"])
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            #expect(!FileManager.default.fileExists(atPath: w.drop("beta")))

            try w.writeConfig(conninfo: w.conninfo, partners: "  acme: { profile: standard }\n  beta: { profile: standard }", drop: Daemon.fast)
            daemon.signal(SIGHUP)
            #expect(daemon.waitForLog("configuration reloaded"))
            #expect(Daemon.waitUntil(10) { FileManager.default.fileExists(atPath: w.drop("beta")) }, "\(daemon.log)")
            for sub in ["incoming", "rejected", "reports"] {
                var isDirectory: ObjCBool = false
                #expect(FileManager.default.fileExists(atPath: w.drop("beta", sub), isDirectory: &isDirectory) && isDirectory.boolValue, "\(sub)")
            }
            if FileManager.default.fileExists(atPath: w.drop("beta")) {
                try w.deliver("beta", "first.csv", Daemon.extract(file: 1, rows: 7))
                #expect(Daemon.waitUntil(20) { w.files("beta", "processed").count == 1 }, "\(daemon.log)")
            }

            // An invalid configuration: logged, the old one kept, the daemon keeps working.
            try "partners: [this is not: valid".write(toFile: w.configPath, atomically: true, encoding: .utf8)
            daemon.signal(SIGHUP)
            #expect(daemon.waitForLog("configuration reload failed"))
            #expect(daemon.process.isRunning)
            try w.deliver("acme", "after.csv", Daemon.extract(file: 2, rows: 3))
            if FileManager.default.fileExists(atPath: w.drop("beta")) {
                try w.deliver("beta", "second.csv", Daemon.extract(file: 3, rows: 4))
            }
            #expect(Daemon.waitUntil(20) { w.files("acme", "processed").count == 1 && w.files("beta", "processed").count == 2 },
                    "\(daemon.log)")
            #expect(daemon.terminate()?.status == 0)

            let db = try PostgresConnection(conninfo: w.conninfo)
            defer { db.close() }
            #expect(try db.column("SELECT partner || ' ' || file_name || ' ' || status FROM referrald.ingested_file ORDER BY partner, file_name")
                    == ["acme after.csv loaded", "beta first.csv loaded", "beta second.csv loaded"])
            #expect(try db.scalar("SELECT count(*) FROM referrald.referral WHERE partner = 'beta'") == "11")
            #expect(Daemon.count("configuration reloaded", in: daemon.log) == 1)
            #expect(Daemon.count("configuration reload failed", in: daemon.log) == 1)
        }
    }
}
