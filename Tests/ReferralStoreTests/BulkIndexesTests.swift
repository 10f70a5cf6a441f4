import PostgresLibPQ
@testable import ReferralStore
import Testing
import TestSupport

/// The first load into an empty database builds `referral`'s and `child_alias`'s indexes after
/// its rows: the tables must end exactly as the migrations made them, and a load that fails or
/// a table that another refers to must keep them.
@Suite("Indexes built after a first load", .serialized)
struct BulkIndexesTests {
    /// Every index and constraint of the schema, as the catalog states them.
    static func schemaIndexes(_ h: StoreHarness) throws -> [String] {
        let r = try h.connection.query("""
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'referrald'
            UNION ALL
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'referrald'::regnamespace
            ORDER BY 1
            """)
        return (0..<r.rowCount).compactMap { r[$0, 0] }
    }

    /// Rows linking two identifiers, so the first load writes aliases as well as referrals.
    static let linkedRows = ChildrenTests.extract([
        ("S1", "2014-03-01", ChildrenTests.n1, ChildrenTests.u1, ""),
        ("S2", "2014-09-01", "", ChildrenTests.u1, ""),
        ("S3", "2014-04-01", ChildrenTests.n2, ChildrenTests.u2, "LA9"),
    ])

    @Test func theFirstLoadLeavesEveryIndexAsTheMigrationsMadeIt() async throws {
        try await StoreHarness.with { h in
            let before = try Self.schemaIndexes(h)
            #expect(before.contains { $0.contains("referral_child_key") })
            #expect(before.contains { $0.contains("child_alias_pkey") })
            let summary = try h.load(Self.linkedRows, partner: "schools", arrival: ChildrenTests.today)
            #expect(summary.rowsLoaded == 3)
            #expect(try h.count("SELECT count(*) FROM child_alias") == 3)
            #expect(try Self.schemaIndexes(h) == before)
            #expect(try h.count("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == 0)
            // The rebuilt primary key still refuses a second row with the same key.
            #expect(throws: PostgresError.self) {
                try h.connection.query("INSERT INTO referral SELECT * FROM referral WHERE partner_ref = 'S1'")
            }
            #expect(try h.scalar("SELECT child_key FROM referral WHERE partner_ref = 'S2'") == "nhs:\(ChildrenTests.n1)")
            #expect(try h.scalar("SELECT is_re_referral::text FROM referral WHERE partner_ref = 'S2'") == "true")
        }
    }

    @Test func aFirstLoadThatFailsKeepsTheIndexes() async throws {
        try await StoreHarness.with { h in
            let before = try Self.schemaIndexes(h)
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try h.connection.transaction { () throws in
                    let indexes = try BulkIndexes.drop(on: h.connection, table: "referral")
                    #expect(indexes != nil)
                    #expect(try h.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'referral'") == 0)
                    throw Stop()
                }
            }
            #expect(try Self.schemaIndexes(h) == before)
        }
    }

    @Test func aTableAnotherRefersToKeepsItsIndexes() async throws {
        try await StoreHarness.with { h in
            try h.connection.execute("""
                CREATE TABLE referral_note (partner text, partner_ref text,
                                            FOREIGN KEY (partner, partner_ref) REFERENCES referral)
                """)
            let before = try Self.schemaIndexes(h)
            try h.connection.transaction { () throws in
                #expect(try BulkIndexes.drop(on: h.connection, table: "referral") == nil)
                #expect(try h.count("SELECT count(*) FROM pg_indexes WHERE tablename = 'referral'") == 3)
            }
            let summary = try h.load(Self.linkedRows, partner: "schools", arrival: ChildrenTests.today)
            #expect(summary.rowsLoaded == 3)
            #expect(try Self.schemaIndexes(h) == before)
        }
    }

    @Test func aRoleThatDoesNotOwnTheTablesLoadsWithTheIndexesInPlace() async throws {
        try await StoreHarness.with { h in
            let role = "bulk_loader_\(Int.random(in: 0..<1_000_000))"
            try h.connection.execute("""
                CREATE ROLE \(role); GRANT USAGE ON SCHEMA referrald TO \(role);
                GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA referrald TO \(role);
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA referrald TO \(role)
                """)
            defer { try? h.connection.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
            let before = try Self.schemaIndexes(h)
            try h.connection.execute("SET ROLE \(role)")
            try h.connection.transaction { () throws in
                #expect(try BulkIndexes.drop(on: h.connection, table: "referral") == nil)
            }
            let summary = try h.load(Self.linkedRows, partner: "schools", arrival: ChildrenTests.today)
            try h.connection.execute("RESET ROLE")
            #expect(summary.rowsLoaded == 3)
            #expect(try h.count("SELECT count(*) FROM child_alias") == 3)
            #expect(try Self.schemaIndexes(h) == before)
        }
    }
}
