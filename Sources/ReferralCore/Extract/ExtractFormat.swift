/// What a partner's files are (`format:` in a profile): CSV, an `.xlsx` workbook, or decided by
/// each file's first bytes (a ZIP or OLE signature goes to the workbook reader, anything else is CSV).
public enum ExtractFormat: String, Sendable, CaseIterable {
    case csv
    case xlsx
    case auto
}

/// Which worksheet of a workbook holds the extract (`sheet:`): a name or a 1-based position.
/// Without one, the first visible sheet.
public enum SheetChoice: Sendable, Equatable {
    case name(String)
    case index(Int)
}
