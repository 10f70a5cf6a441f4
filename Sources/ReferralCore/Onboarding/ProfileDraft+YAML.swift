/// The draft as a profile file `referrald config check` accepts, and the summary for a person.
/// Neither holds a personal value: headers, formats, counts, and only the coded values seen in
/// enough rows (`UnrecognisedValues`).
extension ProfileDraft {
    /// How the file was read: what `ExtractSniffer` found, or a workbook reader's equivalent.
    public struct Reading: Sendable {
        public var format: ExtractSniffer.Format
        public var encoding: TextEncoding
        public var byteOrderMark: Bool
        public var delimiter: UInt8
        /// A workbook's sheet read when it is not the first one (a hidden sheet comes before it).
        public var sheet: String?

        public init(format: ExtractSniffer.Format, encoding: TextEncoding, byteOrderMark: Bool, delimiter: UInt8, sheet: String? = nil) {
            (self.format, self.encoding, self.byteOrderMark, self.delimiter) = (format, encoding, byteOrderMark, delimiter)
            self.sheet = sheet
        }

        /// A workbook read from its first visible sheet, named when it is not the first sheet.
        public static func workbook(sheet: String?) -> Reading {
            Reading(format: .xlsx, encoding: .utf8, byteOrderMark: false, delimiter: UInt8(ascii: ","), sheet: sheet)
        }

        public init(_ sniffer: ExtractSniffer) {
            self.init(format: sniffer.format, encoding: sniffer.encoding, byteOrderMark: sniffer.byteOrderMark,
                      delimiter: sniffer.delimiter)
        }

        var delimiterText: String { delimiter == 0x09 ? "\\t" : String(UnicodeScalar(delimiter)) }
    }

    public func yaml(reading: Reading, source: String) -> String {
        let q = UnrecognisedValues.quoted
        var lines = [
            "# Drafted by `referrald profile draft` from \(source) (\(dataRows) data rows).",
            "# Check each line; map any unused column that holds a standard field; fill in the values at the end.",
            "name: \(q(name))",
            "description: \(q("Drafted from a sample extract"))",
            "format: \(reading.format.rawValue)",
        ]
        if reading.format == .xlsx {
            if let sheet = reading.sheet { lines.append("sheet: \(q(sheet))                  # the first visible sheet") }
        } else {
            lines.append("delimiter: \"\(reading.delimiterText)\"")
            lines.append("encoding: \(reading.encoding.rawValue)\(reading.byteOrderMark ? "                     # the file starts with a byte-order mark" : "")")
        }
        lines += [
            "header_row: \(headerRow)\(headerRow > 1 ? "                       # \(headerRow - 1) \(reading.format == .xlsx ? "row(s)" : "banner line(s)") above the header" : "")",
            "date_formats: [\((dateFormats.isEmpty ? ["dd/MM/yyyy", "yyyy-MM-dd"] : dateFormats).joined(separator: ", "))]",
            "name_order: \(nameOrder.rawValue)",
            "columns:",
        ]
        for (field, header) in columns {
            let note = field == .referralDate && inferredReferralDate ? "   # no header names the referral date: the one other date column" : ""
            lines.append("  \(field.rawValue): \(q(header))\(note)")
        }
        if !unused.isEmpty {
            lines.append("# unused columns, no header word names a standard field (map any that holds one):")
            for header in unused { lines.append("#   ?: \(q(header))") }
        }
        lines.append("values: {}")
        if !values.isEmpty {
            lines.append("# values no recogniser maps: replace `values: {}` by the lines below, uncommented, a code for each \"?\"")
            lines += UnrecognisedValues.yamlLines(values, commented: true)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What was detected, from how many rows, and what is left to a person.
    public func summary(reading: Reading) -> String {
        var out = "detected: format \(reading.format.rawValue)"
        if reading.format == .xlsx {
            out += reading.sheet.map { ", sheet \(UnrecognisedValues.quoted($0))" } ?? ", the first sheet"
        } else {
            out += ", encoding \(reading.encoding.rawValue)"
            out += reading.byteOrderMark ? " (byte-order mark)" : ""
            out += ", delimiter \"\(reading.delimiterText)\""
        }
        out += ", header row \(headerRow)"
        out += headerRow > 1 ? " (\(headerRow - 1) \(reading.format == .xlsx ? "row(s)" : "banner line(s)") skipped)" : ""
        out += "; \(dataRows) data rows\n"
        out += "columns: \(columns.count) mapped (\(columns.map(\.field.rawValue).joined(separator: ", ")))\n"
        out += "date formats: \(dateFormats.isEmpty ? "none found" : dateFormats.joined(separator: ", "))"
        let unread = unreadDates.values.reduce(0, +)
        out += unread == 0 ? " (read every date)\n" : " (\(unread) date value(s) none of them reads)\n"
        out += "name order: \(nameOrder.rawValue)"
        out += namesWithComma.of > 0 ? " (\(namesWithComma.comma) of \(namesWithComma.of) names carry a comma)\n" : "\n"
        var left: [String] = []
        if inferredReferralDate { left.append("confirm the referral date column") }
        if !unused.isEmpty { left.append("\(unused.count) unused column(s) to map or leave") }
        if !values.isEmpty { left.append("\(values.count) value(s) to give a code") }
        if columns.allSatisfy({ $0.field != .referralDate }) { left.append("map the referral date (required)") }
        out += "left to a person: \(left.isEmpty ? "nothing" : left.joined(separator: "; "))\n"
        return out
    }
}
