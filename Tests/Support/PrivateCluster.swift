import Foundation

/// A throw-away PostgreSQL cluster of a test's own, for tests that stop the server: the shared
/// cluster of `scripts/test` must keep running for the suites that run in parallel.
///
/// `initdb` runs as the `postgres` OS user (via `runuser`) when we are root; the server listens
/// on a Unix socket in its own directory only, with `fsync=off`. Uses the binaries in
/// `$REFERRALD_TEST_PGBIN` (set by `scripts/test`).
public final class PrivateCluster {
    /// The cluster's directory: the data directory, the socket and the server log live in it.
    public let directory: String
    public let superuser = "referrald_private"
    /// 5432 for a Unix-socket-only cluster; a free port when it also listens on 127.0.0.1.
    public let port: Int
    private let bin: String
    private let runAs: String?

    public var dataDirectory: String { directory + "/data" }
    public var logPath: String { directory + "/server.log" }
    /// The socket directory (`host=` in a conninfo).
    public var socketDirectory: String { directory }

    /// Conninfo for `database` on this cluster.
    public func conninfo(database: String = "postgres") -> String {
        "host='\(socketDirectory)' port=\(port) user=\(superuser) dbname='\(database)' connect_timeout=5"
    }

    /// Creates (`initdb`) and starts a new cluster in a new directory under `base`. With `tcp`
    /// it also listens on 127.0.0.1 (trust authentication, as on the socket) on a free port;
    /// `configuration` is appended to postgresql.conf (e.g. `ssl = on` and its files).
    public init(base: String = NSTemporaryDirectory(), tcp: Bool = false, configuration: String = "") throws {
        guard let bin = ProcessInfo.processInfo.environment["REFERRALD_TEST_PGBIN"], !bin.isEmpty else {
            throw TestDatabaseError(message: "REFERRALD_TEST_PGBIN is not set: run the tests through scripts/test")
        }
        self.bin = bin
        port = tcp ? try Self.freePort() : 5432
        runAs = getuid() == 0 ? "postgres" : nil
        directory = try Self.makeDirectory(base: base, runAs: runAs)
        try run(["\(bin)/initdb", "-D", dataDirectory, "--auth=trust", "-U", superuser,
                 "--encoding=UTF8", "--locale=C", "--no-sync"])
        let conf = """

            listen_addresses = '\(tcp ? "127.0.0.1" : "")'
            unix_socket_directories = '\(directory)'
            port = \(port)
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 30
            \(configuration)

            """
        try appendToConfiguration(conf)
        try start()
    }

    /// A streaming standby of `primary`: `pg_basebackup -R` (as `replicationRole`, which
    /// `primary` must have created with `REPLICATION LOGIN`; initdb's pg_hba.conf lets local
    /// replication connections in) into a new directory under `base`, its own Unix socket,
    /// then started. `configuration` is appended after the primary's copied settings, so it
    /// overrides them. Returns once the server accepts (read-only) connections.
    public init(standbyOf primary: PrivateCluster, replicationRole: String, base: String = NSTemporaryDirectory(), configuration: String = "") throws {
        bin = primary.bin
        runAs = primary.runAs
        port = 5432
        directory = try Self.makeDirectory(base: base, runAs: runAs)
        try run(["\(bin)/pg_basebackup", "-D", dataDirectory, "-h", primary.socketDirectory, "-p", "\(primary.port)",
                 "-U", replicationRole, "-R", "-X", "stream", "-c", "fast", "--no-sync"])
        let conf = """

            listen_addresses = ''
            unix_socket_directories = '\(directory)'
            port = \(port)
            \(configuration)

            """
        try appendToConfiguration(conf)
        try start()
    }

    /// A new directory `referrald-pc-…` under `base`, owned by `runAs` when given.
    private static func makeDirectory(base: String, runAs: String?) throws -> String {
        let directory = URL(fileURLWithPath: base).appendingPathComponent("referrald-pc-\(UUID().uuidString.prefix(8).lowercased())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        if let runAs { try execute(["/bin/chown", "\(runAs):", directory]) }
        return directory
    }

    /// Appends `text` to the cluster's postgresql.conf.
    private func appendToConfiguration(_ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Promotes a standby to a primary (`pg_ctl promote`) and waits until it accepts writes.
    public func promote() throws {
        try run(["\(bin)/pg_ctl", "-D", dataDirectory, "-w", "-t", "60", "promote"])
    }

    /// Stops the server abruptly (`-m immediate`), as a crash or power loss would: no shutdown
    /// checkpoint, connections cut.
    public func stopImmediately() throws {
        try run(["\(bin)/pg_ctl", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"])
    }

    /// Starts the server and waits until it accepts connections.
    public func start() throws {
        try run(["\(bin)/pg_ctl", "-D", dataDirectory, "-l", logPath, "-o", "-c fsync=off", "-w", "-t", "60", "start"])
    }

    /// Stops the server (`-m fast`: connections are terminated).
    public func stop() throws {
        try run(["\(bin)/pg_ctl", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// Stops the server if it runs and removes the directory.
    public func destroy() {
        if FileManager.default.fileExists(atPath: dataDirectory + "/postmaster.pid") {
            try? run(["\(bin)/pg_ctl", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "60", "stop"])
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { destroy() }

    /// Runs a command as the cluster's OS user, from its directory.
    private func run(_ command: [String]) throws {
        try Self.execute((runAs.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + command, directory: directory)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (bind to port 0, read it back).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func execute(_ command: [String], directory: String = "/") throws {
        let result = try Spawn.run(command, directory: directory)
        guard result.status == 0 else {
            throw TestDatabaseError(message: "\(command.joined(separator: " ")) exited \(result.status): \(result.output)")
        }
    }
}
