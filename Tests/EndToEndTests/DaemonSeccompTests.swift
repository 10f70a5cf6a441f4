import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `scripts/run-seccomp`'s helper, built once (`scripts/seccomp/build`: the unit's system call
/// settings as seccomp filters, lists generated from `systemd-analyze syscall-filter`).
enum SeccompHelper {
    static let runScript = Workspace.packageRoot.appendingPathComponent("scripts/run-seccomp").path
    static let python = "/usr/bin/python3"

    /// The helper's path, or nil if it cannot be built here (not root, no compiler, no libseccomp).
    static let path: String? = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: python) else { return nil }
        guard let result = try? Spawn.run([runScript, "--build"]), result.status == 0 else { return nil }
        let path = result.output.split(separator: "\n").last.map(String.init) ?? ""
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static var available: Bool { path != nil }
}

/// The unit's seccomp settings (SystemCallFilter=, SystemCallErrorNumber=, SystemCallArchitectures=,
/// MemoryDenyWriteExecute=, RestrictAddressFamilies=, RestrictNamespaces=, RestrictRealtime=,
/// RestrictSUIDSGID=, LockPersonality=) emulated by `scripts/run-seccomp`: first that the filters
/// bite, then that the real daemon works under them (and under `scripts/run-confined`).
///
/// Needs root and a helper that builds; skipped (never passed) elsewhere.
@Suite("referrald run: under the unit's seccomp filters", .serialized, .enabled(if: SeccompHelper.available))
struct DaemonSeccompTests {
    /// Each line `name: ok` or `name: ERRNONAME`. Raw calls through ctypes, so Python's own
    /// wrappers decide nothing. Run as root: unfiltered, the privileged calls succeed, so a refusal
    /// under the filter is the filter's doing.
    static let probe = #"""
        import ctypes, errno, mmap, os, socket
        libc = ctypes.CDLL(None, use_errno=True)
        libc.mmap.restype = ctypes.c_void_p
        libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
        libc.syscall.restype = ctypes.c_long
        def report(name, failed):
            e = ctypes.get_errno()
            print(name + ": " + (errno.errorcode.get(e, str(e)) if failed else "ok"), flush=True)
        def call(name, r):
            report(name, r == -1)
        def pysock(name, family, kind):
            try:
                socket.socket(family, kind, 0).close(); print(name + ": ok", flush=True)
            except OSError as e:
                print(name + ": " + errno.errorcode.get(e.errno, str(e.errno)), flush=True)
        call("setuid", libc.setuid(os.getuid()))
        call("chroot", libc.chroot(b"/"))
        call("mount", libc.mount(b"none", b"/nonexistent-mountpoint", b"tmpfs", 0, None))
        try:
            os.sched_setaffinity(0, os.sched_getaffinity(0)); print("sched_setaffinity: ok", flush=True)
        except OSError as e:
            print("sched_setaffinity: " + errno.errorcode.get(e.errno, str(e.errno)), flush=True)
        pysock("socket_packet", socket.AF_PACKET, socket.SOCK_RAW)
        pysock("socket_netlink", socket.AF_NETLINK, socket.SOCK_RAW)
        pysock("socket_unix", socket.AF_UNIX, socket.SOCK_STREAM)
        pysock("socket_inet", socket.AF_INET, socket.SOCK_STREAM)
        pysock("socket_inet6", socket.AF_INET6, socket.SOCK_STREAM)
        rwx = mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC
        anon = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS
        p = libc.mmap(None, 4096, rwx, anon, -1, 0)
        report("mmap_wx", p is None or p == 2**64 - 1)
        p = libc.mmap(None, 4096, mmap.PROT_READ | mmap.PROT_WRITE, anon, -1, 0)
        report("mmap_rw", p is None or p == 2**64 - 1)
        call("mprotect_x", libc.mprotect(ctypes.c_void_p(p), 4096, mmap.PROT_READ | mmap.PROT_EXEC))
        call("unshare_user", libc.unshare(0x10000000))
        call("unshare_net", libc.unshare(0x40000000))
        call("clone3", libc.syscall(435, None, 0))
        call("sched_fifo", libc.sched_setscheduler(0, 1, ctypes.byref(ctypes.c_int(1))))
        call("personality", libc.personality(0x0008))
        call("getpid", libc.getpid())
        print("done", flush=True)
        """#

    /// Runs the probe (optionally under the filters) and returns its results by name.
    static func runProbe(filtered: Bool) throws -> (results: [String: String], output: String) {
        let command = (filtered ? [SeccompHelper.runScript, "--"] : []) + [SeccompHelper.python, "-c", probe]
        let result = try Spawn.run(command)
        var results: [String: String] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { results[parts[0]] = parts[1] }
        }
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("done"), "\(result.output)")
        return (results, result.output)
    }

    @Test func theFiltersRefuseWhatTheUnitForbidsAndAllowTheRest() throws {
        // Unfiltered, as root: the privileged calls succeed (so root could do them).
        let control = try Self.runProbe(filtered: false)
        for name in ["setuid", "chroot", "mmap_wx", "mprotect_x", "personality", "sched_setaffinity", "socket_unix"] {
            #expect(control.results[name] == "ok", "unfiltered \(name): \(control.output)")
        }
        #expect(control.results["clone3"] != "ENOSYS", "\(control.output)")
        #expect(control.results["socket_packet"] != "EAFNOSUPPORT", "\(control.output)")

        // Under the filters.
        let filtered = try Self.runProbe(filtered: true)
        let expected: [String: String] = [
            // SystemCallFilter=~@privileged @resources, SystemCallErrorNumber=EPERM
            "setuid": "EPERM", "chroot": "EPERM", "mount": "EPERM", "sched_setaffinity": "EPERM",
            // RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
            "socket_packet": "EAFNOSUPPORT", "socket_netlink": "EAFNOSUPPORT",
            "socket_unix": "ok", "socket_inet": "ok", "socket_inet6": "ok",
            // MemoryDenyWriteExecute=yes
            "mmap_wx": "EPERM", "mmap_rw": "ok", "mprotect_x": "EPERM",
            // RestrictNamespaces=yes (clone3: ENOSYS, so that glibc falls back to clone)
            "unshare_user": "EPERM", "unshare_net": "EPERM", "clone3": "ENOSYS",
            // RestrictRealtime=yes
            "sched_fifo": "EPERM",
            // LockPersonality=yes
            "personality": "EPERM",
            "getpid": "ok",
        ]
        for (name, result) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(filtered.results[name] == result, "\(name): \(filtered.output)")
        }
    }

    /// SystemCallArchitectures=native: an x32 system call (x86-64 number with __X32_SYSCALL_BIT)
    /// kills the process with SIGSYS; unfiltered it just fails.
    @Test(.enabled(if: isX86_64)) func aNonNativeSystemCallKillsTheProcess() throws {
        let x32 = "import ctypes; ctypes.CDLL(None).syscall(0x40000000 | 39); print('survived', flush=True)"
        let plain = try Spawn.run([SeccompHelper.python, "-c", x32])
        #expect(plain.status == 0 && plain.output.contains("survived"), "\(plain.output)")
        let filtered = try Spawn.run([SeccompHelper.runScript, "--", SeccompHelper.python, "-c", x32])
        #expect(filtered.status == 128 + SIGSYS, "\(filtered.status) \(filtered.output)")
        #expect(!filtered.output.contains("survived"), "\(filtered.output)")
    }

    static var isX86_64: Bool {
        #if arch(x86_64)
        true
        #else
        false
        #endif
    }

    /// The real daemon under run-confined (user, namespaces, read-only file system) with the
    /// filters inside, as systemd applies them last: connects to PostgreSQL over its Unix socket,
    /// loads a delivered file, moves it to processed/, and exits 0 on SIGTERM.
    @Test(.enabled(if: Confinement.possible)) func theDaemonLoadsAndMovesUnderTheFiltersAndConfinement() async throws {
        let site = try Confinement.Site("seccomp", database: "seccomp")
        defer { site.destroy() }
        let (base, drop, logs, cluster) = (site.base, site.drop, site.logs, site.cluster)
        let (user, group) = (Confinement.Site.user, Confinement.Site.group)
        let conninfo = cluster.conninfo(database: "seccomp")
        #expect(conninfo.contains("host='/"), "a Unix socket: \(conninfo)")
        let configPath = try Confinement.writeConfig(base: base, conninfo: conninfo, drop: drop)
        // The metrics endpoint too: bind, listen and accept4 on loopback under the filters.
        let metricsPort = try LoopbackHTTP.freePort()
        let handle = try #require(FileHandle(forWritingAtPath: configPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\nmetrics:\n  listen: \"127.0.0.1:\(metricsPort)\"\n".utf8))
        try handle.close()
        #expect(try Spawn.run([Workspace.binary, "migrate", "--config", configPath]).status == 0)
        let resetSignals = Confinement.resetSignals
        // The helper and the daemon copied where the confined user can see them (run-seccomp
        // execs the same helper; called directly here so nothing under the checkout is needed).
        let binary = try Confinement.stage(Workspace.binary, in: base)
        let helper = try Confinement.stage(try #require(SeccompHelper.path), in: base)
        let daemon = try DaemonProcess(
            executable: SeccompHelper.python,
            arguments: ["-c", resetSignals, DaemonConfinementTests.script,
                        "--user", user, "--group", group, "--drop", drop, "--",
                        helper, "--", binary, "run", "--config", configPath],
            logDirectory: URL(fileURLWithPath: logs))
        #expect(daemon.waitForLog("referrald ready", timeout: 60), "\(daemon.log)")

        let incoming = drop + "/acme/incoming"
        let temporary = incoming + "/june.csv.part"
        try Data(Daemon.extract(file: 1, rows: 9)).write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600), .posixPermissions: 0o644], ofItemAtPath: temporary)
        try FileManager.default.moveItem(atPath: temporary, toPath: incoming + "/june.csv")
        let processed = drop + "/acme/processed/\(Daemon.month())/june.csv"
        #expect(Daemon.waitUntil(30) { FileManager.default.fileExists(atPath: processed) }, "\(daemon.log)")
        #expect(daemon.waitForLog("file loaded", timeout: 10), "\(daemon.log)")  // logged just after the move

        let db = try PostgresConnection(conninfo: conninfo)
        defer { db.close() }
        #expect(try db.scalar("SELECT status || ' ' || rows_loaded FROM referrald.ingested_file") == "loaded 9")
        var metrics = PrometheusText("")
        Daemon.waitUntil(10) {
            metrics = PrometheusText((try? LoopbackHTTP.get(port: metricsPort).body) ?? "")
            return metrics.value(#"referrald_rows_total{partner="acme",outcome="loaded"}"#) == 9
        }
        #expect(metrics.value(#"referrald_rows_total{partner="acme",outcome="loaded"}"#) == 9, "\(metrics.text)\n\(daemon.log)")
        #expect(metrics.value("referrald_database_up") == 1)

        let stopped = daemon.terminate(timeout: 20)
        #expect(stopped?.status == 0, "\(daemon.log)")
        // Nothing the daemon does was refused: a refused call would be logged as an error.
        #expect(!daemon.log.contains("Operation not permitted"), "\(daemon.log)")
        #expect(!daemon.log.contains("Bad system call"), "\(daemon.log)")

        // The same composition really has the filters on: a probe in it is refused what the
        // unit forbids (as the unprivileged user; chroot would be EPERM anyway, W^X would not).
        let inside = try Spawn.run([
            DaemonConfinementTests.script, "--user", user, "--group", group, "--drop", drop, "--",
            helper, "--", SeccompHelper.python, "-c", Self.probe,
        ])
        #expect(inside.output.contains("mmap_wx: EPERM"), "\(inside.output)")
        #expect(inside.output.contains("socket_packet: EAFNOSUPPORT"), "\(inside.output)")
        #expect(inside.output.contains("clone3: ENOSYS"), "\(inside.output)")
        #expect(inside.output.contains("socket_unix: ok"), "\(inside.output)")
    }
}
