import Workbook

extension FuzzTarget {
    /// A ZIP or OLE file goes to the workbook reader (budget 1 MiB inflated); anything else is
    /// scanned as XML in random chunk sizes. Either is refused with a `WorkbookError` or read
    /// within bounds: rows ascend within Excel's limits, cells ascend within a row, and no
    /// more text comes out than the budget let in.
    static func workbook(_ input: [UInt8]) -> [String] {
        if Workbook.hasSignature(input) || input.starts(with: [0x50, 0x4B]) {
            return workbookFile(input)
        }
        var fuzz = FuzzInput(input)
        let chunk = 1 + fuzz.byte() % 31
        var scanner = XMLScanner(source: MemoryStream(fuzz.bytes, maxChunk: chunk), part: "fuzz.xml", maxToken: 512)
        var events = 0
        do {
            while try scanner.next() != .endOfDocument {
                events += 1
                if events > input.count + 1 { return ["more XML events than bytes"] }
                if scanner.textCount > input.count * 4 + 4 { return ["decoded text longer than its source"] }
            }
        } catch is WorkbookError {
        } catch {
            return ["an error that is not a WorkbookError: \(error)"]
        }
        return []
    }

    private static func workbookFile(_ input: [UInt8]) -> [String] {
        let budget: Int64 = 1 << 20
        do {
            var reader = try Workbook(input: MemoryInput(input), maxTotal: budget).sheet(.firstVisible)
            var row = SheetRow()
            var lastRow = 0
            var text = 0
            while try reader.next(into: &row) {
                if row.number <= lastRow || row.number > SheetRow.maxRows { return ["rows out of order or beyond Excel's"] }
                lastRow = row.number
                var lastColumn = -1
                for cell in row.cells {
                    if cell.column <= lastColumn || cell.column >= SheetRow.maxColumns { return ["cells out of order or beyond Excel's"] }
                    lastColumn = cell.column
                    text += cell.text.utf8.count
                }
                // Numbers and dates can read longer than their XML (`1e5` is `100000`), never by much.
                if text > Int(budget) * 4 + 8 << 20 { return ["more text than the inflate budget allows"] }
            }
        } catch is WorkbookError {
        } catch {
            return ["an error that is not a WorkbookError: \(error)"]
        }
        return []
    }
}
