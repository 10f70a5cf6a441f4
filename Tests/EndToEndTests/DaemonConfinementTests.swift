import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// Whether `scripts/run-confined` can work here.
enum Confinement {
    /// Copies an executable into `base/bin` so the confined command can see it: the test's own
    /// checkout may sit under /tmp (PrivateTmp= hides it) or /root (ProtectHome=).
    static func stage(_ executable: String, in base: String) throws -> String {
        let bin = base + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let target = bin + "/" + URL(fileURLWithPath: executable).lastPathComponent
        // Copied by a child process: a descriptor of ours open for writing could be inherited by a
        // process another test forks meanwhile, and exec of the copy would fail "Text file busy".
        let copy = try Spawn.run(["/bin/cp", executable, target])
        guard copy.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target)
        return target
    }

    /// A confined daemon's own place, under /var/lib (PrivateTmp= hides /tmp, ProtectHome= /root):
    /// a private cluster with database `database`, `drop/` owned by the confined user, and `logs/`.
    struct Site {
        static let user = "nobody", group = "nogroup"
        let base: String, drop: String, logs: String
        let cluster: PrivateCluster

        init(_ name: String, database: String) throws {
            base = "/var/lib/referrald-\(name)-\(UUID().uuidString.prefix(8).lowercased())"
            drop = base + "/drop"
            logs = base + "/logs"
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            do {
                cluster = try PrivateCluster(base: base)
                let admin = try PostgresConnection(conninfo: cluster.conninfo())
                try admin.execute("CREATE DATABASE \(database)")
                admin.close()
                for dir in [drop, logs] {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
                }
                try Spawn.run(["/bin/chown", "\(Self.user):\(Self.group)", drop])
            } catch {
                try? FileManager.default.removeItem(atPath: base)
                throw error
            }
        }

        func destroy() {
            cluster.destroy()
            try? FileManager.default.removeItem(atPath: base)
        }
    }

    /// A config (readable by the confined user) for partner `acme` with a fast poll.
    static func writeConfig(base: String, conninfo: String, drop: String) throws -> String {
        let configPath = base + "/referrald.yaml"
        try """
            database:
              conninfo: "\(conninfo)"
            timezone: Europe/London
            drop:
              root: \(drop)
              poll_interval: 300ms
              settle_time: 2s
            partners:
              acme: { profile: standard }
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: configPath)
        return configPath
    }

    /// Python that restores SIGTERM/SIGINT/SIGHUP to their defaults, unblocks them and execs its
    /// arguments: children of the test runner may inherit them ignored or blocked, and a shell
    /// cannot trap a signal ignored on entry (systemd starts services with them at default).
    static let resetSignals = "import os, signal, sys\nsigs = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)\nfor s in sigs: signal.signal(s, signal.SIG_DFL)\nsignal.pthread_sigmask(signal.SIG_UNBLOCK, sigs)\nos.execv(sys.argv[1], sys.argv[1:])"

    static var possible: Bool {
        let fm = FileManager.default
        return getuid() == 0 && TestDatabase.isAvailable
            && ProcessInfo.processInfo.environment["REFERRALD_TEST_PGBIN"] != nil
            && ["/usr/bin/unshare", "/usr/bin/setpriv", "/usr/bin/mount", "/usr/bin/mknod", "/usr/bin/tac"].allSatisfy { fm.isExecutableFile(atPath: $0) }
            && fm.fileExists(atPath: "/proc/self/ns/user")
    }
}

/// The real daemon under `scripts/run-confined` (the systemd unit's restrictions emulated with
/// namespaces and setpriv), as an unprivileged user, the database reached over its Unix socket.
///
/// Needs root, unshare and setpriv; skipped (never passed) elsewhere.
@Suite("referrald run: confined like the systemd unit", .serialized, .enabled(if: Confinement.possible))
struct DaemonConfinementTests {
    static let script = Workspace.packageRoot.appendingPathComponent("scripts/run-confined").path

    /// Runs a command as root and returns its exit status and output.
    @discardableResult
    static func execute(_ command: [String]) throws -> (status: Int32, output: String) {
        try Spawn.run(command)
    }

    @Test func theDaemonLoadsAndMovesUnderConfinementAndCannotWriteOutsideTheDropRoot() async throws {
        // Not under /tmp (PrivateTmp= hides it) nor /home or /root (ProtectHome=).
        let base = "/var/lib/referrald-confined-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let cluster = try PrivateCluster(base: base)
        defer { cluster.destroy() }
        let admin = try PostgresConnection(conninfo: cluster.conninfo())
        try admin.execute("CREATE DATABASE confined")
        admin.close()

        let user = "nobody", group = "nogroup"
        let drop = base + "/drop", outside = base + "/outside", logs = base + "/logs"
        for dir in [drop, outside, logs] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        }
        // The drop root and a directory outside it, both owned (so writable) by the user.
        try Self.execute(["/bin/chown", "\(user):\(group)", drop, outside])
        let conninfo = cluster.conninfo(database: "confined")
        let configPath = try Confinement.writeConfig(base: base, conninfo: conninfo, drop: drop)
        #expect(try Self.execute([Workspace.binary, "migrate", "--config", configPath]).status == 0)
        let resetSignals = Confinement.resetSignals
        let binary = try Confinement.stage(Workspace.binary, in: base)
        let daemon = try DaemonProcess(
            executable: "/usr/bin/python3",
            arguments: ["-c", resetSignals, Self.script,
                        "--user", user, "--group", group, "--drop", drop, "--", binary, "run", "--config", configPath],
            logDirectory: URL(fileURLWithPath: logs))
        #expect(daemon.waitForLog("referrald ready", timeout: 60), "\(daemon.log)")

        // The partner's directories were made by the confined user, mode 0750.
        let incoming = drop + "/acme/incoming"
        let attributes = try FileManager.default.attributesOfItem(atPath: incoming)
        #expect(attributes[.ownerAccountName] as? String == user)
        #expect((attributes[.posixPermissions] as? Int) == 0o750)

        // A file delivered (by another user, as over SFTP): loaded and moved.
        let temporary = incoming + "/may.csv.part"
        try Data(Daemon.extract(file: 1, rows: 12)).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600), .posixPermissions: 0o644], ofItemAtPath: temporary)
        try FileManager.default.moveItem(atPath: temporary, toPath: incoming + "/may.csv")
        let processed = drop + "/acme/processed/\(Daemon.month())/may.csv"
        #expect(Daemon.waitUntil(30) { FileManager.default.fileExists(atPath: processed) }, "\(daemon.log)")
        #expect(daemon.waitForLog("file loaded", timeout: 10), "\(daemon.log)")  // logged just after the move

        let db = try PostgresConnection(conninfo: conninfo)
        defer { db.close() }
        #expect(try db.scalar("SELECT status || ' ' || rows_loaded FROM referrald.ingested_file") == "loaded 12")

        let stopped = daemon.terminate(timeout: 20)
        #expect(stopped?.status == 0, "\(daemon.log)")

        // The same confinement as the same user: the drop root is writable, nothing else is,
        // not even a directory the user owns.
        let probe = try Self.execute([
            Self.script, "--user", user, "--group", group, "--drop", drop, "--", "/bin/sh", "-c",
            "touch '\(drop)/probe' && echo drop-ok; touch '\(outside)/probe' 2>/dev/null && echo outside-written; "
                + "touch /var/tmp/probe 2>/dev/null && echo var-tmp-ok; touch '\(base)/probe' 2>/dev/null && echo base-written; true",
        ])
        #expect(probe.output.contains("drop-ok"), "\(probe.output)")
        #expect(!probe.output.contains("outside-written"), "\(probe.output)")
        #expect(!probe.output.contains("base-written"), "\(probe.output)")
        #expect(!FileManager.default.fileExists(atPath: outside + "/probe"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        // Outside the drop root the daemon left nothing behind either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted()
                == ["bin", "drop", "logs", "outside", "referrald.yaml", URL(fileURLWithPath: cluster.directory).lastPathComponent].sorted())
    }
}
