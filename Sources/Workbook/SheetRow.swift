/// One worksheet row: its 1-based sheet row number and its non-empty cells in column order.
public struct SheetRow: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        /// 0-based column (A is 0).
        public var column: Int
        public var text: String

        public init(column: Int, text: String) {
            self.column = column
            self.text = text
        }
    }

    public var number: Int
    public var cells: [Cell]

    public init(number: Int = 0, cells: [Cell] = []) {
        self.number = number
        self.cells = cells
    }

    /// Excel's limits: 1,048,576 rows × 16,384 columns.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    /// `C17` for column 2, row 17.
    public static func cellName(column: Int, row: Int) -> String {
        columnName(column) + String(row)
    }

    /// `A`, `Z`, `AA`, … for 0, 25, 26, …
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The column and row of a reference such as `C17` (row nil when the reference has none).
    static func parseReference(_ bytes: ArraySlice<UInt8>) -> (column: Int, row: Int?)? {
        var column = 0, i = bytes.startIndex
        while i < bytes.endIndex, case let b = bytes[i] | 0x20, b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") {
            column = column * 26 + Int(b - UInt8(ascii: "a")) + 1
            guard column <= maxColumns else { return nil }
            i += 1
        }
        guard column > 0 else { return nil }
        guard i < bytes.endIndex else { return (column - 1, nil) }
        var row = 0
        while i < bytes.endIndex {
            let d = bytes[i]
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            row = row * 10 + Int(d - UInt8(ascii: "0"))
            guard row <= maxRows else { return nil }
            i += 1
        }
        return (column - 1, row)
    }
}
