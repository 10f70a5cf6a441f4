import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command and waits for it with `posix_spawn` and `waitpid` on its own pid, without
/// Foundation's `Process`: `pg_ctl start` leaves a server behind, and `Process.waitUntilExit`
/// was seen never to return for it when several suites run commands in parallel.
public enum Spawn {
    /// Runs `command` (an absolute path first) in `directory`; returns its status and output
    /// (stdout and stderr together).
    @discardableResult
    public static func run(_ command: [String], directory: String = "/") throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "/spawn-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // `env -C` changes directory (coreutils), so no non-portable file action is needed.
        let argv = ["/usr/bin/env", "-C", directory] + command
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for p in cArguments { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exit, output)
    }
}
