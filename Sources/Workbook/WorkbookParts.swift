/// The small parts of a workbook, read whole: relationships, the sheet list, the styles.
enum WorkbookParts {
    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    struct SheetEntry {
        var name: String
        var relationshipID: String
        var hidden: Bool
    }

    static func relationships<S: ByteStream>(_ scanner: inout XMLScanner<S>) throws -> [Relationship] {
        var out: [Relationship] = []
        while true {
            switch try scanner.next() {
            case .endOfDocument: return out
            case .start where scanner.nameIs("Relationship"):
                out.append(Relationship(
                    id: scanner.attributeString("Id") ?? "", type: scanner.attributeString("Type") ?? "",
                    target: scanner.attributeString("Target") ?? ""))
            default: continue
            }
        }
    }

    /// The sheets in workbook order and whether dates count from 1904.
    static func workbook<S: ByteStream>(_ scanner: inout XMLScanner<S>) throws -> (sheets: [SheetEntry], date1904: Bool) {
        var sheets: [SheetEntry] = []
        var date1904 = false
        while true {
            switch try scanner.next() {
            case .endOfDocument: return (sheets, date1904)
            case .start where scanner.nameIs("workbookPr"):
                if let v = scanner.attributeString("date1904") { date1904 = v == "1" || v == "true" }
            case .start where scanner.nameIs("sheet"):
                let state = scanner.attributeString("state") ?? "visible"
                sheets.append(SheetEntry(
                    name: scanner.attributeString("name") ?? "", relationshipID: scanner.attributeString("id") ?? "",
                    hidden: state != "visible"))
            default: continue
            }
        }
    }

    /// Each cell style's number format (`cellXfs`, by index).
    static func styles<S: ByteStream>(_ scanner: inout XMLScanner<S>) throws -> [NumberFormat] {
        var custom: [Int: NumberFormat] = [:]
        var formats: [NumberFormat] = []
        var inCellXfs = false
        while true {
            switch try scanner.next() {
            case .endOfDocument: return formats
            case .start where scanner.nameIs("numFmt"):
                if let id = scanner.attributeString("numFmtId").flatMap(Int.init), let code = scanner.attributeString("formatCode") {
                    custom[id] = NumberFormat.custom(code)
                }
            case .start where scanner.nameIs("cellXfs"):
                inCellXfs = !scanner.selfClosing
            case .end where scanner.nameIs("cellXfs"):
                inCellXfs = false
            case .start where inCellXfs && scanner.nameIs("xf"):
                guard formats.count < 65_536 else { throw WorkbookError.malformed("the styles part has more cell styles than Excel allows") }
                let id = scanner.attributeString("numFmtId").flatMap(Int.init) ?? 0
                formats.append(custom[id] ?? NumberFormat.builtIn(id))
                try scanner.skipElement()
            default: continue
            }
        }
    }

    /// Resolves a relationship target against the directory of the part that owns it.
    static func resolve(_ target: String, from part: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = part.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { if !components.isEmpty { components.removeLast() } } else if piece != "." { components.append(String(piece)) }
        }
        return components.joined(separator: "/")
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func relationshipsPart(of part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let name = components.popLast() ?? ""
        return (components + ["_rels", name + ".rels"]).joined(separator: "/")
    }
}
