import ReferralCore

/// Decodes a partner profile (extract.md "Partner profiles") strictly.
public enum ProfileDecoder {
    static let keys: Set<String> = [
        "name", "description", "delimiter", "encoding", "header_row", "date_formats", "name_order",
        "columns", "values", "defaults", "format", "sheet",
    ]

    public static func decode(_ text: String, file: String? = nil) throws(ConfigError) -> PartnerProfile {
        let root = try StrictNode.parse(text, file: file)
        let f = try root.fields(keys)
        guard let nameNode = f["name"] else { throw root.error("missing key 'name'") }
        let name = try nameNode.string()

        var delimiter = UInt8(ascii: ",")
        if let n = f["delimiter"] {
            let text = try n.string()
            let allowed: [String: UInt8] = [",": 0x2C, "\t": 0x09, "|": 0x7C, ";": 0x3B, "\\t": 0x09]
            guard let byte = allowed[text] else { throw n.error("expected one of \",\" \"\\t\" \"|\" \";\"") }
            delimiter = byte
        }
        var encoding = TextEncoding.utf8
        if let n = f["encoding"] {
            guard let e = TextEncoding(rawValue: try n.string().lowercased()) else {
                throw n.error("expected utf-8, windows-1252 or iso-8859-1")
            }
            encoding = e
        }
        var format = ExtractFormat.csv
        if let n = f["format"] {
            guard let value = ExtractFormat(rawValue: try n.string().lowercased()) else { throw n.error("expected csv, xlsx or auto") }
            format = value
        }
        var sheet: SheetChoice?
        if let n = f["sheet"] {
            let text = try n.string()
            if let index = Int(text) {
                guard index >= 1 else { throw n.error("a sheet number counts from 1") }
                sheet = .index(index)
            } else {
                guard !text.isEmpty else { throw n.error("expected a sheet name or number") }
                sheet = .name(text)
            }
        }
        var headerRow = 1
        if let n = f["header_row"] { headerRow = try n.int(in: 1...100) }

        var formats: [DateFormat] = []
        if let n = f["date_formats"] {
            for item in try n.sequence() {
                guard let format = DateFormat(pattern: try item.string()) else {
                    throw item.error("unsupported date format (use yyyy, MM, M, MMM, dd, d and separators)")
                }
                formats.append(format)
            }
            guard !formats.isEmpty else { throw n.error("at least one date format") }
        } else {
            formats = PartnerProfile.standard.dateFormats
        }

        var nameOrder = PartnerProfile.NameOrder.surnameFirst
        if let n = f["name_order"] {
            guard let order = PartnerProfile.NameOrder(rawValue: try n.string()) else {
                throw n.error("expected surname_first or forename_first")
            }
            nameOrder = order
        }

        var columns: [StandardField: String] = [:]
        if let n = f["columns"] {
            for (key, value) in try n.mapping() {
                guard let field = StandardField(rawValue: key) else { throw value.error("not a standard field") }
                columns[field] = try value.string()
            }
            if columns[.fullName] != nil, columns[.forename] != nil || columns[.surname] != nil {
                throw n.error("map either full_name or forename/surname, not both")
            }
            guard columns[.referralDate] != nil else { throw n.error("referral_date must be mapped") }
        }

        var values: [StandardField: [String: String]] = [:]
        if let n = f["values"] {
            for (key, table) in try n.mapping() {
                guard let field = StandardField(rawValue: key), let list = field.codeList else {
                    throw table.error("values can be given for sex, ethnicity, referral_source and primary_need")
                }
                var map: [String: String] = [:]
                for (partnerValue, codeNode) in try table.mapping() {
                    let code = try codeNode.string()
                    guard list.codes.contains(code) else { throw codeNode.error("'\(code)' is not a \(key) code") }
                    map[partnerValue] = code
                }
                values[field] = map
            }
        }

        var defaults: [StandardField: String] = [:]
        if let n = f["defaults"] {
            for (key, value) in try n.mapping() {
                guard let field = StandardField(rawValue: key), field != .partnerRef, field != .referralDate else {
                    throw value.error("not a field that can have a default")
                }
                let text = try value.string()
                if let list = field.codeList, !list.codes.contains(text) {
                    throw value.error("'\(text)' is not a \(key) code")
                }
                defaults[field] = text
            }
        }

        return PartnerProfile(
            name: name, description: (try? f["description"]?.string()) ?? "", delimiter: delimiter,
            encoding: encoding, headerRow: headerRow, dateFormats: formats, nameOrder: nameOrder,
            columns: columns, values: values, defaults: defaults, format: format, sheet: sheet)
    }
}
