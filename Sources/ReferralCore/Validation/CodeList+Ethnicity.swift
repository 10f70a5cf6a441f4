/// The ethnicity recogniser: a DfE code written in the value, else the label's group words
/// (`White`, `Black`, `Asian`, `Mixed`, `Chinese`…) and detail words, else the older 2001-census
/// codes (`A1` … `E4`, `C.C3`), else a DfE extended code (`WPOL`) rolled up by its first letter.
extension CodeList {
    private enum Group: Hashable { case white, black, asian, chinese }

    private static let groupWords: [String: Group] = [
        "WHITE": .white, "BLACK": .black, "ASIAN": .asian, "CHINESE": .chinese,
        "INDIAN": .asian, "PAKISTANI": .asian, "BANGLADESHI": .asian,
    ]
    private static let whiteWords: Set<String> = [
        "BRITISH", "ENGLISH", "SCOTTISH", "WELSH", "IRISH", "GYPSY", "ROMA", "ROMANY", "TRAVELLER",
        "TRAVELLERS", "POLISH", "ITALIAN", "GREEK", "CYPRIOT", "TURKISH", "PORTUGUESE", "BULGARIAN",
        "CROATIAN", "BOSNIAN", "ALBANIAN", "EUROPEAN", "JEWISH", "MEDITERRANEAN", "ROMANIAN",
        "LITHUANIAN", "LATVIAN", "SPANISH", "FRENCH", "GERMAN", "RUSSIAN", "HUNGARIAN", "SLOVAKIAN",
        "KOSOVAN", "KOSOVAR", "SERBIAN", "CORNISH", "HERZEGOVINIAN",
    ]
    private static let blackWords: Set<String> = caribbeanWords.union([
        "AFRICAN", "CARIBBEAN", "SOMALI", "SOMALIAN", "NIGERIAN", "SUDANESE",
        "GHANAIAN", "ERITREAN", "CONGOLESE", "JAMAICAN", "ANGOLAN", "LEONEAN", "ETHIOPIAN",
    ])
    /// Caribbean countries and peoples (`Bac - Jamaica`): Black Caribbean unless the value says otherwise.
    private static let caribbeanWords: Set<String> = [
        "JAMAICA", "JAMAICAN", "BARBADOS", "BARBADIAN", "BAJAN", "TRINIDAD", "TRINIDADIAN", "TOBAGO",
        "GRENADA", "GRENADIAN", "DOMINICA", "GUYANA", "GUYANESE", "MONTSERRAT", "ANTIGUA", "ANTIGUAN",
        "BARBUDA", "KITTS", "NEVIS", "ANGUILLA", "BAHAMAS", "BAHAMIAN", "BERMUDA", "BELIZE",
    ]
    private static let asianWords: Set<String> = [
        "INDIAN", "PAKISTANI", "PAKISTAN", "BANGLADESHI", "BANGLADESH", "KASHMIRI",
        "PUNJABI", "TAMIL", "SINHALESE", "NEPALI", "NEPALESE", "LANKAN", "MIRPURI",
    ]
    /// Peoples the DfE places in "any other ethnic group".
    private static let otherWords: Set<String> = [
        "ARAB", "FILIPINO", "VIETNAMESE", "JAPANESE", "IRANIAN", "IRAQI", "IRAQ", "AFGHAN", "AFGHANI",
        "YEMENI", "LEBANESE", "MOROCCAN", "EGYPTIAN", "MALAY", "MALAYSIAN", "THAI", "CAMBODIAN", "LATIN",
        "TAIWANESE", "SINGAPOREAN", "KOREAN", "KURDISH", "KURD", "LIBYAN", "POLYNESIAN",
    ]
    private static let mixedMarkers: Set<String> = ["MIXED", "DUAL", "MULTIPLE", "MULTI", "BIRACIAL"]

    /// Every word the recogniser reads, for reading typos (`BANGALDESHI`, `CARRIBEAN`, `UNKOWN`).
    static let ethnicityVocabulary = LabelVocabulary(
        Array(groupWords.keys) + whiteWords + blackWords + asianWords + otherWords + mixedMarkers
            + ["AFRICAN", "CARIBBEAN", "BRITISH", "OTHER", "BACKGROUND", "ETHNIC", "ETHNICITY", "GROUP", "UNKNOWN",
               "REFUSED", "DECLINED", "OBTAINED", "STATED", "RECORDED", "SPECIFIED", "AVAILABLE", "INFORMATION"])

    static func recogniseEthnicity(_ text: CodeText) -> String? {
        let codes = Set(CodeList.ethnicity.codes)
        let words = text.words
        // A DfE code: the whole value (any case), or written in capitals inside a label.
        if words.count == 1, codes.contains(words[0]) { return words[0] }
        for (word, upper) in zip(words, text.sentUpper) where upper && codes.contains(word) { return word }
        // A DfE extended code (`WKOS`, `OKRD`, `MWAI`), rolled up by the DfE's table.
        if words.count == 1, let code = extendedEthnicity[words[0]] { return code }
        for (word, upper) in zip(words, text.sentUpper) where upper { if let code = extendedEthnicity[word] { return code } }
        let read = text.read(through: ethnicityVocabulary)
        return ethnicityFromLabel(read) ?? ethnicityFromCensus2001(read) ?? ethnicityFromExtendedCode(read)
            ?? ethnicityUnknown(read)
    }

    /// Last of all: a value that says only that the ethnicity is unknown (`Unknown`, `<Unknown>`,
    /// `Not known`, `NK`, `NS`, a spreadsheet's `nan`) is NOBT, "information not yet obtained":
    /// the code an analyst files it under, with no group named that it could contradict.
    private static func ethnicityUnknown(_ text: CodeText) -> String? {
        let words = text.words
        // `0` and the NHS's `99` are "not known" in the systems that send them; `U` alone unknown.
        let all = text.marker + words
        if all.count == 1, ["NK", "NS", "NAN", "UNKNOWN", "0", "99", "U"].contains(all[0]) { return "NOBT" }
        guard words.contains("UNKNOWN") || text.has("NOT KNOWN") else { return nil }
        return words.contains(where: { groupWords[$0] != nil }) ? nil : "NOBT"
    }

    private static func ethnicityFromLabel(_ text: CodeText) -> String? {
        let words = text.words
        var groups: [Group] = []
        for (i, word) in words.enumerated() {
            guard let group = groupWords[word] else { continue }
            if word == "INDIAN", i > 0, words[i - 1] == "WEST" { continue } // West Indian: Caribbean
            if !groups.contains(group) { groups.append(group) }
        }
        let markerIndex = words.firstIndex(where: mixedMarkers.contains)
        let withOther = groups.count == 1 && (text.has("AND ANY OTHER ETHNIC") || text.has("AND OTHER ETHNICITY"))
        // `Asian/Asian Brit Chinese`: Chinese is its own code, not a mix.
        if Set(groups) == [.asian, .chinese], markerIndex == nil, !words.contains("AND") { return "CHNE" }
        if groups.count >= 2 || withOther { return mixedCode(groups, text) }
        if let m = markerIndex {
            // `Mixed Asian`, `White (Mixed white)`, `European mixed`: one group mixed within itself.
            let sameGroup = { (j: Int) -> Bool in
                guard j >= 0, j < words.count, let g = groups.first else { return false }
                return groupWords[words[j]] == g || peopleGroup(words[j]) == g
            }
            // `White - Mixed`: white other, or mixed with white? Not a guess either way.
            if groups.count == 1, words[m] == "MIXED", m == words.count - 1, m > 0, groupWords[words[m - 1]] != nil {
                return nil
            }
            if !(groups.count == 1 && words[m] == "MIXED" && (sameGroup(m + 1) || sameGroup(m - 1))) {
                return mixedCode(groups, text)
            }
        }
        if let group = groups.first {
            if group == .asian, words.contains(where: otherWords.contains) { return "OOTH" }
            return detail(group, text)
        }
        if let code = notStated(text) { return code }
        // No group word: a people's name, first one wins.
        for word in words {
            if otherWords.contains(word) { return "OOTH" }
            if whiteWords.contains(word) { return detail(.white, text) }
            if blackWords.contains(word) { return detail(.black, text) }
            if asianWords.contains(word) { return detail(.asian, text) }
        }
        if words.contains("OTHER") && !text.has("DO NOT USE") { return "OOTH" }
        return nil
    }

    private static func peopleGroup(_ word: String) -> Group? {
        if whiteWords.contains(word) { return .white }
        if blackWords.contains(word) { return .black }
        if asianWords.contains(word) { return .asian }
        return nil
    }

    private static func mixedCode(_ groups: [Group], _ text: CodeText) -> String {
        let set = Set(groups)
        if set == [.white, .black] {
            if text.has("CARIBBEAN") || text.has("CARIB") || text.has("CARIBB") { return "MWBC" }
            if text.has("AFRICAN") { return "MWBA" }
        }
        if set == [.white, .asian] { return "MWAS" }
        return "MOTH"
    }

    private static func detail(_ group: Group, _ text: CodeText) -> String {
        let other = text.has("OTHER") || text.has("ANY")
        switch group {
        case .white:
            if text.has("GYPSY") || text.has("ROMA") || text.has("ROMANY") { return "WROM" }
            if text.has("TRAVELLER") || text.has("TRAVELLERS") { return "WIRT" }
            if other { return "WOTH" }
            if text.has("IRISH") { return "WIRI" }
            if ["BRITISH", "ENGLISH", "SCOTTISH", "WELSH"].contains(where: text.has) { return "WBRI" }
            return "WOTH"
        case .black:
            let caribbean = ["CARIBBEAN", "WEST INDIAN"].contains(where: text.has)
                || text.words.contains(where: caribbeanWords.contains)
            let african = text.has("AFRICAN") || ["SOMALI", "SOMALIAN", "NIGERIAN", "GHANAIAN",
                                                  "ERITREAN", "CONGOLESE", "SUDANESE"].contains(where: text.has)
            if other || caribbean == african { return "BOTH" }
            return caribbean ? "BCRB" : "BAFR"
        case .asian:
            if other { return "AOTH" }
            let found = [("INDIAN", "AIND"), ("PAKISTANI", "APKN"), ("PAKISTAN", "APKN"), ("BANGLADESHI", "ABAN"),
                         ("BANGLADESH", "ABAN")].filter { text.has($0.0) }
            return Set(found.map(\.1)).count == 1 ? found[0].1 : "AOTH"
        case .chinese:
            return "CHNE"
        }
    }

    /// REFU for a refusal, NOBT for "not (yet) obtained / stated / recorded"; `nil` for a bare "unknown".
    private static func notStated(_ text: CodeText) -> String? {
        let notObtained = ["NOT YET OBTAINED", "NOT OBTAINED", "NOT YET AVAILABLE", "NOT YET KNOWN",
                           "INFO NOT", "INFORMATION NOT", "NOT REFUSED"]
        if notObtained.contains(where: text.has) { return "NOBT" }
        let refused = ["REFUSED", "REFUSE", "REFUSAL", "DECLINED", "DECLINE", "WITHHELD", "DID NOT WISH",
                       "NOT TO SAY", "PREFER NOT", "PREFERS NOT", "PREFERRED NOT", "NOT DIVULGED",
                       "NOT DECLARED", "NOT GIVEN", "UNABLE TO PROVIDE"]
        if refused.contains(where: text.has) { return "REFU" }
        let notStated = ["NOT STATED", "NOT KNOWN OR STATED", "NOT RECORDED", "NO DATA", "NOT POPULATED",
                         "NO CLIENT CONTACT", "NO INITIAL CLIENT CONTACT", "UNBORN", "NOT ESTABLISHED",
                         "FORM NOT COMPLETED", "NOT SPECIFIED"]
        if notStated.contains(where: text.has) { return "NOBT" }
        return nil
    }

    /// The 2001-census codes: the group letters `A`…`E`, `A1`…`A5`, `B1`…`B4`, `C1`…`C4`, `D1`…`D3`, `E1`…`E4`, and local
    /// extensions written with their group letter (`A.A13`, `D: D13`) → that group's "other".
    private static func ethnicityFromCensus2001(_ text: CodeText) -> String? {
        let table: [String: String] = [
            "A1": "WBRI", "A2": "WIRI", "A3": "WOTH", "A4": "WIRT", "A5": "WROM",
            "B1": "MWBC", "B2": "MWBA", "B3": "MWAS", "B4": "MOTH",
            "C1": "AIND", "C2": "APKN", "C3": "ABAN", "C4": "AOTH",
            "D1": "BCRB", "D2": "BAFR", "D3": "BOTH",
            "E1": "CHNE", "E2": "OOTH", "E3": "REFU", "E4": "NOBT",
        ]
        let groupOther: [Character: String] = ["A": "WOTH", "B": "MOTH", "C": "AOTH", "D": "BOTH", "E": "OOTH"]
        let all = text.marker + text.words
        // A group letter alone (`B`, `C`): the census's group, its "other" code. NHS letter codes
        // (`B` White Irish) differ: a trust's profile maps those in `values:`.
        if all.count == 1, all[0].count == 1, let letter = all[0].first, let code = groupOther[letter] { return code }
        for (i, word) in all.enumerated() {
            guard let letter = word.first, groupOther[letter] != nil,
                  word.count >= 2, word.dropFirst().allSatisfy(\.isNumber) else { continue }
            if let code = table[word] { return code }
            if i > 0, all[i - 1] == String(letter) { return groupOther[letter] }
            return nil
        }
        return nil
    }

    /// A DfE extended code (`WPOL`, `BSOM`, `CHKC`, `OARA`), as sent in capitals, rolled up to
    /// the main group's "other" code.
    private static func ethnicityFromExtendedCode(_ text: CodeText) -> String? {
        guard let first = text.words.first, first.count == 4, text.sentUpper[0],
              first.allSatisfy(\.isLetter), text.words.count == 1 else { return nil }
        // One letter off a main code, or its letters swapped: `WBRT` or `AIDN` may be a typo of
        // `WBRI` or `AIND`, so it is not read as an extension (no fuzzy codes). Off an "any
        // other" code (`AOTA`, `BOTB`) both readings agree on that code.
        let near = CodeList.ethnicity.codes.filter { code in
            zip(code, first).filter { $0 != $1 }.count == 1 || code.sorted() == first.sorted()
        }
        if let code = near.first {
            return near.count == 1 && code.hasSuffix("OTH") ? code : nil
        }
        switch first.first {
        case "W": return "WOTH"
        case "M": return "MOTH"
        case "A": return "AOTH"
        case "B": return "BOTH"
        case "C": return "CHNE"
        case "O": return "OOTH"
        default: return nil
        }
    }
}
