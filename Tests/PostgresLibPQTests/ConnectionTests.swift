import PostgresLibPQ
import Testing
import TestSupport

@Suite("Connecting and querying")
struct ConnectionTests {
    @Test func connectsAndReportsHealthy() throws {
        let conn = try TestDatabase.connect()
        #expect(conn.isHealthy)
        #expect(conn.backendPID > 0)
        let result = try conn.query("SELECT current_setting('client_encoding') AS enc, 1 + 1 AS two")
        #expect(result.rowCount == 1)
        #expect(result.columnCount == 2)
        #expect(result.columnNames == ["enc", "two"])
        #expect(result[0, "enc"] == "UTF8")
        #expect(result[0, 1] == "2")
        #expect(result[0, "missing"] == nil)
        conn.close()
        #expect(!conn.isHealthy)
        conn.close()  // idempotent
        let error = #expect(throws: PostgresError.self) { try conn.query("SELECT 1") }
        #expect(error?.kind == .connection)
    }

    @Test func badConninfoThrowsConnectionError() {
        let unreachable = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(conninfo: "host=/nonexistent/socket/dir port=1 connect_timeout=2")
        }
        #expect(unreachable?.kind == .connection)
        #expect(unreachable?.isTransient == true)
        #expect(unreachable?.message.isEmpty == false)
        #expect(unreachable?.message.hasSuffix("\n") == false)

        let malformed = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(conninfo: "this is = not a conninfo ===")
        }
        #expect(malformed?.kind == .connection)

        let noDatabase = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(conninfo: TestDatabase.conninfo(database: "no_such_db_referrald"))
        }
        #expect(noDatabase?.kind == .connection)
        #expect(noDatabase?.message.contains("no_such_db_referrald") == true)
    }

    @Test func parametersIncludingNullAndUnicode() throws {
        let conn = try TestDatabase.connect()
        let text = "Zoë – 東京 🚑 'quoted' \"double\" \\ back"
        let result = try conn.query(
            "SELECT $1::text AS a, $2::text AS b, $3::int + 1 AS c, $2 IS NULL AS b_null, length($1) AS len",
            [text, nil, "41"]
        )
        #expect(result[0, "a"] == text)
        #expect(result[0, "b"] == nil)
        #expect(result[0, "c"] == "42")
        #expect(result[0, "b_null"] == "t")
        #expect(result[0, "len"] == String(text.unicodeScalars.count))
        let empty = try conn.query("SELECT ''::text AS e")
        #expect(empty[0, 0] == "")
    }

    @Test func affectedRowsAndMultiStatementExecute() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("""
            CREATE TEMP TABLE items (id int PRIMARY KEY, label text);
            INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');
            UPDATE items SET label = upper(label) WHERE id > 1;
            """)
        let updated = try conn.query("UPDATE items SET label = label || '!' WHERE id <> $1", ["2"])
        #expect(updated.affectedRows == 2)
        #expect(updated.rowCount == 0)
        let rows = try conn.query("SELECT id, label FROM items ORDER BY id")
        #expect(rows.rowCount == 3)
        #expect((0..<rows.rowCount).map { rows[$0, "label"] } == ["a!", "B", "C!"])
        #expect(try conn.query("SELECT 1").affectedRows == 0)
        #expect(try conn.query("INSERT INTO items VALUES (9, $1) RETURNING id", ["z"]).affectedRows == 1)
        try conn.query("DELETE FROM items WHERE id = 9")

        // A failure in the middle stops the rest and leaves the connection usable.
        let error = #expect(throws: PostgresError.self) {
            try conn.execute("INSERT INTO items VALUES (4, 'd'); SELECT 1/0; INSERT INTO items VALUES (5, 'e');")
        }
        #expect(error?.kind == .statement)
        #expect(error?.sqlState == "22012")
        #expect(try conn.query("SELECT count(*) FROM items")[0, 0] == "3")
        try conn.execute("")  // empty query is fine
    }

    @Test func quotesIdentifiers() throws {
        #expect(PostgresConnection.quoteIdentifier("referrald") == "\"referrald\"")
        #expect(PostgresConnection.quoteIdentifier("we\"ird Name") == "\"we\"\"ird Name\"")
        let conn = try TestDatabase.connect()
        let name = "Odd \"schema\" ü"
        #expect(try conn.escapeIdentifier(name) == PostgresConnection.quoteIdentifier(name))
        let result = try conn.query("SELECT 1 AS \(PostgresConnection.quoteIdentifier(name))")
        #expect(result.columnNames == [name])
    }
}

@Suite("Parameter edge cases")
struct ParameterEdgeCaseTests {
    @Test func nulByteInParameterIsRefused() throws {
        let conn = try TestDatabase.connect()
        let error = #expect(throws: PostgresError.self) { try conn.query("SELECT $1::text", ["a\u{0}b"]) }
        #expect(error?.kind == .statement)
        #expect(conn.isHealthy)
    }
}
