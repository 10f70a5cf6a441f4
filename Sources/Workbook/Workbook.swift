/// An `.xlsx` workbook opened for streaming: the ZIP directory, the sheet list, the styles and
/// the shared strings are read up front; one sheet is then streamed row by row.
///
/// `open` also takes an OLE compound file or any other bytes, to refuse them by their rule.
public final class Workbook {
    /// Which sheet `sheet:` names: the first visible one, a name, or a 1-based position.
    public enum SheetSelector: Sendable, Equatable {
        case firstVisible
        case name(String)
        case index(Int)
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var hidden: Bool
        /// The worksheet part, such as `xl/worksheets/sheet1.xml`; nil for a chart sheet.
        public var part: String?
    }

    public let sheets: [Sheet]
    public let date1904: Bool
    public let sharedStrings: SharedStrings
    let input: any RandomAccessInput
    let directory: ZipDirectory
    let budget: InflateBudget
    let formats: [NumberFormat]

    /// True when `prefix` starts with the ZIP (`PK\x03\x04`) or OLE (`D0 CF 11 E0`) signature.
    public static func hasSignature(_ prefix: [UInt8]) -> Bool {
        prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) || prefix.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    /// Opens the workbook in `input`; `maxTotal` bounds what all its parts inflate to together.
    public init(input: some RandomAccessInput, maxTotal: Int64) throws {
        let prefix = try input.bytes(at: 0, count: Int(min(8, input.size)))
        if prefix.starts(with: CompoundFile.signature) { throw CompoundFile.refusal(input: input) }
        guard prefix.starts(with: [0x50, 0x4B]) else {
            throw WorkbookError(.unsupportedFormat, "the file is not an .xlsx workbook (no ZIP signature): save it as .xlsx or CSV")
        }
        self.input = input
        directory = try ZipDirectory(input: input)
        budget = InflateBudget(maxTotal: maxTotal)
        if directory.entry("mimetype") != nil || directory.entry("content.xml") != nil {
            throw WorkbookError(.unsupportedFormat, "the file is an OpenDocument spreadsheet (.ods), not .xlsx: save it as .xlsx or CSV")
        }
        var workbookPart = "xl/workbook.xml"
        if directory.entry("_rels/.rels") != nil {
            var scanner = try Self.scanner(directory, "_rels/.rels", input, budget)
            let rels = try WorkbookParts.relationships(&scanner)
            if let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPart = WorkbookParts.resolve(office.target, from: "")
            }
        }
        if workbookPart.hasSuffix(".bin") || directory.entry("xl/workbook.bin") != nil {
            throw WorkbookError(.unsupportedFormat, "the file is a binary workbook (.xlsb): save it as .xlsx or CSV")
        }
        guard directory.entry(workbookPart) != nil else {
            throw WorkbookError(.unsupportedFormat, "the ZIP file holds no workbook: save it as .xlsx or CSV")
        }
        var scanner = try Self.scanner(directory, workbookPart, input, budget)
        let info = try WorkbookParts.workbook(&scanner)
        date1904 = info.date1904
        var rels: [WorkbookParts.Relationship] = []
        let relsPart = WorkbookParts.relationshipsPart(of: workbookPart)
        if directory.entry(relsPart) != nil {
            var relsScanner = try Self.scanner(directory, relsPart, input, budget)
            rels = try WorkbookParts.relationships(&relsScanner)
        }
        sheets = info.sheets.map { entry in
            let rel = rels.first { $0.id == entry.relationshipID && $0.type.hasSuffix("/worksheet") }
            return Sheet(name: entry.name, hidden: entry.hidden, part: rel.map { WorkbookParts.resolve($0.target, from: workbookPart) })
        }
        if let styles = rels.first(where: { $0.type.hasSuffix("/styles") }).map({ WorkbookParts.resolve($0.target, from: workbookPart) }),
           directory.entry(styles) != nil {
            var stylesScanner = try Self.scanner(directory, styles, input, budget)
            formats = try WorkbookParts.styles(&stylesScanner)
        } else {
            formats = []
        }
        if let strings = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }).map({ WorkbookParts.resolve($0.target, from: workbookPart) }),
           directory.entry(strings) != nil {
            var stringsScanner = try Self.scanner(directory, strings, input, budget)
            sharedStrings = try SharedStrings.read(&stringsScanner)
        } else {
            sharedStrings = SharedStrings()
        }
    }

    /// Opens the selected worksheet for streaming; `file.sheet_missing` names the sheets there are.
    public func sheet(_ selector: SheetSelector) throws -> SheetReader {
        let chosen: Sheet?
        switch selector {
        case .firstVisible: chosen = sheets.first { !$0.hidden && $0.part != nil }
        case .name(let name): chosen = sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
        case .index(let i): chosen = i >= 1 && i <= sheets.count ? sheets[i - 1] : nil
        }
        guard let chosen, let part = chosen.part, directory.entry(part) != nil else {
            let names = sheets.map { "\"\($0.name)\"" + ($0.hidden ? " (hidden)" : "") }.joined(separator: ", ")
            let wanted: String
            switch selector {
            case .firstVisible: wanted = "visible worksheet"
            case .name(let name): wanted = "sheet named \"\(name)\""
            case .index(let i): wanted = "sheet number \(i)"
            }
            throw WorkbookError(.sheetMissing, "the workbook has no \(wanted); its sheets are: \(names.isEmpty ? "none" : names)")
        }
        let scanner = try Self.scanner(directory, part, input, budget)
        return SheetReader(scanner: scanner, strings: sharedStrings, formats: formats, date1904: date1904)
    }

    private static func scanner(_ directory: ZipDirectory, _ part: String, _ input: some RandomAccessInput, _ budget: InflateBudget) throws -> XMLScanner<ZipEntryStream> {
        guard let entry = directory.entry(part) else { throw WorkbookError.malformed("the workbook has no part \(part)") }
        return XMLScanner(source: try ZipEntryStream(input: input, entry: entry, budget: budget), part: part)
    }
}
