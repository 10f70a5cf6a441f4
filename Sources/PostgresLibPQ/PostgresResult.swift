/// The rows of a finished statement, values as text.
public struct PostgresResult: Sendable {
    public var rowCount: Int { fatalError("stub") }
    public var columnCount: Int { fatalError("stub") }
    /// Rows affected by INSERT/UPDATE/DELETE (PQcmdTuples), 0 otherwise.
    public var affectedRows: Int { fatalError("stub") }
    public var columnNames: [String] { fatalError("stub") }
    /// Text value at `row`, `column`; `nil` for NULL.
    public subscript(row: Int, column: Int) -> String? { fatalError("stub") }
    /// Text value at `row` in the named column; `nil` for NULL or no such column.
    public subscript(row: Int, column: String) -> String? { fatalError("stub") }
}
