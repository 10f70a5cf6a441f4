import PostgresLibPQ
import Testing
import TestSupport

@Suite("Server errors and transactions")
struct ErrorTests {
    @Test func uniqueViolationCarriesSQLStateAndDetail() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE u (id int PRIMARY KEY)")
        try conn.query("INSERT INTO u VALUES ($1)", ["1"])
        let error = #expect(throws: PostgresError.self) { try conn.query("INSERT INTO u VALUES ($1)", ["1"]) }
        #expect(error?.kind == .statement)
        #expect(error?.sqlState == "23505")
        #expect(error?.isTransient == false)
        #expect(error?.message.contains("duplicate key") == true)
        #expect(error?.detail == "Key (id)=(1) already exists.")
        let description = error?.description ?? ""
        #expect(description.contains("SQLSTATE 23505"))
        #expect(description.contains("DETAIL: Key (id)=(1) already exists."))
        #expect(conn.isHealthy)
        #expect(try conn.query("SELECT count(*) FROM u")[0, 0] == "1")
    }

    @Test func errorInsidePlpgsqlHasContextAndHint() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("""
            CREATE FUNCTION pg_temp.fail_deep(n int) RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'deep failure %', n USING ERRCODE = 'P0001', HINT = 'try less', DETAIL = 'n was odd';
            END $$;
            """)
        let error = #expect(throws: PostgresError.self) { try conn.query("SELECT pg_temp.fail_deep($1)", ["7"]) }
        #expect(error?.sqlState == "P0001")
        #expect(error?.message == "deep failure 7")
        #expect(error?.detail == "n was odd")
        #expect(error?.hint == "try less")
        #expect(error?.context?.contains("fail_deep") == true)
        let lines = (error?.description ?? "").split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.first == "deep failure 7")
        #expect(lines.last?.hasPrefix("CONTEXT: PL/pgSQL function") == true)
    }

    @Test func transientClassification() {
        #expect(PostgresError(kind: .connection, message: "x").isTransient)
        #expect(PostgresError(kind: .statement, sqlState: "08006", message: "x").isTransient)
        for state in ["57P01", "57P02", "57P03", "40001", "40P01", "53300"] {
            #expect(PostgresError(kind: .statement, sqlState: state, message: "x").isTransient)
        }
        for state in ["23505", "22P02", "42P01", "P0001"] {
            #expect(!PostgresError(kind: .statement, sqlState: state, message: "x").isTransient)
        }
        #expect(!PostgresError(kind: .copy, message: "x").isTransient)
        #expect(PostgresError(kind: .statement, message: "only").description == "only")
    }

    @Test func sessionEndingClassification() {
        #expect(PostgresError(kind: .connection, message: "x").endsSession)
        for state in ["08006", "57P01", "57P02", "57P03", "25006"] {
            #expect(PostgresError(kind: .statement, sqlState: state, message: "x").endsSession, "\(state)")
        }
        // Retried on the same connection: a serialization failure, a deadlock, too many connections.
        for state in ["40001", "40P01", "53300", "23505", "42P01"] {
            #expect(!PostgresError(kind: .statement, sqlState: state, message: "x").endsSession, "\(state)")
        }
    }

    /// A write on a server that became read-only (a standby, or a primary fenced before a
    /// switchover): transient, and only a new connection (to the writable host) can help.
    @Test func writeOnReadOnlySessionIsTransientAndEndsTheSession() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let conn = try PostgresConnection(conninfo: conninfo)
            defer { conn.close() }
            try conn.execute("CREATE TABLE t (id int)")
            try conn.execute("SET default_transaction_read_only = on")
            let error = #expect(throws: PostgresError.self) { try conn.query("INSERT INTO t VALUES (1)") }
            #expect(error?.kind == .statement)
            #expect(error?.sqlState == "25006")
            #expect(error?.isTransient == true)
            #expect(error?.endsSession == true)
            #expect(conn.isHealthy)
        }
    }

    @Test func transactionCommitsAndRollsBack() async throws {
        try await TestDatabase.withFreshDatabase { conninfo in
            let conn = try PostgresConnection(conninfo: conninfo)
            try conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let value = try conn.transaction {
                try conn.query("INSERT INTO t VALUES (1), (2)")
                return 42
            }
            #expect(value == 42)

            struct Boom: Error {}
            #expect(throws: Boom.self) {
                try conn.transaction {
                    try conn.query("INSERT INTO t VALUES (3)")
                    throw Boom()
                }
            }
            // A server error inside the transaction: rolled back, original error surfaces.
            let error = #expect(throws: PostgresError.self) {
                try conn.transaction {
                    try conn.query("INSERT INTO t VALUES (4)")
                    try conn.query("INSERT INTO t VALUES (1)")
                }
            }
            #expect(error?.sqlState == "23505")
            let other = try PostgresConnection(conninfo: conninfo)
            #expect(try other.query("SELECT string_agg(id::text, ',' ORDER BY id) FROM t")[0, 0] == "1,2")
            #expect(try conn.query("SELECT count(*) FROM t")[0, 0] == "2")
        }
    }
}

@Suite("Redacted errors")
struct RedactedErrorTests {
    @Test func statementErrorsNeverQuoteTheServer() {
        let error = PostgresError(kind: .statement, sqlState: "23514", message: "new row violates check constraint",
                                  detail: "Failing row contains (Jo, Smith, 2010-01-01).", context: "COPY referral, line 3")
        #expect(error.redactedDescription == "statement failed, SQLSTATE 23514")
        #expect(!error.redactedDescription.contains("Smith"))
    }
}
