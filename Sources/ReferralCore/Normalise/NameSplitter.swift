/// Splits a partner's single name column into forename and surname.
public enum NameSplitter {
    /// A comma always separates `Surname, Forename`; without one, `surnameFirst` takes the first
    /// word as the surname and `forenameFirst` the last. Whitespace is collapsed, case kept.
    public static func split(_ fullName: String, order: PartnerProfile.NameOrder) -> (forename: String?, surname: String?) {
        let name = TextNormal.collapsingWhitespace(fullName)
        guard !name.isEmpty else { return (nil, nil) }
        if let comma = name.firstIndex(of: ",") {
            let surname = TextNormal.collapsingWhitespace(String(name[..<comma]))
            let forename = TextNormal.collapsingWhitespace(String(name[name.index(after: comma)...]).replacingCommas())
            return (forename.isEmpty ? nil : forename, surname.isEmpty ? nil : surname)
        }
        let words = name.split(separator: " ")
        guard words.count > 1 else { return (nil, name) }
        switch order {
        case .surnameFirst:
            return (words.dropFirst().joined(separator: " "), String(words[0]))
        case .forenameFirst:
            return (words.dropLast().joined(separator: " "), String(words[words.count - 1]))
        }
    }
}

extension String {
    fileprivate func replacingCommas() -> String {
        String(map { $0 == "," ? " " : $0 })
    }
}
