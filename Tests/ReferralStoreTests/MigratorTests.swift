import Foundation
import PostgresLibPQ
import ReferralStore
import Testing
import TestSupport

@Suite("Migrations", .serialized)
struct MigratorTests {
    @Test func migrateTwiceIsIdempotent() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let connection = try PostgresConnection(conninfo: conninfo)
            defer { connection.close() }
            let migrator = Migrator(schema: "referrald")
            #expect(try migrator.currentVersion(connection) == nil)
            #expect(try migrator.migrate(connection) == Migration.all.map(\.version))
            #expect(try migrator.migrate(connection) == [])
            #expect(try migrator.currentVersion(connection) == Migrator.latestVersion)
            let tables = try connection.query(
                "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'referrald'")
            #expect(tables[0, 0] == "alert,child_alias,file_claim,ingested_file,mesh_message,referral,referral_count,rejected_row,row_issue,schema_migration")
        }
    }

    @Test func twoProcessesMigratingAtOnceBothSucceed() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let results = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let connection = try PostgresConnection(conninfo: conninfo)
                        defer { connection.close() }
                        return try Migrator(schema: "referrald").migrate(connection)
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(results.filter { !$0.isEmpty } == [Migration.all.map(\.version)])
            let connection = try PostgresConnection(conninfo: conninfo)
            defer { connection.close() }
            #expect(try connection.query("SELECT count(*) FROM referrald.schema_migration")[0, 0] == String(Migration.all.count))
        }
    }

    @Test func unmigratedDatabaseIsReported() async throws {
        _ = try await TestDatabase.withFreshDatabase { conninfo in
            #expect(throws: ReferralDatabase.NotMigrated.self) {
                _ = try ReferralDatabase(conninfo: conninfo, schema: "referrald")
            }
        }
    }
}
