import Foundation
import Logging
import PostgresLibPQ
import ReferralCore
import ReferralStore

/// The daemon's database connection, kept alive across outages: connects lazily, and after a
/// connection failure waits with backoff (1 s doubling to 60 s, jittered) before trying again.
///
/// A session must be writable: a server that is read-only (a standby not yet promoted, or a
/// fenced primary) counts as unavailable, and an error saying the server became read-only
/// (`25006`) drops the connection, so with a multi-host conninfo the next attempt reaches
/// whichever host is writable now.
///
/// Logs one warning when an outage starts and one notice when it ends.
public final class DatabaseSession {
    private let logger: Logger
    private var backoff = Backoff()
    private var retryAt = 0.0
    public private(set) var database: ReferralDatabase?
    public let conninfo: String
    public let schema: String
    private let metrics: DaemonMetrics?

    public init(conninfo: String, schema: String, logger: Logger, metrics: DaemonMetrics? = nil) {
        self.conninfo = conninfo
        self.schema = schema
        self.logger = logger
        self.metrics = metrics
    }

    /// The connection if the database is reachable now; `nil` while waiting out an outage.
    /// Throws `ReferralDatabase.NotMigrated` when the schema is missing (the daemon exits 78).
    public func connected(now: Double = Date().timeIntervalSince1970) throws -> ReferralDatabase? {
        if let database, database.connection.isHealthy { return database }
        guard now >= retryAt else { return nil }
        do {
            if let database {
                try database.reconnect()
            } else {
                database = try ReferralDatabase(conninfo: conninfo, schema: schema)
            }
            if try database?.connection.query("SELECT current_setting('transaction_read_only')")[0, 0] == "on" {
                throw PostgresError(kind: .statement, sqlState: "25006", message: "the server is read-only")
            }
            if backoff.inOutage {
                logger.notice("database available again", metadata: ["outage.attempts": "\(backoff.failures)"])
            }
            backoff.reset()
            metrics?.database(up: true)
            return database
        } catch let error as PostgresError {
            database?.connection.close()
            database = nil
            failed(error)
            return nil
        }
    }

    /// Reports a connection failure seen while working; the next `connected()` waits first.
    public func failed(_ error: PostgresError, now: Double = Date().timeIntervalSince1970) {
        if !backoff.inOutage {
            logger.warning("database unavailable", metadata: ["sqlstate": "\(error.sqlState ?? "none")", "retry": "backoff 1s to 60s"])
        }
        if let database, !database.connection.isHealthy || error.endsSession {
            database.connection.close()
            self.database = nil
        }
        retryAt = now + backoff.nextDelay(random: Double.random(in: 0..<1))
        metrics?.database(up: false)
    }

    public var inOutage: Bool { backoff.inOutage }

    public func close() {
        database?.connection.close()
        database = nil
    }
}
