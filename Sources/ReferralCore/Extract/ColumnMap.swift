/// Which column of a file holds which standard field, resolved once from the header row.
public struct ColumnMap: Sendable, Equatable {
    /// Mapped fields and their 0-based column, in column order.
    public let columns: [(field: StandardField, index: Int)]
    /// Fields every data row must have: the header's.
    public let fieldCount: Int
    /// False when the key is derived (`~…`) because no reference column is mapped.
    public let hasPartnerRef: Bool
    /// File-level warnings (row 0), e.g. unknown columns in a standard extract.
    public let warnings: [RowIssue]

    public static func == (a: ColumnMap, b: ColumnMap) -> Bool {
        a.columns.map(\.field) == b.columns.map(\.field) && a.columns.map(\.index) == b.columns.map(\.index)
            && a.fieldCount == b.fieldCount && a.warnings == b.warnings
    }

    /// Resolves the header against the profile; throws the file's refusal when a column the
    /// profile maps (or, for the standard format, `referral_date`) is missing.
    public static func resolve(header: [String], profile: PartnerProfile) throws(FileRefusal) -> ColumnMap {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let key = TextNormal.lookupKey(name)
            if positions[key] == nil { positions[key] = index }
        }
        var columns: [(StandardField, Int)] = []
        var warnings: [RowIssue] = []
        if profile.usesStandardHeader {
            var unknown: [String] = []
            for (index, name) in header.enumerated() {
                let key = TextNormal.lookupKey(name)
                if let field = StandardField(rawValue: key), field != .fullName, positions[key] == index {
                    columns.append((field, index))
                } else if !key.isEmpty {
                    unknown.append(Self.printable(name))
                }
            }
            guard columns.contains(where: { $0.0 == .referralDate }) else {
                throw FileRefusal(rule: "file.missing_columns", message: "the header has no referral_date column")
            }
            if !unknown.isEmpty {
                warnings.append(RowIssue(
                    row: 0, field: "file", rule: "file.unknown_columns", severity: .warning,
                    message: "\(unknown.count) column(s) not in the standard record were ignored: \(unknown.prefix(20).joined(separator: ", "))"))
            }
        } else {
            var missing: [String] = []
            for field in StandardField.allCases {
                guard let name = profile.columns[field] else { continue }
                if let index = positions[TextNormal.lookupKey(name)] {
                    columns.append((field, index))
                } else {
                    missing.append(name)
                }
            }
            guard missing.isEmpty else {
                throw FileRefusal(rule: "file.missing_columns", message: "the header lacks column(s) the profile maps: \(missing.joined(separator: ", "))")
            }
        }
        columns.sort { $0.1 < $1.1 }
        return ColumnMap(
            columns: columns, fieldCount: header.count,
            hasPartnerRef: columns.contains { $0.0 == .partnerRef }, warnings: warnings)
    }

    private init(columns: [(StandardField, Int)], fieldCount: Int, hasPartnerRef: Bool, warnings: [RowIssue]) {
        self.columns = columns.map { (field: $0.0, index: $0.1) }
        self.fieldCount = fieldCount
        self.hasPartnerRef = hasPartnerRef
        self.warnings = warnings
    }

    /// A header name made safe to show: control characters dropped, at most 40 characters.
    private static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }).prefix(40))
    }
}
