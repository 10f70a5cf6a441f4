import ReferralCore
import Workbook

/// A worksheet served to the CSV reader as RFC 4180 CSV, one line per sheet row (a missing or
/// empty row is a blank line), so the profile's rules apply unchanged and a refused row keeps
/// its cells as one CSV line. Rows from the header on are padded to the header's width.
///
/// A workbook that turns out broken while streaming throws `FileRefusal` (`file.malformed`,
/// `file.too_large`).
public struct WorkbookRows: ByteSource {
    private var reader: SheetReader
    private let headerRow: Int
    private var headerWidth = 0
    private var row = SheetRow()
    private var nextNumber = 1
    private var pending: [UInt8] = []
    private var pendingAt = 0
    private var sheetDone = false
    private var rowReady = false

    init(reader: SheetReader, headerRow: Int) {
        self.reader = reader
        self.headerRow = headerRow
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count {
            if pendingAt == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingAt = 0
                guard try produceLine() else { break }
            }
            let n = min(buffer.count - written, pending.count - pendingAt)
            pending.withUnsafeBytes { src in
                (buffer.baseAddress! + written).copyMemory(from: src.baseAddress! + pendingAt, byteCount: n)
            }
            pendingAt += n
            written += n
        }
        return written
    }

    /// Appends the next sheet row's line to `pending`; false at the end of the sheet.
    private mutating func produceLine() throws -> Bool {
        if !rowReady && !sheetDone {
            do {
                rowReady = try reader.next(into: &row)
            } catch let error as WorkbookError {
                throw FileRefusal(rule: error.rule.rawValue, message: error.message)
            }
            sheetDone = !rowReady
        }
        if sheetDone { return false }
        if nextNumber < row.number {
            pending.append(0x0A)
            nextNumber += 1
            return true
        }
        rowReady = false
        nextNumber += 1
        guard let last = row.cells.last else {
            pending.append(0x0A)
            return true
        }
        if row.number == headerRow { headerWidth = last.column + 1 }
        let width = row.number >= headerRow ? max(headerWidth, last.column + 1) : last.column + 1
        var column = 0
        for cell in row.cells {
            while column < cell.column { pending.append(UInt8(ascii: ",")); column += 1 }
            Self.appendField(cell.text, to: &pending)
        }
        while column < width - 1 { pending.append(UInt8(ascii: ",")); column += 1 }
        pending.append(0x0A)
        return true
    }

    /// One field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func appendField(_ text: String, to out: inout [UInt8]) {
        let bytes = text.utf8
        if bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            out.append(UInt8(ascii: "\""))
            for b in bytes {
                if b == UInt8(ascii: "\"") { out.append(b) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: bytes)
        }
    }
}
