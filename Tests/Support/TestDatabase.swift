import Foundation
import PostgresLibPQ

/// The private PostgreSQL cluster started by `scripts/test`.
///
/// Everything comes from the environment `scripts/lib/pgcluster.sh` exports (`PGHOST`,
/// `PGPORT`, `PGUSER`, `PGDATABASE`, `REFERRALD_TEST_PG*`). Without `PGHOST` the suite was not
/// started through `scripts/test` and every helper stops with a message saying so.
public enum TestDatabase {
    /// True when the environment names a test cluster (for `.enabled(if:)` traits).
    public static var isAvailable: Bool { environment("PGHOST") != nil }

    /// Conninfo for the test cluster's default database.
    public static var conninfo: String {
        conninfo(database: environment("PGDATABASE") ?? "referrald_test")
    }

    /// Conninfo for `database` on the test cluster.
    public static func conninfo(database: String) -> String {
        guard let host = environment("PGHOST") else {
            fatalError("PGHOST is not set: run the tests through scripts/test, which starts a private PostgreSQL")
        }
        var parts = ["host=\(quote(host))", "dbname=\(quote(database))"]
        if let port = environment("PGPORT") { parts.append("port=\(quote(port))") }
        if let user = environment("PGUSER") { parts.append("user=\(quote(user))") }
        return parts.joined(separator: " ")
    }

    /// A new connection to the default test database.
    public static func connect() throws(PostgresError) -> PostgresConnection {
        try PostgresConnection(conninfo: conninfo)
    }

    /// Creates an empty database `rt_<random>`, passes its conninfo to `body`, then drops it
    /// (with `FORCE`, so connections left open do not matter), also when `body` throws.
    @discardableResult
    public static func withFreshDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let name = "rt_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try connect()
        try admin.execute("CREATE DATABASE \(PostgresConnection.quoteIdentifier(name))")
        defer {
            // The server may have been stopped by the body: reconnect if needed, ignore failure.
            if !admin.isHealthy { try? admin.reconnect() }
            try? admin.execute("DROP DATABASE IF EXISTS \(PostgresConnection.quoteIdentifier(name)) WITH (FORCE)")
            admin.close()
        }
        return try await body(conninfo(database: name))
    }

    /// Stops the test server (`pg_ctl stop -m fast`), e.g. to simulate an outage.
    public static func stopServer() throws {
        try pgCtl(["-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// Starts the test server again and waits until it accepts connections.
    public static func startServer() throws {
        var arguments = ["-w", "-t", "60", "start"]
        if let log = environment("REFERRALD_TEST_PGLOG") { arguments = ["-l", log] + arguments }
        try pgCtl(arguments)
    }

    /// Runs `pg_ctl -D $REFERRALD_TEST_PGDATA …`, as the cluster's OS user when we are root.
    private static func pgCtl(_ arguments: [String]) throws {
        guard let bin = environment("REFERRALD_TEST_PGBIN"), let data = environment("REFERRALD_TEST_PGDATA") else {
            fatalError("REFERRALD_TEST_PGBIN/PGDATA are not set: run the tests through scripts/test")
        }
        var command = ["\(bin)/pg_ctl", "-D", data] + arguments
        if let owner = environment("REFERRALD_TEST_PGRUNAS"), getuid() == 0 {
            command = ["/usr/sbin/runuser", "-u", owner, "--"] + command
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestDatabaseError(message: "\(command.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    /// A conninfo value in single quotes, with `\` and `'` escaped.
    private static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}

/// A test-cluster helper failed (e.g. `pg_ctl` exited non-zero).
public struct TestDatabaseError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
