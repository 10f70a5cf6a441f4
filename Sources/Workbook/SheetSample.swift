/// The first rows of a workbook's sheet as dense rows of cell texts, each at its sheet row
/// number (`rows[n - 1]` is sheet row `n`; a missing row is empty): what `referrald profile
/// draft` reads from a workbook, as it reads a CSV sample's records.
public struct SheetSample {
    /// The sheet read, and its 1-based position in the workbook.
    public var sheet: Workbook.Sheet
    public var position: Int
    public var rows: [[String]]

    /// Reads the first visible worksheet, at most `limit` sheet rows; throws `WorkbookError`.
    public init(_ workbook: Workbook, limit: Int) throws {
        guard let index = workbook.sheets.firstIndex(where: { !$0.hidden && $0.part != nil }) else {
            // The workbook's own refusal, naming the sheets there are.
            _ = try workbook.sheet(.firstVisible)
            throw WorkbookError(.sheetMissing, "the workbook has no visible worksheet")
        }
        sheet = workbook.sheets[index]
        position = index + 1
        var reader = try workbook.sheet(.index(position))
        var row = SheetRow()
        rows = []
        while try reader.next(into: &row), row.number <= limit {
            while rows.count < row.number - 1 { rows.append([]) }
            var fields = [String](repeating: "", count: (row.cells.last?.column ?? -1) + 1)
            for cell in row.cells { fields[cell.column] = cell.text }
            rows.append(fields)
        }
    }
}
