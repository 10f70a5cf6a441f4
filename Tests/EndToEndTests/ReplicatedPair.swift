import Foundation
import PostgresLibPQ
import TestSupport

/// A primary and a streaming standby (`pg_basebackup -R`) on Unix sockets of their own, with a
/// database `failover`, for the failover tests.
///
/// Replication is synchronous (`synchronous_standby_names = '*'`, `synchronous_commit = on`), so
/// every commit the daemon saw is on the standby when the primary is lost: with asynchronous
/// replication a failover can lose the last commits, which no client can prevent.
final class ReplicatedPair {
    /// The standby did not reach `streaming sync` within 30 s.
    struct NotStreaming: Error {}

    let primary: PrivateCluster
    let standby: PrivateCluster

    init() throws {
        primary = try PrivateCluster()
        let admin = try PostgresConnection(conninfo: primary.conninfo())
        defer { admin.close() }
        try admin.execute("CREATE ROLE referrald_replication REPLICATION LOGIN")
        try admin.execute("CREATE DATABASE failover")
        standby = try PrivateCluster(standbyOf: primary, replicationRole: "referrald_replication")
        try admin.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")
        try admin.execute("ALTER SYSTEM SET synchronous_commit = on")
        try admin.query("SELECT pg_reload_conf()")
        let streaming = Daemon.waitUntil(30) {
            (try? admin.scalar("SELECT state || ' ' || sync_state FROM pg_stat_replication")) == "streaming sync"
        }
        guard streaming else { throw NotStreaming() }
    }

    /// Both hosts, the writable one chosen by libpq (`target_session_attrs=read-write`).
    var conninfo: String {
        "host='\(primary.socketDirectory),\(standby.socketDirectory)' port=\(primary.port),\(standby.port) "
            + "user=\(primary.superuser) dbname=failover connect_timeout=5 target_session_attrs=read-write"
    }

    /// One statement's single value on `cluster`'s `failover` database; nil when unreachable.
    func scalar(_ sql: String, on cluster: PrivateCluster) -> String? {
        guard let db = try? PostgresConnection(conninfo: cluster.conninfo(database: "failover")) else { return nil }
        defer { db.close() }
        return (try? db.scalar(sql)) ?? nil
    }

    /// The ledger rows (files loaded) on `cluster`; nil when unreachable or not migrated.
    func loaded(on cluster: PrivateCluster) -> Int? {
        scalar("SELECT count(*) FROM referrald.ingested_file", on: cluster).flatMap { Int($0) }
    }

    func destroy() {
        standby.destroy()
        primary.destroy()
    }
}
