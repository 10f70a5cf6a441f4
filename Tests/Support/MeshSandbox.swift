import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The real MESH sandbox (`mesh-sandbox`, from the kit `scripts/lib/mesh-sandbox.sh` prepared for
/// `scripts/test`), served on 127.0.0.1 with mutual TLS; each instance has its own port, message
/// store and shared key, and can be stopped and started again with its messages kept.
/// The trust's side is the reference client `mesh-client` (the kit's `trust` script).
public final class MeshSandbox: @unchecked Sendable {
    /// The council's mailbox (the receiver) and the trust's (the sender), canned in the sandbox.
    public static let council = "X26ABC2"
    public static let trust = "X26ABC1"
    /// The canned workflows: trust → council, and council → trust (for report-back replies).
    public static let workflow = "TEST_WORKFLOW"
    public static let replyWorkflow = "TEST_WORKFLOW_ACK"

    public static var kit: String? {
        guard let dir = ProcessInfo.processInfo.environment["REFERRALD_TEST_MESHKIT"], !dir.isEmpty else { return nil }
        return dir
    }

    public static var available: Bool { kit != nil }

    public let kit: String
    public let directory: String
    public let port: Int
    private var process: Process?

    public var url: String { "https://127.0.0.1:\(port)" }
    public var sharedKeyFile: String { directory + "/shared-key" }
    public var passwordFile: String { directory + "/password" }
    public var caCertificate: String { kit + "/ca.pem" }
    public var rogueCACertificate: String { kit + "/rogue-ca.pem" }
    public var clientCertificate: String { kit + "/client.pem" }
    public var clientKey: String { kit + "/client.key" }
    public var logPath: String { directory + "/sandbox.log" }

    /// A fresh sandbox with a random shared key; started and answering when this returns.
    public init() throws {
        guard let kit = Self.kit else { throw MeshSandboxError(message: "REFERRALD_TEST_MESHKIT is not set (run scripts/test)") }
        self.kit = kit
        directory = NSTemporaryDirectory() + "/mesh-sandbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/store", withIntermediateDirectories: true)
        var key = [UInt8](repeating: 0, count: 24)
        for index in key.indices { key[index] = UInt8.random(in: 0...255) }
        let sharedKey = key.map { String(format: "%02x", $0) }.joined()
        port = try PrivateCluster.freePort()
        try Data(sharedKey.utf8).write(to: URL(fileURLWithPath: sharedKeyFile))
        try Data("password\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(sharedKeyFile, 0o600)
        chmod(passwordFile, 0o600)
        try start()
    }

    /// Starts the sandbox (again) and waits until it accepts connections.
    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kit + "/serve")
        process.arguments = [String(port), directory + "/store", sharedKeyFile]
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = FileHandle(forWritingAtPath: logPath)
        log?.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let end = Date().addingTimeInterval(60)
        while Date() < end {
            if Self.accepts(port: port) { return }
            if !process.isRunning { break }
            usleep(100_000)
        }
        throw MeshSandboxError(message: "mesh sandbox did not start: \((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")")
    }

    /// Stops the sandbox (SIGTERM, then SIGKILL after 10 s); its messages stay in its store.
    public func stop() {
        guard let process, process.isRunning else { return }
        let pid = process.processIdentifier
        kill(pid, SIGTERM)
        let end = Date().addingTimeInterval(10)
        while process.isRunning && Date() < end { usleep(50_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        while process.isRunning { usleep(20_000) }
        self.process = nil
    }

    /// The trust sends `file` to the council's mailbox; returns the message id.
    public func trustSend(
        file: String, sender: String = MeshSandbox.trust, workflow: String = MeshSandbox.workflow,
        filename: String = "extract.csv", chunks: Int = 1, compress: Bool = false
    ) throws -> String {
        var arguments = ["send", "--sender", sender, "--to", Self.council, "--workflow", workflow,
                         "--filename", filename, "--file", file, "--chunks", String(chunks)]
        if compress { arguments.append("--compress") }
        let lines = try trust(arguments).split(separator: "\n")
        return lines.last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// The status of a message the trust sent, lower-cased (`accepted`, `acknowledged`, …).
    public func trustTrack(_ messageID: String, sender: String = MeshSandbox.trust) throws -> String {
        try trust(["track", "--sender", sender, "--message-id", messageID]).split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// The trust's inbox: one line per message, `id workflow filename`.
    public func trustInbox() throws -> [String] {
        try trust(["inbox", "--mailbox", Self.trust]).split(separator: "\n").map(String.init)
    }

    /// One message of the trust's inbox, its content.
    public func trustRead(_ messageID: String) throws -> String {
        try trust(["read", "--mailbox", Self.trust, "--message-id", messageID])
    }

    private func trust(_ arguments: [String]) throws -> String {
        let result = try Spawn.run([kit + "/trust", "--url", url, "--shared-key-file", sharedKeyFile] + arguments)
        guard result.status == 0 else { throw MeshSandboxError(message: "trust \(arguments[0]) exited \(result.status): \(result.output)") }
        return result.output
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

public struct MeshSandboxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
