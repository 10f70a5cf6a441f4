import PostgresLibPQ
import Testing
import TestSupport

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test func copiesManyRowsWrittenInSmallPieces() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE c (id int NOT NULL, name text, amount bigint)")
        let count = 100_000
        var expectedAmount = 0
        var expectedLength = 0
        let copied = try conn.copyIn("COPY c (id, name, amount) FROM STDIN") { writer in
            for id in 1...count {
                for byte in String(id).utf8 { try writer.write(byte: byte) }
                try writer.write(byte: 0x09)
                let name = id % 1000 == 0 ? "Zoë 東京 \(id)" : "name-\(id)"
                expectedLength += name.unicodeScalars.count
                try writer.write(Array(name.utf8))
                try writer.write(byte: 0x09)
                let amount = id * 7 % 1013
                expectedAmount += amount
                try Array(String(amount).utf8).withUnsafeBytes { raw in try writer.write(raw) }
                try writer.write(byte: 0x0A)
            }
            #expect(writer.bytesWritten > CopyInWriter.bufferSize * 4)
        }
        #expect(copied == count)
        let check = try conn.query("""
            SELECT count(*), sum(id), sum(amount), sum(length(name)),
                   count(*) FILTER (WHERE name LIKE 'Zoë 東京 %')
            FROM c
            """)
        #expect(check[0, 0] == String(count))
        #expect(check[0, 1] == String(count * (count + 1) / 2))
        #expect(check[0, 2] == String(expectedAmount))
        #expect(check[0, 3] == String(expectedLength))
        #expect(check[0, 4] == String(count / 1000))
    }

    @Test func badRowGivesCopyErrorWithLineAndConnectionSurvives() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE c (id int, name text)")
        let error = #expect(throws: PostgresError.self) {
            try conn.copyIn("COPY c FROM STDIN") { writer in
                try writer.write(Array("1\tone\n2\ttwo\nabc\tthree\n4\tfour\n".utf8))
            }
        }
        #expect(error?.kind == .copy)
        #expect(error?.sqlState == "22P02")
        #expect(error?.context?.contains("line 3") == true)
        #expect(error?.description.contains("CONTEXT: COPY c, line 3") == true)
        #expect(conn.isHealthy)
        #expect(try conn.query("SELECT count(*) FROM c")[0, 0] == "0")
        #expect(try conn.copyIn("COPY c FROM STDIN") { try $0.write(Array("5\tfive\n".utf8)) } == 1)
    }

    @Test func errorThrownByBodyAbortsTheCopy() throws {
        struct Stop: Error {}
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TEMP TABLE c (id int)")
        #expect(throws: Stop.self) {
            try conn.copyIn("COPY c FROM STDIN") { writer in
                try writer.write(Array("1\n2\n".utf8))
                throw Stop()
            }
        }
        #expect(conn.isHealthy)
        #expect(try conn.query("SELECT count(*) FROM c")[0, 0] == "0")
    }

    @Test func copyStatementErrorsAreStatementErrors() throws {
        let conn = try TestDatabase.connect()
        let missing = #expect(throws: PostgresError.self) {
            try conn.copyIn("COPY no_such_table FROM STDIN") { _ in }
        }
        #expect(missing?.kind == .statement)
        #expect(missing?.sqlState == "42P01")
        let notCopy = #expect(throws: PostgresError.self) { try conn.copyIn("SELECT 1") { _ in } }
        #expect(notCopy?.kind == .statement)
        let viaQuery = #expect(throws: PostgresError.self) { try conn.execute("COPY (SELECT 1) TO STDOUT") }
        #expect(viaQuery?.kind == .statement)
        #expect(try conn.query("SELECT 1")[0, 0] == "1")
    }
}
