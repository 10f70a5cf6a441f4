import ReferralCore
import Workbook

/// A partner's file as the extract scanner reads it: its bytes as CSV, or a worksheet's rows
/// as CSV lines (`format: xlsx`, or `auto` on a ZIP or OLE signature).
public struct ExtractSource: ByteSource {
    private var csv: FileByteSource?
    private var rows: WorkbookRows?

    static func csv(_ source: FileByteSource) -> ExtractSource { ExtractSource(csv: source, rows: nil) }
    static func workbook(_ rows: WorkbookRows) -> ExtractSource { ExtractSource(csv: nil, rows: rows) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        // Moved out while read (the optional emptied), so the sheet's buffers are never copied.
        if var moved = rows {
            rows = nil
            defer { rows = moved }
            return try moved.read(into: buffer)
        }
        return try csv!.read(into: buffer)
    }

    /// True for a workbook: the scanner names sheet cells in its messages.
    public var isWorkbook: Bool { rows != nil }

    /// The scanner's options for this source.
    public var options: CSVOptions {
        var options = CSVOptions()
        options.sheetCells = isWorkbook
        return options
    }
}

/// An opened file as the workbook reader reads it: at offsets, within the size seen at opening.
struct OpenedFileInput: RandomAccessInput {
    let file: OpenedFile

    var size: Int64 { file.size }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        let remaining = file.size - offset
        guard remaining > 0 else { return 0 }
        let n: Int = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(Int(min(Int64(buffer.count), remaining)))), at: offset)
        return n
    }
}

extension OpenedFile {
    /// The file as the profile says to read it. A workbook is opened here (its sheet list,
    /// styles and shared strings read); throws `FileRefusal` when it must be refused whole.
    /// `maxTotal` bounds what its parts inflate to together (the configured `max_file_size`).
    public func extractSource(profile: PartnerProfile, maxTotal: Int64) throws -> ExtractSource {
        switch profile.format {
        case .csv:
            return .csv(byteSource())
        case .auto:
            var prefix = [UInt8](repeating: 0, count: 4)
            let n = try prefix.withUnsafeMutableBytes { try read(into: $0, at: 0) }
            guard Workbook.hasSignature(Array(prefix.prefix(n))) else { return .csv(byteSource()) }
        case .xlsx:
            break
        }
        do {
            let workbook = try Workbook(input: OpenedFileInput(file: self), maxTotal: maxTotal)
            let selector: Workbook.SheetSelector = switch profile.sheet {
            case .none: .firstVisible
            case .name(let name)?: .name(name)
            case .index(let index)?: .index(index)
            }
            return .workbook(WorkbookRows(reader: try workbook.sheet(selector), headerRow: profile.headerRow))
        } catch let error as WorkbookError {
            throw FileRefusal(rule: error.rule.rawValue, message: error.message)
        }
    }
}
