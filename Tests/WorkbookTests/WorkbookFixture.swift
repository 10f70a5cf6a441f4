import Foundation
import Workbook

/// The committed fixture workbooks (Fixtures/make-fixtures.py says which software wrote each).
enum WorkbookFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return [UInt8](try Data(contentsOf: url))
    }

    static func open(_ name: String, maxTotal: Int64 = 1 << 30) throws -> Workbook {
        try Workbook(input: MemoryInput(bytes(name)), maxTotal: maxTotal)
    }

    /// Every row of the selected sheet, as (row number, [column: text]).
    static func rows(_ name: String, sheet: Workbook.SheetSelector = .firstVisible) throws -> [SheetRow] {
        var reader = try open(name).sheet(sheet)
        var out: [SheetRow] = []
        var row = SheetRow()
        while try reader.next(into: &row) { out.append(row) }
        return out
    }

    /// The rule a workbook is refused with, or nil when it opens and its first sheet reads.
    static func refusal(_ bytes: [UInt8], maxTotal: Int64 = 1 << 30) -> WorkbookError.Rule? {
        do {
            var reader = try Workbook(input: MemoryInput(bytes), maxTotal: maxTotal).sheet(.firstVisible)
            var row = SheetRow()
            while try reader.next(into: &row) {}
            return nil
        } catch let error as WorkbookError {
            return error.rule
        } catch {
            return .unreadable
        }
    }
}

import Testing

extension SheetRow {
    /// The text of column `column` (0-based), "" when the cell is absent.
    subscript(column: Int) -> String { cells.first { $0.column == column }?.text ?? "" }
}
