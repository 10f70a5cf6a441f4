import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald run` with partner `health` on the real MESH sandbox (mutual TLS on 127.0.0.1, the
/// trust played by `mesh-client`) beside the drop-directory partner `acme`.
@Suite(.enabled(if: MeshSandbox.available && TestDatabase.isAvailable, "needs the MESH kit and the database of scripts/test"))
struct MeshDaemonTests {
    static func withDaemon(
        _ sandbox: MeshSandbox, partners: String = MeshFixture.partners(), ca: String? = nil, metrics: UInt16? = nil,
        _ body: (Workspace, PostgresConnection) throws -> Void
    ) async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            try Workspace.with(conninfo: conninfo, partners: partners, drop: Daemon.fast + "\n" + MeshFixture.section(sandbox, ca: ca)
                                  + (metrics.map { "\nmetrics: { listen: \"127.0.0.1:\($0)\" }" } ?? "")) { w in
                let migrate = try w.run(["migrate"])
                #expect(migrate.status == 0, "\(migrate.output)")
                let connection = try PostgresConnection(conninfo: conninfo)
                defer { connection.close() }
                try connection.execute("SET search_path TO referrald")
                try body(w, connection)
            }
        }
    }

    static func send(_ sandbox: MeshSandbox, file: Int, rows: Int, chunks: Int = 1, compress: Bool = false,
                     sender: String = MeshSandbox.trust, workflow: String = MeshSandbox.workflow) throws -> String {
        let path = sandbox.directory + "/extract-\(file).csv"
        try Data(Daemon.extract(file: file, rows: rows)).write(to: URL(fileURLWithPath: path))
        return try sandbox.trustSend(file: path, sender: sender, workflow: workflow, filename: "referrals-\(file).csv",
                                     chunks: chunks, compress: compress)
    }

    @Test func messageIsLoadedArchivedAndAcknowledgedOnceBesideADropPartner() async throws {
        let sandbox = try MeshSandbox()
        let port = try LoopbackHTTP.freePort()
        try await Self.withDaemon(sandbox, metrics: port) { w, db in
            let id = try Self.send(sandbox, file: 1, rows: 40)
            let second = try Self.send(sandbox, file: 13, rows: 2, workflow: "TEST_WORKFLOW2")
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try w.deliver("acme", "drop.csv", Daemon.extract(file: 2, rows: 7))
            #expect(daemon.waitForLog("mesh message acknowledged"), "\(daemon.log)")
            #expect(daemon.waitForLog("file=drop.csv"))
            #expect(try db.scalar("SELECT count(*) FROM referral WHERE partner = 'health'") == "40")
            #expect(try db.scalar("SELECT mesh_message_id || ' ' || mesh_sender || ' ' || file_name FROM ingested_file WHERE partner = 'health'")
                    == "\(id) \(MeshSandbox.trust) referrals-1.csv")
            #expect(try db.scalar("SELECT count(*) FROM referral WHERE partner = 'acme'") == "7")
            #expect(try sandbox.trustTrack(id) == "acknowledged")
            #expect(w.files("health", "processed") == ["\(Daemon.month())/referrals-1.csv"])
            let spool = w.directory.path + "/drop/.mesh-spool"
            var info = stat()
            #expect(stat(spool, &info) == 0 && info.st_mode & 0o777 == 0o700)
            #expect(((try? FileManager.default.subpathsOfDirectory(atPath: spool)) ?? []).filter { !$0.hasPrefix("health") || $0.contains("/") } == [])
            // No secret anywhere: not in the log, not on the command line.
            let cmdline = (try? String(contentsOfFile: "/proc/\(daemon.process.processIdentifier)/cmdline", encoding: .utf8)) ?? ""
            for secret in [try String(contentsOfFile: sandbox.sharedKeyFile, encoding: .utf8), "password"] {
                #expect(!daemon.log.contains(secret))
                #expect(!cmdline.contains(secret))
            }
            // The metrics show the inbox backlog (the one message not accepted stays there), as
            // counted by the first poll after the acknowledgement.
            let backlog = "referrald_mesh_inbox_messages{partner=\"health\"} 1"
            #expect(Daemon.waitUntil(30) { (try? LoopbackHTTP.get(port: port))?.body.contains(backlog) == true },
                    "\((try? LoopbackHTTP.get(port: port))?.body ?? "")")
            #expect(try sandbox.trustTrack(second) == "accepted")
            #expect(daemon.terminate()?.status == 0)
            #expect(Daemon.count("mesh message acknowledged", in: daemon.log) == 1)
            // The kit's client certificate expires in 20 days: one warning (a day).
            #expect(Daemon.count("mesh client certificate expires soon", in: daemon.log) == 1)
            #expect(daemon.log.contains("days_left=19"))
        }
    }

    @Test func killedBetweenCommitAndAcknowledgementLoadsOnceAndAcknowledgesOnce() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let id = try Self.send(sandbox, file: 3, rows: 25)
            let crashing = try DaemonProcess(workspace: w, environment: ["REFERRALD_FAILPOINT": "mesh-before-ack"])
            #expect(Daemon.waitUntil(60) { !crashing.process.isRunning }, "\(crashing.log)")
            #expect(crashing.process.terminationReason == .uncaughtSignal)
            #expect(try db.scalar("SELECT count(*) FROM ingested_file WHERE mesh_message_id = $1", [id]) == "1")
            #expect(try sandbox.trustTrack(id) == "accepted")

            let restarted = try DaemonProcess(workspace: w)
            #expect(restarted.waitForLog("mesh message acknowledged", timeout: 60), "\(restarted.log)")
            #expect(try sandbox.trustTrack(id) == "acknowledged")
            #expect(try db.scalar("SELECT count(*) FROM ingested_file") == "1")
            #expect(try db.scalar("SELECT count(*) FROM referral WHERE partner = 'health'") == "25")
            #expect(!restarted.log.contains("file loaded"))
            #expect(restarted.terminate()?.status == 0)
            #expect(Daemon.count("mesh message acknowledged", in: restarted.log) == 1)
        }
    }

    @Test func fiveChunkGzipMessageLoadsWhole() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let id = try Self.send(sandbox, file: 4, rows: 3_000, chunks: 5, compress: true)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("mesh message acknowledged", timeout: 60), "\(daemon.log)")
            #expect(try db.scalar("SELECT rows_total || ' ' || rows_loaded FROM ingested_file WHERE mesh_message_id = $1", [id]) == "3000 3000")
            #expect(daemon.terminate()?.status == 0)
        }
    }

    @Test func unacceptedWorkflowAndSenderAreLeftWithOneWarningEach() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let wrongWorkflow = try Self.send(sandbox, file: 5, rows: 3, workflow: "TEST_WORKFLOW2")
            let wrongSender = try Self.send(sandbox, file: 6, rows: 3, sender: "X26ABC3")
            let good = try Self.send(sandbox, file: 7, rows: 3)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("mesh message acknowledged"), "\(daemon.log)")
            usleep(2_000_000)  // several more polls
            #expect(daemon.terminate()?.status == 0)
            #expect(Daemon.count("mesh message not accepted", in: daemon.log) == 2, "\(daemon.log)")
            #expect(daemon.log.contains("message_id=\(wrongWorkflow)"))
            #expect(daemon.log.contains("workflow=TEST_WORKFLOW2"))
            #expect(daemon.log.contains("from=X26ABC3"))
            #expect(try sandbox.trustTrack(good) == "acknowledged")
            #expect(try sandbox.trustTrack(wrongSender, sender: "X26ABC3") == "accepted")
            #expect(try sandbox.trustTrack(wrongWorkflow) == "accepted")
            #expect(try db.scalar("SELECT count(*) FROM ingested_file") == "1")
            // `status` shows the backlog: nothing taken and unacknowledged, two left for a person.
            let status = try w.run(["status"])
            #expect(status.stdout.contains("  mesh        0 messages taken, not yet acknowledged; 2 not accepted, left in the inbox"), "\(status.output)")
        }
    }

    @Test func aServerCertificateThatDoesNotVerifyStopsOnlyThatIntakeWithOneError() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox, ca: sandbox.rogueCACertificate) { w, db in
            let id = try Self.send(sandbox, file: 8, rows: 3)
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("referrald ready"))
            try w.deliver("acme", "drop.csv", Daemon.extract(file: 9, rows: 4))
            #expect(daemon.waitForLog("file=drop.csv"), "\(daemon.log)")
            usleep(2_000_000)
            #expect(daemon.terminate()?.status == 0)
            #expect(Daemon.count("mesh intake stopped until reload", in: daemon.log) == 1, "\(daemon.log)")
            #expect(daemon.log.contains("reason=certificate"))
            #expect(try sandbox.trustTrack(id) == "accepted")
            #expect(try db.scalar("SELECT count(*) FROM ingested_file WHERE partner = 'health'") == "0")
        }
    }

    @Test func meshDownForThirtySecondsIsWaitedOutWhileDropPartnersLoad() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let daemon = try DaemonProcess(workspace: w)
            #expect(Daemon.waitUntil(20) { (try? db.scalar("SELECT 1")) != nil && daemon.log.contains("referrald ready") })
            usleep(1_000_000)
            sandbox.stop()
            #expect(daemon.waitForLog("mesh unavailable"), "\(daemon.log)")
            try w.deliver("acme", "during.csv", Daemon.extract(file: 10, rows: 5))
            #expect(daemon.waitForLog("file=during.csv"))
            usleep(28_000_000)
            try sandbox.start()
            let id = try Self.send(sandbox, file: 11, rows: 6)
            #expect(daemon.waitForLog("mesh available again", timeout: 30), "\(daemon.log)")
            #expect(daemon.waitForLog("mesh message acknowledged", timeout: 30), "\(daemon.log)")
            #expect(daemon.terminate()?.status == 0)
            #expect(Daemon.count("mesh unavailable", in: daemon.log) == 1)
            #expect(Daemon.count("mesh available again", in: daemon.log) == 1)
            #expect(try sandbox.trustTrack(id) == "acknowledged")
        }
    }
}

extension MeshDaemonTests {
    @Test func sigtermMidDownloadStopsCleanlyAndTheNextStartLoadsOnce() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let id = try Self.send(sandbox, file: 12, rows: 150_000, chunks: 5)
            let daemon = try DaemonProcess(workspace: w)
            let partial = w.directory.path + "/drop/.mesh-spool/health/\(id)/.download"
            #expect(Daemon.waitUntil(60) { FileManager.default.fileExists(atPath: partial) }, "\(daemon.log)")
            let stopped = daemon.terminate()
            #expect(stopped?.status == 0)
            #expect((stopped?.seconds ?? 99) < 10)
            #expect(!daemon.log.contains("mesh message acknowledged"))
            #expect(!FileManager.default.fileExists(atPath: partial))
            #expect(try db.scalar("SELECT count(*) FROM ingested_file") == "0")
            #expect(try sandbox.trustTrack(id) == "accepted")

            let next = try DaemonProcess(workspace: w)
            #expect(next.waitForLog("mesh message acknowledged", timeout: 90), "\(next.log)")
            #expect(next.terminate()?.status == 0)
            #expect(try db.scalar("SELECT rows_loaded FROM ingested_file WHERE mesh_message_id = $1", [id]) == "150000")
            #expect(try sandbox.trustTrack(id) == "acknowledged")
        }
    }
}

extension MeshDaemonTests {
    @Test func reportIsSentBackOnceBeforeTheAcknowledgementEvenAcrossACrash() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox, partners: MeshFixture.partners(reportBack: true)) { w, db in
            let id = try Self.send(sandbox, file: 14, rows: 5)
            let crashing = try DaemonProcess(workspace: w, environment: ["REFERRALD_FAILPOINT": "mesh-before-ack"])
            #expect(Daemon.waitUntil(60) { !crashing.process.isRunning }, "\(crashing.log)")
            let restarted = try DaemonProcess(workspace: w)
            #expect(restarted.waitForLog("mesh message acknowledged", timeout: 60), "\(restarted.log)")
            #expect(restarted.terminate()?.status == 0)
            let replies = try sandbox.trustInbox().filter { $0.hasSuffix("\(MeshSandbox.replyWorkflow) referrals-14.csv.report.csv") }
            #expect(replies.count == 1, "\(replies)")
            let replyID = try #require(replies.first?.split(separator: " ").first.map(String.init))
            #expect(try db.scalar("SELECT mesh_reply_id FROM ingested_file WHERE mesh_message_id = $1", [id]) == replyID)
            #expect(try sandbox.trustRead(replyID).hasPrefix("row,"), "the partner report's header")
            #expect(try sandbox.trustTrack(id) == "acknowledged")
        }
    }
}

extension MeshDaemonTests {
    /// intake.md: a message not accepted gets one warning, and a second when it is 4 days old
    /// (MESH expires unacknowledged messages after 5); never more, never acknowledged. Its age
    /// is the database's `first_seen`, set back here as four days passing would.
    @Test func anUnacceptedMessageFourDaysOldEarnsOneSecondWarning() async throws {
        let sandbox = try MeshSandbox()
        try await Self.withDaemon(sandbox) { w, db in
            let id = try Self.send(sandbox, file: 15, rows: 3, workflow: "TEST_WORKFLOW2")
            let daemon = try DaemonProcess(workspace: w)
            #expect(daemon.waitForLog("mesh message not accepted"), "\(daemon.log)")
            usleep(1_500_000)  // several polls: no second warning while it is young
            #expect(!daemon.log.contains("mesh message not accepted expires in a day"), "\(daemon.log)")
            _ = try db.query("UPDATE mesh_message SET first_seen = first_seen - interval '4 days' WHERE message_id = $1", [id])
            #expect(daemon.waitForLog("mesh message not accepted expires in a day", timeout: 30), "\(daemon.log)")
            usleep(1_500_000)
            #expect(daemon.terminate()?.status == 0)
            #expect(Daemon.count("mesh message not accepted", in: daemon.log) == 2, "\(daemon.log)")
            #expect(Daemon.count("mesh message not accepted expires in a day", in: daemon.log) == 1, "\(daemon.log)")
            #expect(daemon.log.contains("workflow=TEST_WORKFLOW2"))
            #expect(try sandbox.trustTrack(id) == "accepted")
            #expect(try db.scalar("SELECT count(*) FROM ingested_file") == "0")
        }
    }
}
