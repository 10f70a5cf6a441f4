import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `referrald run` with a MESH partner as the unit runs it (scripts/run-confined): an
/// unprivileged user, PrivateTmp=, ProtectHome=, a read-only file system but the drop root, the
/// secrets only as LoadCredential= files in $CREDENTIALS_DIRECTORY, and the seccomp filters;
/// PostgreSQL over its Unix socket, the sandbox over mutual TLS on 127.0.0.1.
@Suite(.enabled(if: MeshSandbox.available && Confinement.possible && SeccompHelper.available,
                "needs the MESH kit, root, unshare, setpriv and the seccomp helper"))
struct MeshConfinedDaemonTests {
    @Test func runLoadsAndAcknowledgesAMessageConfinedWithItsSecretsAsCredentials() async throws {
        let sandbox = try MeshSandbox()
        let site = try Confinement.Site("meshrun", database: "meshrun")
        defer { site.destroy() }
        let (base, drop, logs, cluster) = (site.base, site.drop, site.logs, site.cluster)
        let (user, group) = (Confinement.Site.user, Confinement.Site.group)
        for name in ["client.pem", "ca.pem"] {
            try FileManager.default.copyItem(atPath: sandbox.kit + "/" + name, toPath: base + "/" + name)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: base + "/" + name)
        }
        let conninfo = cluster.conninfo(database: "meshrun")
        let credentials = "/tmp/.credentials"
        let config = base + "/referrald.yaml"
        try """
            database:
              conninfo: "\(conninfo)"
            drop:
              root: \(drop)
              poll_interval: 300ms
              settle_time: 1s
            partners:
            \(MeshFixture.partners())
            \(MeshFixture.section(sandbox, pollInterval: "300ms", confined: (base, credentials)))
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config)
        #expect(try Spawn.run([Workspace.binary, "migrate", "--config", config]).status == 0)

        let payload = sandbox.directory + "/confined.csv"
        try Data(Daemon.extract(file: 21, rows: 30)).write(to: URL(fileURLWithPath: payload))
        let id = try sandbox.trustSend(file: payload, filename: "confined.csv", chunks: 2)

        let binary = try Confinement.stage(Workspace.binary, in: base)
        let helper = try Confinement.stage(try #require(SeccompHelper.path), in: base)
        let daemon = try DaemonProcess(
            executable: SeccompHelper.python,
            arguments: ["-c", Confinement.resetSignals, DaemonConfinementTests.script,
                        "--user", user, "--group", group, "--drop", drop,
                        "--credential", "mesh-password:\(sandbox.passwordFile)", "--credential", "mesh-shared-key:\(sandbox.sharedKeyFile)",
                        "--credential", "mesh-client-key:\(sandbox.clientKey)", "--",
                        helper, "--", binary, "run", "--config", config],
            logDirectory: URL(fileURLWithPath: logs))
        #expect(daemon.waitForLog("referrald ready", timeout: 60), "\(daemon.log)")
        #expect(daemon.waitForLog("mesh message acknowledged", timeout: 60), "\(daemon.log)")
        #expect(try sandbox.trustTrack(id) == "acknowledged")

        let db = try PostgresConnection(conninfo: conninfo)
        defer { db.close() }
        #expect(try db.scalar("SELECT status || ' ' || rows_loaded || ' ' || mesh_message_id FROM referrald.ingested_file")
                == "loaded 30 \(id)")
        // The spool and the archive in the drop root, the only place the confined user writes.
        #expect(FileManager.default.fileExists(atPath: drop + "/health/processed/\(Daemon.month())/confined.csv"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: drop + "/.mesh-spool/health")) ?? ["?"]).isEmpty)
        #expect(daemon.terminate(timeout: 20)?.status == 0, "\(daemon.log)")
        let sharedKey = try String(contentsOfFile: sandbox.sharedKeyFile, encoding: .utf8)
        #expect(!daemon.log.contains(sharedKey))
    }
}
