/// The coded fields of the standard record and their DfE code lists.
public enum CodeList: String, Sendable, CaseIterable {
    case sex
    case ethnicity
    case referralSource = "referral_source"
    case primaryNeed = "primary_need"

    /// Every valid code, in the DfE's order.
    public var codes: [String] {
        switch self {
        case .sex: return ["M", "F", "U"]
        case .ethnicity:
            return ["WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                    "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
        case .referralSource:
            return ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
                    "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10"]
        case .primaryNeed:
            return ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
        }
    }

    /// The code a partner's value means (bare code, Annex A style, code-then-label, label,
    /// older CIN codes for sex), or `nil` when it is not recognised. Never guesses across groups.
    ///
    /// Recognition is by structure: a code token written in the value (first, or in brackets,
    /// or for ethnicity anywhere in capitals), else the DfE label's distinctive words. When the
    /// words are ambiguous or only say "unknown" the answer is `nil`, so the caller stores its
    /// default with a warning. Empty or whitespace-only values give `nil`.
    public func recognise(_ value: String) -> String? {
        let text = CodeText(value)
        guard !text.words.isEmpty || !text.marker.isEmpty else { return nil }
        switch self {
        case .sex: return CodeList.recogniseSex(text)
        case .ethnicity: return CodeList.recogniseEthnicity(text)
        case .referralSource: return CodeList.recogniseReferralSource(text)
        case .primaryNeed: return CodeList.recognisePrimaryNeed(text)
        }
    }

    static func recogniseSex(_ text: CodeText) -> String? {
        let words = text.words
        if let first = words.first {
            switch first {
            case "M", "1": return "M"
            case "F", "2": return "F"
            case "U", "0", "9", "I": return words.count == 1 || first != "I" ? "U" : nil
            default: break
            }
        }
        let unknown = ["UNKNOWN", "NOT KNOWN", "NOT STATED", "NOT RECORDED", "NOT SPECIFIED", "UNSPECIFIED",
                       "INDETERMINATE", "NEITHER", "UNBORN", "WITHHELD", "UNABLE TO CLASSIFY", "NON BINARY",
                       "NONBINARY", "TRANSGENDER", "DYSPHORIA", "INTERSEX"]
        if unknown.contains(where: text.has) { return "U" }
        let male = ["MALE", "BOY", "MAN"].contains(where: text.has)
        let female = ["FEMALE", "GIRL", "WOMAN"].contains(where: text.has)
        if male != female { return male ? "M" : "F" }
        return nil
    }

    static func recognisePrimaryNeed(_ text: CodeText) -> String? {
        let codes = CodeList.primaryNeed.codes
        if let first = text.words.first, codes.contains(first) { return first }
        for word in text.words where text.bracketed.contains(word) && codes.contains(word) { return word }
        let labels: [(String, String)] = [
            ("ABUSE", "N1"), ("NEGLECT", "N1"), ("DISABILITY", ""), ("ACUTE STRESS", "N4"),
            ("DYSFUNCTION", "N5"), ("SOCIALLY UNACCEPTABLE", "N6"), ("LOW INCOME", "N7"),
            ("ABSENT PARENTING", "N8"), ("OTHER THAN CHILDREN IN NEED", "N9"), ("NOT STATED", "N0"),
        ]
        for (phrase, code) in labels where text.has(phrase) {
            guard code.isEmpty else { return code }
            // N2 child's disability or illness; N3 parental disability or illness.
            if text.has("PARENTAL") || text.has("PARENT") || text.has("PARENTS") { return "N3" }
            if text.has("CHILD") || text.has("CHILDS") || text.has("CHILDRENS") { return "N2" }
            return nil
        }
        return nil
    }
}
