import PostgresLibPQ
import Testing
import TestSupport

@Suite("Broken connections", .serialized)
struct OutageTests {
    /// Terminates `victim`'s backend from a second connection, waiting until it is gone.
    private func terminate(_ victim: PostgresConnection) throws {
        let admin = try TestDatabase.connect()
        let result = try admin.query("SELECT pg_terminate_backend($1::int, 10000)", [String(victim.backendPID)])
        #expect(result[0, 0] == "t")
    }

    @Test func terminatedBackendGivesTransientConnectionErrorAndReconnectWorks() throws {
        let conn = try TestDatabase.connect()
        let collected = NoticeTests.Collected()
        conn.onNotice = { collected.notices.append($0) }
        let before = conn.backendPID
        try terminate(conn)

        let error = #expect(throws: PostgresError.self) { try conn.query("SELECT 1") }
        #expect(error?.kind == .connection)
        #expect(error?.isTransient == true)
        #expect(!conn.isHealthy)

        try conn.reconnect()
        #expect(conn.isHealthy)
        #expect(conn.backendPID != before)
        #expect(try conn.query("SELECT current_setting('client_encoding')")[0, 0] == "UTF8")
        // The notice receiver survives the reset.
        try conn.execute("DO $$ BEGIN RAISE NOTICE 'after reset'; END $$")
        #expect(collected.notices.map(\.message) == ["after reset"])
    }

    @Test func brokenConnectionInsideTransactionSurfacesTheOriginalError() throws {
        let conn = try TestDatabase.connect()
        let error = #expect(throws: PostgresError.self) {
            try conn.transaction {
                try terminate(conn)
                try conn.query("SELECT 1")
            }
        }
        #expect(error?.kind == .connection)
        try conn.reconnect()
        #expect(try conn.query("SELECT 2")[0, 0] == "2")
    }

    @Test func brokenConnectionDuringCopy() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE c (id int)")
        let error = #expect(throws: (any Error).self) {
            try conn.copyIn("COPY c FROM STDIN") { writer in
                try writer.write(Array("1\n".utf8))
                try terminate(conn)
                for _ in 0..<200_000 { try writer.write(Array("2\n".utf8)) }
            }
        }
        #expect((error as? PostgresError)?.kind == .connection)
        #expect(!conn.isHealthy)
        try conn.reconnect()
        #expect(try conn.query("SELECT 3")[0, 0] == "3")
    }
}
