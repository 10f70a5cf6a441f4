import Foundation
import PostgresLibPQ
import Testing
import TestSupport

/// `scripts/provision-db`: migrations run as `referrald_owner`, the daemon's `referrald` role can
/// load files but cannot drop, truncate, delete, alter, create or read other schemas.
@Suite("database roles (scripts/provision-db)", .serialized, .enabled(if: TestDatabase.isAvailable))
struct DatabaseRolesTests {
    static let script = Workspace.packageRoot.appendingPathComponent("scripts/provision-db").path

    @Test func daemonRoleLoadsButHasNoOtherPrivilege() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let admin = try PostgresConnection(conninfo: conninfo)
            defer { admin.close() }
            let database = try #require(try admin.query("SELECT current_database()")[0, 0])
            try admin.execute("CREATE SCHEMA other; CREATE TABLE other.secret (a int); INSERT INTO other.secret VALUES (1)")

            // Twice: idempotent.
            for _ in 0..<2 {
                let provision = try Spawn.run([Self.script, "--migrator", "referrald_migrator", database])
                #expect(provision.status == 0, "\(provision.output)")
            }
            #expect(try admin.query("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'referrald'")[0, 0] == "referrald_owner")

            let migratorConninfo = conninfo + " user=referrald_migrator"
            let daemonConninfo = conninfo + " user=referrald"
            try Workspace.with(conninfo: migratorConninfo, partners: Workspace.defaultPartners, drop: "") { w in
                let migrate = try w.run(["migrate"])
                #expect(migrate.status == 0, "\(migrate.output)")
                let foreign = try admin.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'referrald' AND tableowner <> 'referrald_owner'")
                #expect(foreign[0, 0] == "0")
                #expect(try admin.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'referrald'")[0, 0] == "10")  // 9, and mesh_message (0007)

                // The real loader, as the daemon's role.
                try w.writeConfig(conninfo: daemonConninfo)
                let path = try w.file("may.csv", ExtractFixture.extract(rows: 5))
                let ingest = try w.run(["ingest", "--partner", "acme", path])
                #expect(ingest.status == 0, "\(ingest.output)")
                #expect(ingest.stdout.contains("acme/may.csv: loaded rows=5 loaded=5"), "\(ingest.output)")
                let again = try w.run(["ingest", "--partner", "acme", try w.file("may-again.csv", ExtractFixture.extract(rows: 5))])
                #expect(again.status == 0, "\(again.output)")
                #expect(again.stdout.contains("duplicate"), "\(again.output)")
            }

            let daemon = try PostgresConnection(conninfo: daemonConninfo)
            defer { daemon.close() }
            #expect(try daemon.query("SELECT session_user, current_user")[0, 1] == "referrald")
            #expect(try daemon.query("SELECT count(*) FROM referrald.referral")[0, 0] == "5")
            try daemon.execute("CREATE TEMPORARY TABLE scratch (a int); DROP TABLE scratch")
            for sql in [
                "DROP TABLE referrald.referral",
                "TRUNCATE referrald.referral",
                "DELETE FROM referrald.referral",
                "DELETE FROM referrald.file_claim",
                "ALTER TABLE referrald.referral ADD COLUMN x integer",
                "CREATE TABLE referrald.x (a integer)",
                "CREATE TABLE public.x (a integer)",
                "CREATE SCHEMA mine",
                "SELECT * FROM other.secret",
                "SET ROLE referrald_owner",
            ] {
                expectInsufficientPrivilege(daemon, sql)
            }

            // A later migration's table is covered by the default privileges, with the same limits.
            let migrator = try PostgresConnection(conninfo: conninfo + " user=referrald_migrator")
            defer { migrator.close() }
            try migrator.execute("CREATE TABLE referrald.future (id bigserial PRIMARY KEY, a integer)")
            #expect(try admin.query("SELECT tableowner FROM pg_tables WHERE schemaname = 'referrald' AND tablename = 'future'")[0, 0] == "referrald_owner")
            try daemon.execute("INSERT INTO referrald.future (a) VALUES (1); UPDATE referrald.future SET a = 2")
            #expect(try daemon.query("SELECT a FROM referrald.future")[0, 0] == "2")
            expectInsufficientPrivilege(daemon, "DELETE FROM referrald.future")
            expectInsufficientPrivilege(daemon, "TRUNCATE referrald.future")
        }
    }

    private func expectInsufficientPrivilege(_ connection: PostgresConnection, _ sql: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: PostgresError.self, "\(sql) should fail", sourceLocation: sourceLocation) { try connection.execute(sql) }
        #expect(error?.sqlState == "42501", "\(sql): \(error.map { "\($0)" } ?? "no error")", sourceLocation: sourceLocation)
    }
}
