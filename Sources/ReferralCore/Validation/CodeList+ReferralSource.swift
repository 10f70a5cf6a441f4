/// The referral-source recogniser: the CIN code if one is written, else the DfE label's
/// distinctive words (`Police`, `Health Visitor`, `LA services – early help`…).
extension CodeList {
    /// A phrase and what it means: a code (`3E`), or a family (`3*`) whose code another,
    /// more specific phrase in the same value may decide.
    struct Keyword: Sendable {
        let phrase: [String]
        let code: String
        /// Weak phrases (`Other …`, `Carer`) decide only when no strong phrase is present.
        let weak: Bool

        init(_ phrase: String, _ code: String, weak: Bool = false) {
            self.phrase = phrase.split(separator: " ").map(String.init)
            self.code = code
            self.weak = weak
        }
    }

    static let referralKeywords: [Keyword] = [
        // 1 individual
        .init("INDIVIDUAL", "1*"), .init("INDIVIDUALS", "1*"), .init("IND", "1*"),
        .init("FAMILY MEMBER", "1A"), .init("MEMBER OF HOUSEHOLD", "1A"), .init("HOUSEHOLD MEMBER", "1A"),
        .init("RELATIVE", "1A"), .init("RELATIVES", "1A"), .init("CARER", "1A"), .init("CARERS", "1A"),
        .init("PARENT", "1A"), .init("PARENTS", "1A"), .init("MOTHER", "1A"), .init("FATHER", "1A"),
        .init("BROTHER", "1A"), .init("SISTER", "1A"), .init("SON", "1A"), .init("DAUGHTER", "1A"),
        .init("GRANDMOTHER", "1A"), .init("GRANDFATHER", "1A"), .init("GRANDPARENTS", "1A"),
        .init("GRANDPARENT", "1A"), .init("GRANDDAUGHTER", "1A"), .init("GRANDSON", "1A"), .init("GRAN", "1A"),
        .init("AUNT", "1A"), .init("UNCLE", "1A"), .init("NIECE", "1A"), .init("NEPHEW", "1A"),
        .init("COUSIN", "1A"), .init("HUSBAND", "1A"), .init("WIFE", "1A"), .init("PARTNER", "1A"),
        .init("STEP FATHER", "1A"), .init("STEP MOTHER", "1A"), .init("STEPFATHER", "1A"), .init("STEPMOTHER", "1A"),
        .init("ACQUAINTANCE", "1B"),
        .init("NEIGHBOUR", "1B"), .init("NEIGHBOURS", "1B"), .init("FRIEND", "1B"), .init("FRIENDS", "1B"),
        .init("SELF", "1C"), .init("SELF REFERRAL", "1C"), .init("IN PERSON", "1C"),
        .init("STRANGER", "1D"), .init("STRANGERS", "1D"), .init("MEMBER OF PUBLIC", "1D"),
        .init("MEMBERS OF PUBLIC", "1D"), .init("GENERAL PUBLIC", "1D"), .init("COMMUNITY MEMBER", "1D"),
        .init("ELECTED MEMBER", "1D"), .init("COUNCILLOR", "1D"), .init("MPS", "1D"),
        .init("MP", "1D"), .init("MEMBER OF PARLIAMENT", "1D"),
        // 2A schools, 2B education
        .init("SCHOOL", "2A"), .init("SCHOOLS", "2A"), .init("ACADEMY", "2A"), .init("SENCO", "2A"),
        .init("PRE SCHOOL", "2*"), .init("EDUCATION", "2B"), .init("EDUCATIONAL", "2B"), .init("COLLEGE", "2B"),
        .init("FURTHER EDUCATION", "2B"), .init("UNIVERSITY", "2B"), .init("NURSERY", "2*"),
        .init("TRAINING PROVIDER", "2B"), .init("EWO", "2B"), .init("EWS", "2B"), .init("ESW", "2B"), .init("CONNEXIONS", "2B"), .init("EDUCATION WELFARE", "2B"),
        // 3 health
        .init("HEALTH", "3*"), .init("NHS", "3*"), .init("MEDICAL", "3*"), .init("MED", "3*"),
        .init("HOSPITAL", "3*"), .init("HOSPITALS", "3*"), .init("HOSP", "3*"), .init("HOSPICE", "3F"),
        .init("GP", "3A"), .init("G P", "3A"), .init("GENERAL PRACTITIONER", "3A"), .init("SURGERY", "3A"),
        .init("HEALTH VISITOR", "3B"), .init("HEALTH VISITING", "3B"), .init("HV", "3B"),
        .init("SCHOOL NURSE", "3C"), .init("SCHOOL NURSING", "3C"),
        .init("PRIMARY HEALTH", "3D"), .init("OTHER PRIMARY", "3D"), .init("COMMUNITY HEALTH", "3D"),
        .init("DISTRICT NURSE", "3D"), .init("MIDWIFE", "3D"), .init("MIDWIVES", "3D"), .init("MIDWIFERY", "3D"),
        .init("DENTIST", "3D"), .init("OPTOMETRIST", "3D"), .init("PHARMACY", "3D"),
        .init("A AND E", "3E"), .init("A E", "3E"), .init("AANDE", "3E"), .init("ACCIDENT", "3E"),
        .init("EMERGENCY DEPARTMENT", "3E"), .init("EMERGENCY DEPT", "3E"), .init("AMBULANCE", "3E"),
        .init("EMERGENCY SERVICE", "3E"), .init("EMERGENCY SERVICES", "3E"),
        .init("NURSE", "3*"), .init("NURSING", "3*"), .init("MATRON", "3*"), .init("MATERNITY", "3*"),
        .init("CAMHS", "3*"), .init("CMHT", "3*"), .init("MENTAL HEALTH", "3*"),
        .init("PAEDIATRICIAN", "3*"), .init("PAEDIATRICS", "3*"), .init("PSYCHIATRIST", "3*"),
        .init("PSYCHIATRIC", "3*"), .init("PSYCHOLOGIST", "3*"), .init("PHYSIOTHERAPIST", "3*"),
        .init("AUDIOLOGY", "3*"), .init("CLINIC", "3*"), .init("CONSULTANT", "3*"), .init("WARD", "3*"),
        .init("PCT", "3*"), .init("DRUG", "3*"), .init("DRUGS", "3*"),
        .init("ALCOHOL", "3*"), .init("ADDICTIONS", "3*"), .init("SEXUAL ASSAULT", "3*"),
        .init("PRE BIRTH", "3*"), .init("BIRTH NOTIFICATION", "3*"), .init("AUDIOLOGIST", "3*"),
        // 4 housing
        .init("HOUSING", "4"), .init("LANDLORD", "4"), .init("SHELTERED", "4"),
        .init("WARDEN", "4"), .init("SUPPORTED LIVING", "4"), .init("TENANCY", "4"), .init("HOMELESS", "4"),
        .init("HOMELESSNESS", "4"),
        // 5 LA services
        .init("LA", "5*"), .init("LAS", "5*"), .init("LOCAL AUTHORITY", "5*"), .init("COUNCIL", "5*"), .init("BOROUGHCOUNCIL", "5*", weak: true),
        .init("OLA", "5C"), .init("OTHER LA", "5C"), .init("OTHER LOCAL AUTHORITY", "5C"),
        .init("ANOTHER", "5C"), .init("EXTERNAL", "5C", weak: true),
        .init("OTHER INTERNAL", "5B"), .init("INTERNAL", "5B"), .init("YOUTH OFFENDING", "5B"),
        .init("YOT", "5B"), .init("YOS", "5B"), .init("YOUTH JUSTICE", "5B"), .init("YOUTH SERVICE", "5B"),
        .init("YOUTH SERVICES", "5B"), .init("YOUNG PEOPLES", "5B"), .init("OTHER DEPT", "5B"),
        .init("EARLY HELP", "5D"), .init("EARLY INTERVENTION", "5D"), .init("FAMILY SUPPORT", "5D"),
        .init("TARGETED", "5D"), .init("STEP DOWN", "5D"), .init("TROUBLED FAMILIES", "5D"), .init("STRONGER FAMILIES", "5D"),
        .init("SOCIAL CARE", "5A"), .init("SOCIAL SERVICES", "5A"), .init("SOCIAL WORKER", "5A"),
        .init("SOCIAL WORK", "5A"), .init("SW", "5A"),
        .init("OUT OF HOURS", "5A"), .init("OOH", "5A"), .init("SSD", "5A"), .init("CSC", "5A"), .init("EDT", "5A"),
        .init("EMERGENCY DUTY", "5A"), .init("ADULT SOCIAL", "5A"), .init("ADULT SERVICES", "5A"),
        .init("ADULTS SERVICES", "5A"), .init("ADULT TEAM", "5A"), .init("ADULT", "5A", weak: true), .init("CHILDRENS SERVICES", "5A"),
        .init("PARENT SUPPORT", "5D"), .init("LEAVING CARE", "5A"), .init("CHILDREN AND FAMILIES", "5A"),
        .init("LADO", "5A"), .init("IRO", "5A"),
        // Phrases that name no single source: a value led by one is not recognised.
        .init("SUBSTANCE MISUSE", "?"), .init("NURSING HOME", "?"), .init("RESIDENTIAL", "?"),
        .init("GOVERNMENT", "8", weak: true), .init("BENEFITS", "?"),
        // 6 police, 7 legal
        .init("POLICE", "6"), .init("CONSTABULARY", "6"), .init("CAIT", "6"), .init("CEOP", "6"),
        .init("ONLINE PROTECTION", "6"),
        .init("LEGAL", "7"), .init("COURT", "7"), .init("COURTS", "7"), .init("PROBATION", "7"),
        .init("PRISON", "7"), .init("HMP", "7"), .init("CAFCASS", "7"),
        .init("IMMIGRATION", "7"), .init("SOLICITOR", "7"), .init("SOLICITORS", "7"), .init("LAWYER", "7"),
        .init("LAW CENTRE", "7"), .init("BORDER AGENCY", "7"), .init("YOI", "7"),
        // 8 other
        .init("VOLUNTARY", "8"), .init("CHARITY", "8"), .init("CHARITABLE", "8"), .init("NSPCC", "8"),
        .init("INDEPENDENT", "8"), .init("CHILDRENS CENTRE", "8"),
        .init("CHILDRENS CENTRES", "8"), .init("CHILDREN CENTRE", "8"), .init("CHILDREN CENTRES", "8"),
        .init("FIRE", "8"), .init("OFSTED", "8"), .init("CHURCH", "8"), .init("HOSTEL", "8"),
        .init("REFUGEE", "8"), .init("VICTIM SUPPORT", "8"), .init("WORK AND PENSIONS", "8"),
        .init("THIRD PARTY", "8"), .init("AGENCY", "8", weak: true), .init("PROVIDER", "8", weak: true),
        .init("PROVIDERS", "8", weak: true),
        .init("ADVOCATE", "8", weak: true), .init("IDVA", "8"), .init("REFUGE", "8"), .init("JOBCENTRE", "8"),
        .init("MILITARY", "8"), .init("ARMED FORCES", "8"), .init("FORCES", "8"), .init("MOD", "8"),
        .init("MINISTRY OF DEFENCE", "8"), .init("HOME OFFICE", "8", weak: true),
        // 9 anonymous, 10 unknown
        .init("ANONYMOUS", "9"), .init("ANON", "9"),
        .init("UNKNOWN", "10"), .init("NOT KNOWN", "10"), .init("NOT RECORDED", "10"),
        .init("NOT MAPPED", "10"),
    ]

    static func recogniseReferralSource(_ text: CodeText) -> String? {
        let codes = CodeList.referralSource.codes
        // A code written first (`3E - Health services`, `6`, `q) 6: Police`) or in brackets (`[3E]`).
        if let first = text.words.first, codes.contains(first) {
            // A label after the code must not name another source (`7 - Police`): unsure, so nil.
            guard let said = referralSourceFromLabel(text.droppingFirstWord()) else { return first }
            return familyOf(said).prefix(1) == familyOf(first).prefix(1) ? first : nil
        }
        for word in text.words where text.bracketed.contains(word) && codes.contains(word) { return word }
        // The DfE's own label for 8 is `Other`: a value saying only that (its examples in brackets
        // aside, `Other (please specify)`) is 8, whatever the examples name.
        let head = text.words.filter { !text.bracketed.contains($0) }
        if head.contains("OTHER"), head.allSatisfy(["OTHER", "OTHERS", "SOURCE", "SOURCES"].contains) {
            let examples = text.keepingWords { text.bracketed.contains(text.words[$0]) }
            // Unless its examples are the DfE's own for 1D (`Other (including stranger, MP)`): the
            // councils file that both as 8 and as 1D.
            if let said = referralSourceFromLabel(examples), said.hasPrefix("1") { return nil }
            return "8"
        }
        return referralSourceFromLabel(text) ?? referralSourceFromAbbreviation(text)
    }

    /// A value that is one shortened label word in capitals (`HOU`, `MIDW`, `FATH`, `SOL`): at least three
    /// letters, at least two letters short of every word it begins, and beginning words of one
    /// source only (`NURS` could be nurse or nursery, `COU` council or court: `nil`). Codes of
    /// the DfE's own lists are never stretched this way, and `Other` is no source's word.
    /// The one-word label a shortened word (`hous.`) begins, when it begins exactly one, at
    /// least two letters longer.
    static func referralWord(abbreviatedAs word: String) -> String? {
        guard word.count >= 3, word.allSatisfy(\.isLetter) else { return nil }
        let labels = Set(referralKeywords.filter { $0.phrase.count == 1 && $0.phrase[0].hasPrefix(word) }.map { $0.phrase[0] })
        guard labels.count == 1, let label = labels.first, label.count >= word.count + 2 else { return nil }
        return label
    }

    static func referralSourceFromAbbreviation(_ text: CodeText) -> String? {
        guard text.words.count == 1, let word = text.words.first, word.count >= 3, text.sentUpper[0],
              word.allSatisfy(\.isLetter) else { return nil }
        var found: Set<String> = []
        for keyword in referralKeywords where keyword.phrase.count == 1 {
            let label = keyword.phrase[0]
            guard label.hasPrefix(word) else { continue }
            guard label.count >= word.count + 2, !keyword.weak, keyword.code != "?" else { return nil }
            found.insert(keyword.code)
        }
        guard found.count == 1, let code = found.first else { return nil }
        let resolved = code.hasSuffix("*") ? defaultCode(familyOf(code)) : code
        return resolved == "?" ? nil : resolved
    }

    /// The words of every phrase above, for reading typos and plurals (`AQUAINTANCE`, `AGENCIES`).
    static let referralVocabulary = LabelVocabulary(referralKeywords.map { $0.phrase.joined(separator: " ") })

    static func referralSourceFromLabel(_ sent: CodeText) -> String? {
        var text = sent.read(through: referralVocabulary)
        for i in text.abbreviated where !referralVocabulary.contains(text.words[i]) {
            if let word = referralWord(abbreviatedAs: text.words[i]) { text.words[i] = word }
        }
        // A borough council by its initials (`HBC`, `DMBC`, `SMBC`): whose service, not which one.
        for (i, word) in text.words.enumerated() where text.sentUpper[i] && word.count >= 3 && word.count <= 5 && word.hasSuffix("BC") {
            text.words[i] = "BOROUGHCOUNCIL"
        }
        var matches: [Match] = []
        for keyword in referralKeywords {
            var from = 0
            while let at = text.find(keyword.phrase, from: from) {
                if !text.isNegated(at: at) {
                    matches.append((at, keyword.phrase.count, keyword))
                    break
                }
                from = at + 1
            }
        }
        // A phrase inside a longer one (`SCHOOL` in `PRE SCHOOL`, `NURSE` in `SCHOOL NURSE`) is not said.
        let found = matches
        matches.removeAll { m in
            found.contains { $0.length > m.length && $0.position <= m.position && m.position + m.length <= $0.position + $0.length }
        }
        let strong = matches.filter { !$0.keyword.weak }
        var pool = strong.isEmpty ? matches : strong
        pool.sort { ($0.position, -$0.length) < ($1.position, -$1.length) }
        guard let lead = pool.first, lead.keyword.code != "?" else { return nil }
        // `External` says only that it is not us, not who: alone it names no source.
        if strong.isEmpty, lead.keyword.code == "5C" { return nil }
        if isAmbiguous(lead: lead, pool: pool, text) { return nil }
        let family = familyOf(lead.keyword.code)
        // The most specific code of the chosen family, earliest first.
        var code = lead.keyword.code
        if code.hasSuffix("*") {
            // Weak phrases (`External`) may refine a family a strong one chose.
            let all = matches.sorted { ($0.position, -$0.length) < ($1.position, -$1.length) }
            code = all.first(where: { familyOf($0.keyword.code) == family && !$0.keyword.code.hasSuffix("*") })?
                .keyword.code ?? defaultCode(family)
            // A nursery or pre-school is a school to some councils and an education service to others.
            if code == "?" { return nil }
        }
        // Education that names schools is the schools code; education naming only nurseries is
        // either, as the councils file it.
        if code == "2B", pool.contains(where: { $0.keyword.code == "2A" }) { code = "2A" }
        if code == "2B", pool.contains(where: { $0.keyword.code == "2*" }) { return nil }
        // The DfE's housing label is "LA housing or housing association".
        if family == "5", lead.keyword.code.hasSuffix("*"), pool.contains(where: { $0.keyword.code == "4" }),
           !text.bracketed.contains("HOUSING") { // `(NOT HSC or Housing)` is an aside
            code = "4"
        }
        return code
    }

    typealias Match = (position: Int, length: Int, keyword: Keyword)

    /// Two sources joined (`Fire & Ambulance`), or a source and a phrase naming no single source
    /// side by side (`Nursing/Residential`): which one is meant would be a guess. After a family's
    /// own heading (`Health - Substance Misuse`) the phrase is a detail of it.
    private static func isAmbiguous(lead: Match, pool: [Match], _ text: CodeText) -> Bool {
        let end = lead.position + lead.length
        guard let next = pool.first(where: { $0.position >= end }) else { return false }
        let between = text.words[end..<next.position]
        let joined = !between.isEmpty && between.allSatisfy { $0 == "AND" || $0 == "OR" }
        let heading = ["HEALTH", "INDIVIDUAL", "LA", "LOCAL AUTHORITY", "EDUCATION"].contains(lead.keyword.phrase.joined(separator: " "))
        if next.keyword.code == "?" { return joined || (between.isEmpty && !heading) }
        return joined && familyOf(next.keyword.code).prefix(1) != familyOf(lead.keyword.code).prefix(1)
    }

    private static func familyOf(_ code: String) -> String {
        switch code.first {
        case "1", "2", "3", "5": return String(code.prefix(1)) + (code == "10" ? "0" : "")
        default: return code
        }
    }

    private static func defaultCode(_ family: String) -> String {
        switch family {
        case "1": return "1D"
        case "3": return "3F"
        case "5": return "5B"
        case "2": return "?" // `Nursery` alone: 2A or 2B, the councils disagree
        default: return family
        }
    }
}
