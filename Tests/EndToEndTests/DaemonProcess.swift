import Foundation

/// `referrald run` as a real child process: its log goes to a file, signals are real.
final class DaemonProcess {
    let process = Process()
    let logPath: String

    convenience init(workspace: Workspace, environment extra: [String: String] = [:]) throws {
        try self.init(
            executable: Workspace.binary, arguments: ["run", "--config", workspace.configPath],
            logDirectory: workspace.directory, environment: extra)
    }

    /// Any command (e.g. the daemon under `scripts/run-confined`), its output in a log file in
    /// `logDirectory`.
    init(executable: String, arguments: [String], logDirectory: URL, environment extra: [String: String] = [:]) throws {
        logPath = logDirectory.appendingPathComponent("daemon-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = nil
        environment["JOURNAL_STREAM"] = nil
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the log to contain `text`.
    func waitForLog(_ text: String, timeout: Double = 30) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if log.contains(text) { return true }
            if !process.isRunning { return log.contains(text) }
            usleep(50_000)
        }
        return false
    }

    /// Sends SIGTERM and waits; returns the exit status and the seconds it took (nil on timeout).
    func terminate(timeout: Double = 15) -> (status: Int32, seconds: Double)? {
        let start = Date()
        signal(SIGTERM)
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                signal(SIGKILL)
                return nil
            }
            usleep(20_000)
        }
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
