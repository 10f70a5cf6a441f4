import CLibPQ

/// The rows of a finished statement, values as text.
///
/// Values are read from the underlying `PGresult` on access (no copying); the result is freed
/// when the last copy of this value goes away. Row and column indexes are zero-based and must
/// be in range.
public struct PostgresResult: Sendable {
    let storage: ResultStorage

    /// Takes ownership of `result` (a successful `PGresult`); it is `PQclear`ed later.
    init(taking result: OpaquePointer) {
        storage = ResultStorage(result)
    }

    public var rowCount: Int { storage.rowCount }
    public var columnCount: Int { storage.columnNames.count }
    /// Rows affected by INSERT/UPDATE/DELETE (PQcmdTuples), 0 otherwise.
    public var affectedRows: Int { storage.affectedRows }
    public var columnNames: [String] { storage.columnNames }
    /// The command tag, e.g. `INSERT 0 3` or `SELECT 1` (PQcmdStatus).
    public var commandTag: String { storage.commandTag }

    /// Text value at `row`, `column`; `nil` for NULL.
    public subscript(row: Int, column: Int) -> String? {
        precondition(row >= 0 && row < storage.rowCount, "row \(row) out of range 0..<\(storage.rowCount)")
        precondition(column >= 0 && column < storage.columnNames.count, "column \(column) out of range")
        let r = Int32(row), c = Int32(column)
        if PQgetisnull(storage.pointer, r, c) != 0 { return nil }
        guard let value = PQgetvalue(storage.pointer, r, c) else { return nil }
        return String(cString: value)
    }

    /// Text value at `row` in the named column; `nil` for NULL or no such column.
    ///
    /// The name is matched exactly (as returned by the server, i.e. usually lower case).
    public subscript(row: Int, column: String) -> String? {
        guard let index = storage.columnIndex[column] else { return nil }
        return self[row, index]
    }
}

/// Owns one `PGresult` and clears it in `deinit`.
///
/// `@unchecked Sendable`: nothing mutates the `PGresult` after creation, and libpq allows
/// concurrent reads of a result.
final class ResultStorage: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let affectedRows: Int
    let commandTag: String
    let columnNames: [String]
    let columnIndex: [String: Int]

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        let tag = PQcmdStatus(pointer).map { String(cString: $0) } ?? ""
        commandTag = tag
        // PQcmdTuples also counts SELECT/FETCH/COPY rows; report only data-modifying commands.
        let verb = tag.prefix { $0 != " " }
        affectedRows = ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(verb)
            ? PQcmdTuples(pointer).flatMap { Int(String(cString: $0)) } ?? 0
            : 0
        let names = (0..<PQnfields(pointer)).map { i in
            PQfname(pointer, i).map { String(cString: $0) } ?? ""
        }
        columnNames = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        columnIndex = index
    }

    deinit { PQclear(pointer) }
}
