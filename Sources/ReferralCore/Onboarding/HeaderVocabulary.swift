/// Which standard field a partner's column header names, by its words (onboarding.md's table),
/// whatever the punctuation, case and order, with any qualifier (`Patient Forename`, `Address
/// Postcode`). A header naming more than one field takes the most specific phrase (`Child
/// Unique ID` is the LA child id, not the reference); a header naming none is `nil`, never guessed.
public enum HeaderVocabulary {
    /// Each field's phrases, most preferred first; a phrase matches when all its words are in the header.
    static let phrases: [(field: StandardField, words: [String])] = {
        let table: [(StandardField, [String])] = [
            (.partnerRef, ["REF", "REFERENCE", "ID", "CASE REF", "INCIDENT ID", "OCCURRENCE REF", "OCCURRENCE NUMBER"]),
            (.referralDate, ["REFERRAL DATE", "DATE REFERRED", "REFERRAL RECEIVED", "DATE REPORTED", "DATE RECEIVED"]),
            (.nhsNumber, ["NHS", "NHS NUMBER"]),
            (.upn, ["UPN", "UNIQUE PUPIL NUMBER", "PUPIL NUMBER"]),
            (.laChildId, ["CHILD ID", "CHILD UNIQUE ID", "LA ID", "LCS ID", "PERSON ID", "CLIENT ID"]),
            (.forename, ["FORENAME", "FIRST NAME", "GIVEN NAME", "FIRSTNAME"]),
            (.surname, ["SURNAME", "LAST NAME", "FAMILY NAME", "LASTNAME"]),
            (.fullName, ["NAME", "CHILD NAME", "FULL NAME", "SUBJECT NAME"]),
            (.expectedDateOfBirth, ["EDD", "EXPECTED DATE BIRTH", "DUE DATE"]),
            (.dateOfBirth, ["DOB", "DATE BIRTH", "BIRTH DATE"]),
            (.sex, ["SEX", "GENDER"]),
            (.ethnicity, ["ETHNICITY", "ETHNIC", "ETHNIC ORIGIN", "ETHNIC GROUP"]),
            (.postcode, ["POSTCODE", "POST CODE", "POSTAL CODE"]),
            (.referralSource, ["REFERRAL SOURCE", "SOURCE", "REFERRED BY", "REFERRER"]),
            (.primaryNeed, ["PRIMARY NEED", "NEED", "CATEGORY NEED"]),
            (.reason, ["REASON", "DETAILS", "NARRATIVE", "CONCERN", "SUMMARY"]),
        ]
        return table.flatMap { field, list in list.map { (field, $0.split(separator: " ").map(String.init)) } }
    }()

    /// Words that say nothing (`Date of Birth` is `DATE BIRTH`), and plain variants.
    static let dropped: Set<String> = ["OF", "THE", "A"]
    static let variants: [String: String] = [
        "NO": "NUMBER", "NUM": "NUMBER", "NBR": "NUMBER", "NUMB": "NUMBER", "REFNO": "REF", "REFS": "REF",
        "IDENTIFIER": "ID", "FORENAMES": "FORENAME", "SURNAMES": "SURNAME", "ETHNICITIES": "ETHNICITY",
        "DETAIL": "DETAILS", "REASONS": "REASON", "CONCERNS": "CONCERN", "POSTCODES": "POSTCODE",
        "PUPILNUMBER": "PUPIL NUMBER", "POSTALCODE": "POSTAL CODE", "NHSNUMBER": "NHS NUMBER", "REFERRER": "REFERRER",
        "REFERRED": "REFERRED", "BIRTHDATE": "BIRTH DATE", "DATEOFBIRTH": "DATE BIRTH",
    ]

    /// The header's words: upper case, split at anything but letters and digits (`_` too), apostrophes
    /// dropped (`Child's` → `CHILDS`), a run of single letters joined (`D.O.B.` → `DOB`).
    public static func words(_ header: String) -> [String] {
        var raw: [String] = []
        var current = ""
        for scalar in header.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                raw.append(current.uppercased())
                current = ""
            }
        }
        if !current.isEmpty { raw.append(current.uppercased()) }
        var joined: [String] = []
        var letters = ""
        for word in raw {
            if word.count == 1, word.first!.isLetter { letters += word; continue }
            if !letters.isEmpty { joined.append(letters); letters = "" }
            joined.append(word)
        }
        if !letters.isEmpty { joined.append(letters) }
        return joined.flatMap { (variants[$0] ?? $0).split(separator: " ").map(String.init) }.filter { !dropped.contains($0) }
    }

    /// The field `header` names and how specifically (the number of words matched; a header that
    /// is a standard field's own name scores highest), or `nil`.
    public static func field(for header: String) -> (field: StandardField, words: Int, rank: Int)? {
        let trimmed = String(header.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased()
        if let field = StandardField(rawValue: trimmed) { return (field, 100, 0) }
        let words = Set(Self.words(header))
        var best: (field: StandardField, words: Int, rank: Int)?
        for (rank, phrase) in phrases.enumerated() where phrase.words.allSatisfy(words.contains) {
            if best == nil || phrase.words.count > best!.words { best = (phrase.field, phrase.words.count, rank) }
        }
        return best
    }
}
