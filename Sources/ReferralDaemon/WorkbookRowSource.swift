import ReferralCore
import Workbook

/// A worksheet as a `RowSource` (extract.md, Workbooks): each sheet row one row at its sheet row
/// number (a missing row is a gap, an empty one blank), cells by their column, every field
/// located as the cell the partner sees (`cell C17`), a refused row kept as one RFC 4180 CSV line
/// of its cells. Rows from the header on have at least the header's width.
///
/// A workbook that turns out broken while streaming throws `FileRefusal` (`file.malformed`,
/// `file.too_large`), before or after the header.
public struct WorkbookRowSource: RowSource {
    private var reader: SheetReader
    private let headerRow: Int
    private var headerWidth = 0
    private var row = SheetRow()
    /// The current row's fields, dense: "" for an empty cell.
    private var fields: [String] = []

    /// Opens the profile's sheet of the workbook in `bytes`; throws `FileRefusal`.
    public init(bytes: any RandomAccessBytes, profile: PartnerProfile, maxInflated: Int64) throws {
        do {
            let workbook = try Workbook(input: WorkbookInput(bytes: bytes), maxTotal: maxInflated)
            let selector: Workbook.SheetSelector = switch profile.sheet {
            case .none: .firstVisible
            case .name(let name)?: .name(name)
            case .index(let index)?: .index(index)
            }
            reader = try workbook.sheet(selector)
        } catch let error as WorkbookError {
            throw FileRefusal(rule: error.rule.rawValue, message: error.message)
        }
        headerRow = profile.headerRow
    }

    public mutating func advance() throws -> Bool {
        do {
            guard try reader.next(into: &row) else { return false }
        } catch let error as WorkbookError {
            throw FileRefusal(rule: error.rule.rawValue, message: error.message)
        }
        fields.removeAll(keepingCapacity: true)
        guard let last = row.cells.last else { return true }
        if row.number == headerRow { headerWidth = last.column + 1 }
        let width = row.number >= headerRow ? max(headerWidth, last.column + 1) : last.column + 1
        fields.append(contentsOf: repeatElement("", count: width))
        for cell in row.cells { fields[cell.column] = cell.text }
        return true
    }

    public var position: Int { row.number }

    public var isBlank: Bool { row.cells.isEmpty }

    public var malformation: RowMalformation? { nil }

    public var fieldCount: Int { fields.count }

    public func text(at index: Int) -> FieldText {
        let text = fields[index]
        if text.isEmpty { return .empty }
        if text.utf8.contains(0) { return .unreadable(reason: "a NUL character") }
        return .text(text)
    }

    public func location(ofField index: Int) -> String? {
        "cell " + SheetRow.cellName(column: index, row: row.number)
    }

    public var locatesFields: Bool { true }

    public var rawContent: [UInt8] {
        var out: [UInt8] = []
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            Self.appendField(field, to: &out)
        }
        return out
    }

    /// One field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func appendField(_ text: String, to out: inout [UInt8]) {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// An item's bytes as the workbook reader reads them.
struct WorkbookInput: RandomAccessInput {
    let bytes: any RandomAccessBytes

    var size: Int64 { bytes.size }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        try bytes.read(into: buffer, at: offset)
    }
}
