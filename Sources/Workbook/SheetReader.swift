/// Streams one worksheet's rows (`<sheetData>`), cell values turned to text. Rows and columns
/// come from the cell references; rows must ascend, as Excel writes them.
public struct SheetReader {
    private var scanner: XMLScanner<ZipEntryStream>
    private let strings: SharedStrings
    private let formats: [NumberFormat]
    private let date1904: Bool
    private var lastRow = 0
    private var finished = false
    private var value: [UInt8] = []

    init(scanner: XMLScanner<ZipEntryStream>, strings: SharedStrings, formats: [NumberFormat], date1904: Bool) {
        self.scanner = scanner
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
    }

    private func malformed(_ what: String) -> WorkbookError {
        WorkbookError.malformed("the sheet part \(scanner.part) \(what)")
    }

    /// Reads the next row that has a `<row>` element into `row`; false at the end of the sheet.
    public mutating func next(into row: inout SheetRow) throws -> Bool {
        guard !finished else { return false }
        row.cells.removeAll(keepingCapacity: true)
        var inRow = false, inCell = false, inValue = false, inInline = false, inText = false, phonetic = 0
        var column = -1, lastColumn = -1, style = 0
        var type: CellType = .number
        while true {
            switch try scanner.next() {
            case .endOfDocument:
                finished = true
                guard !inRow else { throw malformed("ends inside a row") }
                return false
            case .start:
                if scanner.nameIs("c") {
                    guard inRow else { throw malformed("has a cell outside a row") }
                    if let parsed = scanner.withAttribute("r", { $0.map(SheetRow.parseReference) }) {
                        guard let parsed, parsed.row == nil || parsed.row == row.number else {
                            throw malformed("has a cell reference that is not in its row or beyond Excel's columns (row \(row.number))")
                        }
                        column = parsed.column
                    } else {
                        column = lastColumn + 1
                    }
                    guard column > lastColumn, column < SheetRow.maxColumns else {
                        throw malformed("has cells out of order or beyond Excel's 16,384 columns (row \(row.number))")
                    }
                    lastColumn = column
                    style = scanner.attributeInt("s") ?? 0
                    type = scanner.withAttribute("t") { CellType($0) }
                    value.removeAll(keepingCapacity: true)
                    inCell = !scanner.selfClosing
                } else if scanner.nameIs("row") {
                    let number: Int
                    if scanner.withAttribute("r", { $0 != nil }) {
                        guard let n = scanner.attributeInt("r") else { throw malformed("has a row without a valid number") }
                        number = n
                    } else {
                        number = lastRow + 1
                    }
                    guard number > lastRow, number <= SheetRow.maxRows else {
                        throw malformed("has rows out of order or beyond Excel's 1,048,576 rows")
                    }
                    row.number = number
                    lastRow = number
                    lastColumn = -1
                    if scanner.selfClosing { return true }
                    inRow = true
                } else if inCell && scanner.nameIs("v") {
                    inValue = !scanner.selfClosing
                } else if inCell && scanner.nameIs("is") {
                    inInline = !scanner.selfClosing
                } else if inInline && scanner.nameIs("rPh") {
                    if !scanner.selfClosing { phonetic += 1 }
                } else if inInline && scanner.nameIs("t") {
                    inText = phonetic == 0 && !scanner.selfClosing
                } else if inCell && scanner.nameIs("f") {
                    try scanner.skipElement()
                }
            case .text:
                if inValue || inText { scanner.appendText(to: &value) }
            case .end:
                if scanner.nameIs("v") { inValue = false }
                else if scanner.nameIs("t") { inText = false }
                else if scanner.nameIs("rPh") { phonetic -= 1 }
                else if scanner.nameIs("is") { inInline = false }
                else if inCell && scanner.nameIs("c") {
                    inCell = false
                    let text = try cellText(type: type, style: style, row: row.number)
                    if !text.isEmpty { row.cells.append(SheetRow.Cell(column: column, text: text)) }
                } else if inRow && scanner.nameIs("row") {
                    return true
                } else if scanner.nameIs("sheetData") {
                    finished = true
                    return false
                }
            }
        }
    }

    private enum CellType {
        case number, shared, string, inline, boolean, error, date

        init(_ t: ArraySlice<UInt8>?) {
            guard let t, let first = t.first else { self = .number; return }
            switch (first, t.count) {
            case (UInt8(ascii: "s"), 1): self = .shared
            case (UInt8(ascii: "s"), 3): self = .string
            case (UInt8(ascii: "i"), _): self = .inline
            case (UInt8(ascii: "b"), 1): self = .boolean
            case (UInt8(ascii: "e"), 1): self = .error
            case (UInt8(ascii: "d"), 1): self = .date
            default: self = .number
            }
        }
    }

    private func cellText(type: CellType, style: Int, row: Int) throws -> String {
        if value.isEmpty { return "" }
        let raw = String(decoding: value, as: UTF8.self)
        switch type {
        case .shared:
            guard let index = Int(raw), let text = strings[index] else {
                throw malformed("has a cell naming a shared string that does not exist (row \(row))")
            }
            return text
        case .string, .inline: return raw
        case .boolean: return raw == "1" || raw == "true" ? "TRUE" : "FALSE"
        case .error: return ""
        case .date: return CellText.isoDate(raw)
        case .number:
            let format = style >= 0 && style < formats.count ? formats[style] : .general
            return CellText.number(raw: raw, format: format, date1904: date1904)
        }
    }
}
